package org.migrex.exchange.sending.cube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.migrex.exchange.dataflow.Cell;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;

/**
 * Tables with different dimensions that one partner holds, combined by the attacker (issue 13): a public table by
 * COUNTERPART_AREA and SEX, and KGZ's table (COUNTERPART_AREA fixed to KGZ) by CITIZENSHIP and SEX. KGZ's table's SEX
 * margins are the public table's KGZ cells.
 */
class JointDisclosureTest {
    private static final List<String> M_FROM_TJK = List.of("IMM", "TJK", "M", "2026-03");

    /** IMM, March: from KGZ 6 of each citizenship (KGZ, UZB) and sex; from TJK (citizen of TJK) 2 men, 6 women. */
    private static Map<Cell, Long> cells() {
        Map<Cell, Long> cells = new LinkedHashMap<>();
        for (String citizenship : List.of("KGZ", "UZB")) {
            for (String sex : List.of("M", "F")) {
                cells.put(cell("KGZ", citizenship, sex), 6L);
            }
        }
        cells.put(cell("TJK", "TJK", "M"), 2L);
        cells.put(cell("TJK", "TJK", "F"), 6L);
        return cells;
    }

    private static Cell cell(String counterpart, String citizenship, String sex) {
        return new Cell(Dataflows.MIGR_FLOW, List.of("KAZ", "IMM", counterpart, citizenship, sex, "Y30T34", "WORK",
                "LONG_TERM", "2026-03"));
    }

    private static final ExchangeAgreement TO_PUBLIC = agreement("KAZ-PUBLIC-MIGR_FLOW", "PUBLIC", Map.of(),
            List.of("FLOW", "COUNTERPART_AREA", "SEX", "TIME_PERIOD"));
    private static final ExchangeAgreement TO_KGZ = agreement("KAZ-KGZ-MIGR_FLOW", "KGZ",
            Map.of("COUNTERPART_AREA", Set.of("KGZ")), List.of("FLOW", "CITIZENSHIP", "SEX", "TIME_PERIOD"));

    private static ExchangeAgreement agreement(String id, String partner, Map<String, Set<String>> filter,
            List<String> keep) {
        return new ExchangeAgreement(id, 1, partner, Dataflows.MIGR_FLOW, filter, keep, 3, Duration.ZERO,
                Period.ofMonths(2), "test", 15);
    }

    @Test
    void aPublicTableThatGivesAwayAPrimaryCellWithKgzsTableIsNotSentButSuppressedMore() {
        // KGZ's table: every cell is 6 or more, all published, among them the SEX margins M = 12, F = 12
        DatasetTable kgz = DatasetTable.of(TO_KGZ, cells());
        assertThat(kgz.suppressed()).isZero();
        PublishedTable sentToKgz = PublishedTable.of(TO_KGZ, "2026-03", 1, "FINAL", kgz);
        // the public table as the old code made it (linked by identical dimensions only: not at all with KGZ's):
        // TJK/M = 2 is below k and is suppressed; alone it is safe
        DatasetTable alone = DatasetTable.of(TO_PUBLIC, cells());
        assertThat(observation(alone, M_FROM_TJK)).isNull();
        assertThat(DisclosureCheck.check(TO_PUBLIC, alone).passes()).isTrue();
        // but KGZ holds both: KGZ/M of the public table is KGZ's M margin (12), and M over all counterparts is
        // published or follows from what is, so TJK/M = _T/M - KGZ/M = 14 - 12 = 2. The test's own attacker over both
        // tables as one system (ojAlgo, no code shared with JointAttack) finds exactly that
        assertThat(publicBoundsForKgz(kgz, alone).get(M_FROM_TJK)).containsExactly(2.0, 2.0);
        // the check refuses that table
        DisclosureCheck.Verdict verdict = DisclosureCheck.check(TO_PUBLIC, alone, List.of(sentToKgz));
        assertThat(verdict.passes()).isFalse();
        assertThat(verdict.problems()).anySatisfy(p -> assertThat(p).contains("COUNTERPART_AREA=TJK")
                .contains("SEX=M").contains("combining tables").contains("KAZ-KGZ-MIGR_FLOW r1"));

        // made with KGZ's table in view, it suppresses more, passes, and the independent attacker learns nothing
        DatasetTable linked = DatasetTable.of(TO_PUBLIC, cells(), List.of(sentToKgz));
        assertThat(linked.suppressed()).isGreaterThan(alone.suppressed());
        DisclosureCheck.Verdict after = DisclosureCheck.check(TO_PUBLIC, linked, List.of(sentToKgz));
        assertThat(after.passes()).as(after.problems().toString()).isTrue();
        assertThat(JointDisclosurePropertyTest.breach(codes(), List.of(TO_KGZ, TO_PUBLIC), List.of(kgz, linked)))
                .isNull();
        double[] tjkMen = publicBoundsForKgz(kgz, linked).get(M_FROM_TJK);
        assertThat(tjkMen[0]).isLessThanOrEqualTo(1.0 + 1e-6);
        assertThat(tjkMen[1]).isGreaterThanOrEqualTo(3.0 - 1e-6);
    }

    @Test
    void kgzsTableThatGivesAwayAPrimaryCellOfThePublicTableIsNotSentButSuppressedMore() {
        DatasetTable release = DatasetTable.of(TO_PUBLIC, cells());
        assertThat(DisclosureCheck.check(TO_PUBLIC, release).passes()).isTrue();
        PublishedTable published = PublishedTable.of(TO_PUBLIC, "2026-03", 1, "FINAL", release);
        assertThat(published.suppressed()).contains(M_FROM_TJK);
        DatasetTable alone = DatasetTable.of(TO_KGZ, cells());
        assertThat(DisclosureCheck.check(TO_KGZ, alone).passes()).isTrue();
        assertThat(publicBoundsForKgz(alone, release).get(M_FROM_TJK)).containsExactly(2.0, 2.0);

        DisclosureCheck.Verdict verdict = DisclosureCheck.check(TO_KGZ, alone, List.of(published));
        assertThat(verdict.passes()).isFalse();
        assertThat(verdict.problems()).anySatisfy(p -> assertThat(p).contains("COUNTERPART_AREA=TJK")
                .contains("KAZ-PUBLIC-MIGR_FLOW r1").contains("combining it with this table"));

        DatasetTable linked = DatasetTable.of(TO_KGZ, cells(), List.of(published));
        assertThat(linked.suppressed()).isPositive();
        DisclosureCheck.Verdict after = DisclosureCheck.check(TO_KGZ, linked, List.of(published));
        assertThat(after.passes()).as(after.problems().toString()).isTrue();
        assertThat(JointDisclosurePropertyTest.breach(codes(), List.of(TO_PUBLIC, TO_KGZ), List.of(release, linked)))
                .isNull();
    }

    @Test
    void theAuditReportsTheJointInterval() {
        DatasetTable kgz = DatasetTable.of(TO_KGZ, cells());
        DatasetTable release = DatasetTable.of(TO_PUBLIC, cells());
        List<PublishedTable> held = List.of(PublishedTable.of(TO_KGZ, "2026-03", 1, "FINAL", kgz),
                PublishedTable.of(TO_PUBLIC, "2026-03", 1, "FINAL", release));
        // each table alone passes its audit
        held.forEach(t -> assertThat(DisclosureAudit.audit(t).passes()).isTrue());
        List<DisclosureAudit.Joint> joint = DisclosureAudit.joint("KGZ", held, cells());
        assertThat(joint).hasSize(1);
        assertThat(joint.getFirst().dataflow()).isEqualTo("MIGR_FLOW");
        assertThat(joint.getFirst().tables()).containsExactly("KAZ-KGZ-MIGR_FLOW r1", "KAZ-PUBLIC-MIGR_FLOW r1");
        assertThat(joint.getFirst().evaluated()).isTrue();
        assertThat(joint.getFirst().passes()).isFalse();
        DisclosureAudit.JointCell tjkMen = joint.getFirst().suppressedCells().stream()
                .filter(c -> c.dimensions().get("COUNTERPART_AREA").equals("TJK")
                        && c.dimensions().get("SEX").equals("M")).findFirst().orElseThrow();
        // [2, 2]: computed by hand above and by the independent attacker in the test before
        assertThat(tjkMen.lower()).isEqualTo(2);
        assertThat(tjkMen.upper()).isEqualTo(2);
        assertThat(tjkMen.primary()).isTrue();
        assertThat(tjkMen.protectedEnough()).isFalse();
        assertThat(tjkMen.tables()).containsExactly("KAZ-PUBLIC-MIGR_FLOW r1");
        // every suppressed cell's joint interval is the independent attacker's
        Map<List<String>, double[]> attack = publicBoundsForKgz(kgz, release);
        assertThat(joint.getFirst().suppressedCells()).hasSize(attack.size());
        for (DisclosureAudit.JointCell cell : joint.getFirst().suppressedCells()) {
            double[] bounds = attack.get(TO_PUBLIC.keep().stream().map(cell.dimensions()::get).toList());
            assertThat(cell.lower()).as(cell.toString()).isEqualTo((long) Math.ceil(bounds[0] - 1e-6));
            assertThat(cell.upper()).as(cell.toString()).isEqualTo(Double.isInfinite(bounds[1]) ? null
                    : (long) Math.floor(bounds[1] + 1e-6));
        }
    }

    @Test
    void aCountGivenToThePartnerUnderItsLowerKIsNoBreachInTheCheckOrTheAudit() {
        // only persons from KGZ: men 4, women 9. KGZ (k 3, COUNTERPART_AREA fixed to KGZ) is given M = 4; the public
        // release (k 7, all counterparts, same dimensions) suppresses it. KGZ learns the public M exactly (its own 4,
        // and the public total 13 = its own total), but that is the count it was given: no breach (as for one table)
        ExchangeAgreement toKgz = new ExchangeAgreement("KAZ-KGZ-MIGR_FLOW", 1, "KGZ", Dataflows.MIGR_FLOW,
                Map.of("COUNTERPART_AREA", Set.of("KGZ")), List.of("FLOW", "SEX", "TIME_PERIOD"), 3, Duration.ZERO,
                Period.ofMonths(2), "test", 15);
        ExchangeAgreement toPublic = new ExchangeAgreement("KAZ-PUBLIC-MIGR_FLOW", 1, "PUBLIC", Dataflows.MIGR_FLOW,
                Map.of(), List.of("FLOW", "SEX", "TIME_PERIOD"), 7, Duration.ZERO, Period.ofMonths(2), "test", 15);
        Map<Cell, Long> cells = new LinkedHashMap<>();
        cells.put(cell("KGZ", "KGZ", "M"), 4L);
        cells.put(cell("KGZ", "KGZ", "F"), 9L);
        DatasetTable kgz = DatasetTable.of(toKgz, cells);
        assertThat(kgz.suppressed()).isZero();
        PublishedTable sentToKgz = PublishedTable.of(toKgz, "2026-03", 1, "FINAL", kgz);
        DatasetTable release = DatasetTable.of(toPublic, cells, List.of(sentToKgz));
        List<String> men = List.of("IMM", "M", "2026-03");
        PublishedTable released = PublishedTable.of(toPublic, "2026-03", 1, "FINAL", release);
        assertThat(released.suppressed()).contains(men);
        DisclosureCheck.Verdict verdict = DisclosureCheck.check(toPublic, release, List.of(sentToKgz));
        assertThat(verdict.passes()).as(verdict.problems().toString()).isTrue();

        DisclosureAudit.Joint joint = DisclosureAudit.joint("KGZ", List.of(sentToKgz, released), cells).getFirst();
        DisclosureAudit.JointCell publicMen = joint.suppressedCells().stream()
                .filter(c -> c.dimensions().get("SEX").equals("M")).findFirst().orElseThrow();
        assertThat(publicMen.lower()).isEqualTo(4);
        assertThat(publicMen.upper()).isEqualTo(4);
        assertThat(publicMen.protectedEnough()).isTrue();
        assertThat(joint.passes()).isTrue();
    }

    @Test
    void cellsOfAnotherDataflowAreNotLinked() {
        // a permits table kept SEX, AGE for March and suppressed M/Y20T24 = 4 (its k 5); a flow table with the same
        // dimensions and the same count there (k 3) has nothing to suppress: permits are not migrations
        ExchangeAgreement permits = new ExchangeAgreement("KAZ-KGZ-MIGR_PERMITS", 1, "KGZ", Dataflows.MIGR_PERMITS,
                Map.of(), List.of("SEX", "AGE", "TIME_PERIOD"), 5, Duration.ZERO, Period.ofMonths(2), "test", 15);
        ExchangeAgreement flows = new ExchangeAgreement("KAZ-KGZ-MIGR_FLOW", 1, "KGZ", Dataflows.MIGR_FLOW,
                Map.of(), List.of("SEX", "AGE", "TIME_PERIOD"), 3, Duration.ZERO, Period.ofMonths(2), "test", 15);
        Map<Cell, Long> cells = new LinkedHashMap<>();
        String[][] counts = {{"M", "Y20T24", "4"}, {"M", "Y30T34", "9"}, {"F", "Y20T24", "8"}, {"F", "Y30T34", "7"}};
        for (String[] c : counts) {
            cells.put(new Cell(Dataflows.MIGR_PERMITS, List.of("KAZ", "WORK_PERMIT", "KGZ", c[0], c[1], "WORK",
                    "2026-03")), Long.parseLong(c[2]));
            cells.put(new Cell(Dataflows.MIGR_FLOW, List.of("KAZ", "IMM", "KGZ", "KGZ", c[0], c[1], "WORK",
                    "LONG_TERM", "2026-03")), Long.parseLong(c[2]));
        }
        DatasetTable permitTable = DatasetTable.of(permits, cells);
        PublishedTable sent = PublishedTable.of(permits, "2026-03", 1, "FINAL", permitTable);
        List<String> mA1 = List.of("M", "Y20T24", "2026-03");
        assertThat(sent.suppressed()).contains(mA1);
        assertThat(sent.dataflow()).isEqualTo("MIGR_PERMITS");
        DatasetTable flowTable = DatasetTable.of(flows, cells, List.of(sent));
        assertThat(flowTable.suppressed()).isZero();
        assertThat(DisclosureCheck.check(flows, flowTable, List.of(sent)).passes()).isTrue();
        // a table stored before the dataflow was recorded is linked, as before (more linking, never less)
        PublishedTable unrecorded = PublishedTable.parse(sent.format().replaceFirst(";MIGR_PERMITS;", ";;"));
        assertThat(unrecorded.dataflow()).isNull();
        assertThat(DatasetTable.of(flows, cells, List.of(unrecorded)).suppressed()).isPositive();
    }

    @Test
    void aJointSystemAboveTheBoundIsNotSent() {
        // a public table by 80 citizenships, KGZ's by SEX, AGE and DURATION (2 x 19 x 3 present cells): nothing rules
        // out any combination, 80 x 114 atoms, above the bound: KGZ's table (one cell of 1 suppressed) is refused, not
        // checked by halves
        ExchangeAgreement byCitizenship = agreement("KAZ-PUBLIC-MIGR_FLOW", "PUBLIC", Map.of(),
                List.of("FLOW", "CITIZENSHIP", "TIME_PERIOD"));
        ExchangeAgreement bySexAgeDuration = agreement("KAZ-KGZ-MIGR_FLOW", "KGZ", Map.of(),
                List.of("FLOW", "SEX", "AGE", "DURATION", "TIME_PERIOD"));
        List<String> ages = new ArrayList<>();
        for (int a = 0; a < 85; a += 5) {
            ages.add("Y" + a + "T" + (a + 4));
        }
        ages.add("Y_GE85");
        ages.add("_U");
        Map<Cell, Long> cells = new LinkedHashMap<>();
        int i = 0;
        for (String sex : List.of("M", "F")) {
            for (String age : ages) {
                for (String duration : List.of("LONG_TERM", "SHORT_TERM", "TEMPORARY")) {
                    String citizenship = String.format("C%02d", i++ % 80);
                    cells.put(new Cell(Dataflows.MIGR_FLOW, List.of("KAZ", "IMM", "KGZ", citizenship, sex, age,
                            "WORK", duration, "2026-03")), i == 1 ? 1L : 5L);
                }
            }
        }
        assertThat(ages.size() * 2 * 3 * 80).isGreaterThan(JointAttack.MAX_ATOMS);
        PublishedTable published = PublishedTable.of(byCitizenship, "2026-03", 1, "FINAL",
                DatasetTable.of(byCitizenship, cells));
        DatasetTable table = DatasetTable.of(bySexAgeDuration, cells, List.of(published));
        assertThat(DisclosureCheck.check(bySexAgeDuration, table).passes()).isTrue();
        DisclosureCheck.Verdict verdict = DisclosureCheck.check(bySexAgeDuration, table, List.of(published));
        assertThat(verdict.passes()).isFalse();
        assertThat(verdict.problems()).anySatisfy(p -> assertThat(p).contains("not checked jointly")
                .contains(String.valueOf(JointAttack.MAX_ATOMS)));
        DisclosureAudit.Joint joint = DisclosureAudit.joint("KGZ", List.of(published,
                PublishedTable.of(bySexAgeDuration, "2026-03", 1, "FINAL", table)), cells).getFirst();
        assertThat(joint.evaluated()).isFalse();
        assertThat(joint.passes()).isFalse();
        assertThat(joint.reason()).contains(String.valueOf(JointAttack.MAX_ATOMS));
    }

    /** The test's own attacker holding both tables: [min, max] of the public table's suppressed cells. */
    private static Map<List<String>, double[]> publicBoundsForKgz(DatasetTable kgz, DatasetTable release) {
        return IndependentJointAttacker.attack(codes(), List.of(JointDisclosurePropertyTest.published(TO_KGZ, kgz),
                JointDisclosurePropertyTest.published(TO_PUBLIC, release))).get(1);
    }

    private static Long observation(DatasetTable table, List<String> coordinate) {
        return table.observations().stream()
                .filter(o -> TO_PUBLIC.keep().stream().map(d -> o.getDimensions().get(d)).toList().equals(coordinate))
                .findFirst().orElseThrow().getValue();
    }

    private static Map<String, List<String>> codes() {
        Map<String, List<String>> codes = new LinkedHashMap<>();
        codes.put("FLOW", List.of("IMM"));
        codes.put("COUNTERPART_AREA", List.of("KGZ", "TJK"));
        codes.put("CITIZENSHIP", List.of("KGZ", "UZB", "TJK"));
        codes.put("SEX", List.of("M", "F"));
        codes.put("TIME_PERIOD", List.of("2026-03"));
        return codes;
    }
}
