package org.migrex.exchange.sending.cube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.migrex.exchange.dataflow.Cell;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;

/**
 * Differencing two revisions of one month. SEX x AGE with margins, k = 5. Revision 1: M/A1 = 2 (below k), M/A2 = 10,
 * F/A1 = 8, F/A2 = 9; margins M 12, F 17, A1 10, A2 19, total 29. Revision 2: three late persons in M/A1 (2 -> 5);
 * nothing else changes, so nothing in it is below k.
 *
 * <p>The attacker holds both and knows which cells did not change (the worst case: he guesses right): a cell
 * suppressed in one revision and published in the other with the same count, he fills in. Then he attacks each
 * revision with {@link IndependentAttacker} (the test's own LP, not the production {@link IntervalAttack}).
 */
class RevisionDifferencingTest {
    private static final List<Integer> TOTALLED = List.of(0, 1);
    private static final int K = 5;
    private static final List<String> M_A1 = List.of("M", "A1");

    /** The inner cells with every margin added. */
    private static Map<List<String>, Long> withMargins(long mA1, long mA2, long fA1, long fA2) {
        Map<List<String>, Long> t = new LinkedHashMap<>();
        t.put(List.of("M", "A1"), mA1);
        t.put(List.of("M", "A2"), mA2);
        t.put(List.of("F", "A1"), fA1);
        t.put(List.of("F", "A2"), fA2);
        t.put(List.of("M", "_T"), mA1 + mA2);
        t.put(List.of("F", "_T"), fA1 + fA2);
        t.put(List.of("_T", "A1"), mA1 + fA1);
        t.put(List.of("_T", "A2"), mA2 + fA2);
        t.put(List.of("_T", "_T"), mA1 + mA2 + fA1 + fA2);
        return t;
    }

    private static final Map<List<String>, Long> FIRST = withMargins(2, 10, 8, 9);
    private static final Map<List<String>, Long> SECOND = withMargins(5, 10, 8, 9);

    /** What the partner sees: the value, or null where suppressed. */
    private static Map<List<String>, Long> published(Map<List<String>, Long> truth, Set<List<String>> suppressed) {
        Map<List<String>, Long> seen = new LinkedHashMap<>();
        truth.forEach((c, v) -> seen.put(c, suppressed.contains(c) ? null : v));
        return seen;
    }

    /**
     * The attacker's bounds for each suppressed cell of {@code attacked}, after filling in every suppressed cell of
     * it that {@code other} publishes with the same true count.
     */
    private static Map<List<String>, double[]> differencing(Map<List<String>, Long> attacked,
            Map<List<String>, Long> attackedTruth, Map<List<String>, Long> other, Map<List<String>, Long> otherTruth) {
        Map<List<String>, Long> filled = new LinkedHashMap<>(attacked);
        attacked.forEach((c, v) -> {
            if (v == null && other.get(c) != null && otherTruth.get(c).equals(attackedTruth.get(c))) {
                filled.put(c, other.get(c));
            }
        });
        return IndependentAttacker.attack(filled, TOTALLED);
    }

    /** {@link #differencing} of two delivered tables, with their own totalled dimensions. */
    private static Map<List<String>, double[]> differencing(PublishedTable attacked, PublishedTable other) {
        Map<List<String>, Long> filled = new LinkedHashMap<>(published(attacked.counts(), attacked.suppressed()));
        attacked.suppressed().forEach(c -> {
            if (!other.suppressed().contains(c) && attacked.counts().get(c).equals(other.counts().get(c))) {
                filled.put(c, other.counts().get(c));
            }
        });
        return IndependentAttacker.attack(filled, attacked.totalled());
    }

    /** A release for publication of IMM from KGZ with {@code keep}, k 5. */
    private static ExchangeAgreement toPublic(List<String> keep) {
        return new ExchangeAgreement("KAZ-PUBLIC-MIGR_FLOW", 1, "PUBLIC", "MIGR_FLOW",
                Map.of("COUNTERPART_AREA", Set.of("KGZ")), keep, 5, Duration.ofSeconds(5), Period.ofMonths(2),
                "test");
    }

    private static boolean exact(double[] bounds) {
        return Math.ceil(bounds[0] - 1e-6) >= Math.floor(bounds[1] + 1e-6);
    }

    private static Set<List<String>> suppress(Map<List<String>, Long> table, List<PublishedTable> earlier) {
        LinearTable linear = LinearTable.of(table, TOTALLED);
        return DisclosureControl.control(linear, K, new ProtectionRule(15), List.of(),
                LinkedTables.of(List.of("SEX", "AGE"), linear, earlier)).coordinates();
    }

    private static PublishedTable publishedTable(Map<List<String>, Long> truth, Set<List<String>> suppressed,
            long revision) {
        return new PublishedTable("KAZ-KGZ-TEST", 1, "KGZ", "2026-03", revision, "FINAL", List.of("SEX", "AGE"),
                TOTALLED, K, 15, truth, suppressed);
    }

    @Test
    void suppressingEachRevisionAloneLetsTheAttackerSubtract() {
        Set<List<String>> first = DisclosureControl.suppress(FIRST, TOTALLED, K);
        Set<List<String>> second = DisclosureControl.suppress(SECOND, TOTALLED, K);
        assertThat(first).contains(M_A1);
        assertThat(second).as("nothing below k in revision 2").isEmpty();
        // alone, revision 1 protects M/A1
        assertThat(exact(IndependentAttacker.attack(published(FIRST, first), TOTALLED).get(M_A1))).isFalse();
        // with revision 2: whatever cell hid M/A1 in revision 1 is published unchanged in revision 2, and
        // M/A1 = 2 follows by subtraction (e.g. M 12 - M/A2 10)
        double[] bounds = differencing(published(FIRST, first), FIRST, published(SECOND, second), SECOND).get(M_A1);
        assertThat(bounds).containsExactly(2.0, 2.0);
    }

    @Test
    void linkedSuppressionKeepsEveryCellOfBothRevisionsUnrecoverable() {
        Set<List<String>> first = suppress(FIRST, List.of());
        Set<List<String>> second = suppress(SECOND, List.of(publishedTable(FIRST, first, 1)));
        assertThat(first).contains(M_A1);
        // a cell suppressed in revision 1 with the count it still has stays suppressed
        for (List<String> cell : first) {
            if (SECOND.get(cell).equals(FIRST.get(cell))) {
                assertThat(second).as("%s unchanged since revision 1", cell).contains(cell);
            }
        }
        Map<List<String>, Long> seenFirst = published(FIRST, first);
        Map<List<String>, Long> seenSecond = published(SECOND, second);
        Map<List<String>, double[]> onFirst = differencing(seenFirst, FIRST, seenSecond, SECOND);
        Map<List<String>, double[]> onSecond = differencing(seenSecond, SECOND, seenFirst, FIRST);
        onFirst.forEach((cell, bounds) -> {
            assertThat(exact(bounds)).as("revision 1 %s: [%s, %s]", cell, bounds[0], bounds[1]).isFalse();
            assertThat(bounds[0]).isLessThanOrEqualTo(FIRST.get(cell));
            assertThat(bounds[1]).isGreaterThanOrEqualTo(FIRST.get(cell));
        });
        onSecond.forEach((cell, bounds) ->
                assertThat(exact(bounds)).as("revision 2 %s: [%s, %s]", cell, bounds[0], bounds[1]).isFalse());
        // M/A1 of revision 1 (2) keeps its protection interval: at least 2 + 15 % above, and 1 below
        double[] mA1 = onFirst.get(M_A1);
        assertThat(IndependentAttacker.breach(2, 1, true, mA1, 15)).isNull();
    }

    @Test
    void thePreDeliveryCheckRefusesARevisionThatGivesAnEarlierOneAway() {
        ExchangeAgreement agreement = TestAgreements.standard("KAZ", "KGZ");
        DatasetTable first = DatasetTable.of(agreement, cells(2, 10, 8, 9));
        assertThat(first.suppressed()).isPositive();
        PublishedTable published = publishedTable(agreement, first, 1);
        // revision 2 suppressed as if revision 1 had never been sent: nothing below k, everything published
        DatasetTable alone = DatasetTable.of(agreement, cells(5, 10, 8, 9));
        assertThat(alone.suppressed()).isZero();
        assertThat(DisclosureCheck.check(agreement, alone).passes()).isTrue();
        DisclosureCheck.Verdict linked = DisclosureCheck.check(agreement, alone, List.of(published));
        assertThat(linked.passes()).isFalse();
        assertThat(linked.problems()).anyMatch(p -> p.contains("revision 1"));
        // revision 2 suppressed with revision 1 known passes
        DatasetTable second = DatasetTable.of(agreement, cells(5, 10, 8, 9), List.of(published));
        DisclosureCheck.Verdict verdict = DisclosureCheck.check(agreement, second, List.of(published));
        assertThat(verdict.passes()).as(verdict.problems().toString()).isTrue();
    }

    @Test
    void thePublicReleaseIsLinkedWithWhatEachPartnerHolds() {
        assertThat(PublishedTable.linkedReceivers("PUBLIC", List.of("KGZ", "TJK", "PUBLIC")))
                .containsExactlyInAnyOrder("PUBLIC", "KGZ", "TJK");
        assertThat(PublishedTable.linkedReceivers("KGZ", List.of("KGZ", "TJK", "PUBLIC")))
                .containsExactlyInAnyOrder("KGZ", "PUBLIC");
        assertThat(PublishedTable.linkedReceivers("KGZ", List.of("KGZ", "TJK"))).containsExactly("KGZ");

        // KGZ received March with M/A1 = 2 suppressed; the public release of March, made later when M/A1 is 5, keeps
        // the same dimensions. KGZ holds both: the public table alone publishes everything and gives KGZ's table away
        ExchangeAgreement toKgz = TestAgreements.standard("KAZ", "KGZ");
        ExchangeAgreement toPublic = toPublic(toKgz.keep());
        PublishedTable sentToKgz = publishedTable(toKgz, DatasetTable.of(toKgz, cells(2, 10, 8, 9)), 1);
        List<String> mA1 = List.of("IMM", "M", "Y20T24", "LONG_TERM", "2026-03");
        assertThat(sentToKgz.suppressed()).contains(mA1);
        DatasetTable unlinked = DatasetTable.of(toPublic, cells(5, 10, 8, 9));
        assertThat(DisclosureCheck.check(toPublic, unlinked, List.of(sentToKgz)).passes()).isFalse();
        // KGZ's own attacker, holding both: M/A1 = 2 follows exactly from what the unlinked public table publishes
        assertThat(differencing(sentToKgz, publishedTable(toPublic, unlinked, 1)).get(mA1)).containsExactly(2.0, 2.0);
        DatasetTable linked = DatasetTable.of(toPublic, cells(5, 10, 8, 9), List.of(sentToKgz));
        DisclosureCheck.Verdict verdict = DisclosureCheck.check(toPublic, linked, List.of(sentToKgz));
        assertThat(verdict.passes()).as(verdict.problems().toString()).isTrue();
        differencing(sentToKgz, publishedTable(toPublic, linked, 1)).forEach((cell, bounds) ->
                assertThat(exact(bounds)).as("KGZ's %s: [%s, %s]", cell, bounds[0], bounds[1]).isFalse());
    }

    @Test
    void aCountGivenToAPartnerUnderALowerKIsNoBreachOfThePublicTable() {
        // KGZ (k 3) was given F/A1 = 4; the public release (k 5) must suppress it, and may: it is not the public's
        ExchangeAgreement toKgz = TestAgreements.standard("KAZ", "KGZ", 3, Duration.ofSeconds(5), Period.ofMonths(2));
        ExchangeAgreement toPublic = toPublic(toKgz.keep());
        PublishedTable sentToKgz = publishedTable(toKgz, DatasetTable.of(toKgz, cells(10, 12, 4, 9)), 1);
        assertThat(sentToKgz.suppressed()).doesNotContain(List.of("IMM", "F", "Y20T24", "LONG_TERM", "2026-03"));
        DatasetTable linked = DatasetTable.of(toPublic, cells(10, 12, 4, 9), List.of(sentToKgz));
        assertThat(linked.suppressed()).isPositive();
        DisclosureCheck.Verdict verdict = DisclosureCheck.check(toPublic, linked, List.of(sentToKgz));
        assertThat(verdict.passes()).as(verdict.problems().toString()).isTrue();
    }

    /** IMM from KGZ by SEX and AGE (Y20T24 = A1, Y30T34 = A2). */
    private static Map<Cell, Long> cells(long mA1, long mA2, long fA1, long fA2) {
        Map<Cell, Long> cells = new LinkedHashMap<>();
        cells.put(cell("M", "Y20T24"), mA1);
        cells.put(cell("M", "Y30T34"), mA2);
        cells.put(cell("F", "Y20T24"), fA1);
        cells.put(cell("F", "Y30T34"), fA2);
        return cells;
    }

    private static Cell cell(String sex, String age) {
        return new Cell(Dataflows.MIGR_FLOW, List.of("KAZ", "IMM", "KGZ", "KGZ", sex, age, "WORK", "LONG_TERM",
                "2026-03"));
    }

    /** The table as DatasetProcessor keeps it after delivering it. */
    private static PublishedTable publishedTable(ExchangeAgreement agreement, DatasetTable table, long revision) {
        return PublishedTable.of(agreement, "2026-03", revision, "FINAL", table);
    }
}
