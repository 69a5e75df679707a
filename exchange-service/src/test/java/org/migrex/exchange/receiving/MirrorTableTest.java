package org.migrex.exchange.receiving;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.migrex.exchange.receiving.MirrorTable.FlowPair;
import org.migrex.exchange.receiving.MirrorTable.Row;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Observation;

/**
 * The mirror table of node KGZ against partner KAZ for 2025-03, on inputs small enough to add up by hand.
 *
 * <p>Our (KGZ) cells, COUNTERPART_AREA=KAZ unless said:
 * <pre>
 *   EMI M LONG_TERM  age Y20T24 citizenship KGZ  4
 *   EMI M LONG_TERM  age Y25T29 citizenship KGZ  3     -> EMI M LONG_TERM = 7
 *   EMI F LONG_TERM  age Y20T24                  5
 *   EMI F SHORT_TERM age Y30T34                  2
 *   EMI M LONG_TERM  COUNTERPART_AREA=RUS        100   (another partner: never counted)
 *   EMI M LONG_TERM  period 2025-02              50    (another month: never counted)
 *   IMM F LONG_TERM                              6
 * </pre>
 * KAZ's dataset for 2025-03 (cells with AGE=_T; other ages are present but must be ignored):
 * <pre>
 *   IMM M  LONG_TERM 6   IMM F LONG_TERM 5   IMM F SHORT_TERM C (suppressed)   IMM F _T C   IMM M _T 6
 *   IMM _T LONG_TERM 11  IMM _T SHORT_TERM C  IMM _T _T 14  IMM M LONG_TERM AGE=Y20T24 4 (ignored)
 *   EMI F LONG_TERM 9    EMI F _T 9   EMI _T LONG_TERM 9   EMI _T _T 9
 * </pre>
 */
class MirrorTableTest {

    private static MigrationAggregate cell(String flow, String counterpart, String sex, String age, String duration,
                                           String period, long count) {
        return MigrationAggregate.newBuilder().setDataflow("MIGR_FLOW").setCount(count).setUpdatedAt(Instant.EPOCH)
                .setDimensions(Map.of("REF_AREA", "KGZ", "FLOW", flow, "COUNTERPART_AREA", counterpart,
                        "CITIZENSHIP", "KGZ", "SEX", sex, "AGE", age, "PURPOSE", "WORK", "DURATION", duration,
                        "TIME_PERIOD", period))
                .build();
    }

    private static Observation obs(String flow, String sex, String age, String duration, Long value) {
        return Observation.newBuilder()
                .setDimensions(Map.of("FLOW", flow, "SEX", sex, "AGE", age, "DURATION", duration, "TIME_PERIOD", "2025-03"))
                .setValue(value).setConfStatus(value == null ? "C" : "F").build();
    }

    private static final List<MigrationAggregate> OURS = List.of(
            cell("EMI", "KAZ", "M", "Y20T24", "LONG_TERM", "2025-03", 4),
            cell("EMI", "KAZ", "M", "Y25T29", "LONG_TERM", "2025-03", 3),
            cell("EMI", "KAZ", "F", "Y20T24", "LONG_TERM", "2025-03", 5),
            cell("EMI", "KAZ", "F", "Y30T34", "SHORT_TERM", "2025-03", 2),
            cell("EMI", "RUS", "M", "Y20T24", "LONG_TERM", "2025-03", 100),
            cell("EMI", "KAZ", "M", "Y20T24", "LONG_TERM", "2025-02", 50),
            cell("IMM", "KAZ", "F", "Y40T44", "LONG_TERM", "2025-03", 6));

    private static ExchangeDataset kazDataset() {
        List<Observation> o = new ArrayList<>(List.of(
                obs("IMM", "M", "_T", "LONG_TERM", 6L), obs("IMM", "F", "_T", "LONG_TERM", 5L),
                obs("IMM", "F", "_T", "SHORT_TERM", null), obs("IMM", "F", "_T", "_T", null),
                obs("IMM", "M", "_T", "_T", 6L), obs("IMM", "_T", "_T", "LONG_TERM", 11L),
                obs("IMM", "_T", "_T", "SHORT_TERM", null), obs("IMM", "_T", "_T", "_T", 14L),
                obs("IMM", "M", "Y20T24", "LONG_TERM", 4L),
                obs("EMI", "F", "_T", "LONG_TERM", 9L), obs("EMI", "F", "_T", "_T", 9L),
                obs("EMI", "_T", "_T", "LONG_TERM", 9L), obs("EMI", "_T", "_T", "_T", 9L)));
        return ExchangeDataset.newBuilder().setDatasetId("d1").setSender("KAZ").setReceiver("KGZ")
                .setAgreementId("KAZ-KGZ-FLOW").setDataflow("MIGR_FLOW").setPeriod("2025-03").setRevision(3)
                .setStatus("PROVISIONAL").setGeneratedAt(Instant.EPOCH).setObservations(o).setKeyId("KAZ-1")
                .setSignature(ByteBuffer.wrap(new byte[64])).build();
    }

    private static Row find(List<Row> rows, FlowPair pair, String sex, String duration) {
        return rows.stream().filter(r -> r.flowPair() == pair && r.sex().equals(sex) && r.duration().equals(duration))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + pair + " " + sex + " " + duration));
    }

    @Test
    void pairsOurEmigrationWithPartnersImmigrationBySexAndDuration() {
        List<Row> rows = MirrorTable.compute("KGZ", "KAZ", List.of("2025-03"), OURS, p -> Optional.of(kazDataset()));

        // EMI_TO_PARTNER: sexes {M, F, _T} x durations {LONG_TERM, SHORT_TERM, _T} = 9 rows
        // IMM_FROM_PARTNER: sexes {F, _T} x durations {LONG_TERM, _T} = 4 rows
        assertThat(rows).hasSize(13);
        assertThat(rows.stream().filter(r -> r.flowPair() == FlowPair.EMI_TO_PARTNER).map(r -> r.sex() + "/" + r.duration()))
                .containsExactly("M/LONG_TERM", "M/SHORT_TERM", "M/_T", "F/LONG_TERM", "F/SHORT_TERM", "F/_T",
                        "_T/LONG_TERM", "_T/SHORT_TERM", "_T/_T");

        Row mLong = find(rows, FlowPair.EMI_TO_PARTNER, "M", "LONG_TERM");
        assertThat(mLong.ourFlow()).isEqualTo("EMI");
        assertThat(mLong.partnerFlow()).isEqualTo("IMM");
        assertThat(mLong.ourValue()).isEqualTo(7);            // 4 + 3
        assertThat(mLong.partnerValue()).isEqualTo(6);
        assertThat(mLong.difference()).isEqualTo(1);          // 7 - 6
        assertThat(mLong.ratio()).isEqualByComparingTo(new BigDecimal("0.8571")); // 6 / 7
        assertThat(mLong.partnerRevision()).isEqualTo(3);
        assertThat(mLong.partnerStatus()).isEqualTo("PROVISIONAL");

        Row fLong = find(rows, FlowPair.EMI_TO_PARTNER, "F", "LONG_TERM");
        assertThat(fLong.ourValue()).isEqualTo(5);
        assertThat(fLong.partnerValue()).isEqualTo(5);
        assertThat(fLong.difference()).isZero();
        assertThat(fLong.ratio()).isEqualByComparingTo("1");

        Row fShort = find(rows, FlowPair.EMI_TO_PARTNER, "F", "SHORT_TERM");
        assertThat(fShort.ourValue()).isEqualTo(2);
        assertThat(fShort.partnerValue()).isNull();
        assertThat(fShort.partnerConfStatus()).isEqualTo("C");
        assertThat(fShort.difference()).isNull();
        assertThat(fShort.ratio()).isNull();
        assertThat(fShort.note()).contains("suppressed");

        Row mShort = find(rows, FlowPair.EMI_TO_PARTNER, "M", "SHORT_TERM");
        assertThat(mShort.ourValue()).isZero();               // no such cell on our side
        assertThat(mShort.partnerValue()).isZero();           // left out of the dataset: 0
        assertThat(mShort.ratio()).isNull();

        Row total = find(rows, FlowPair.EMI_TO_PARTNER, "_T", "_T");
        assertThat(total.ourValue()).isEqualTo(14);           // 4 + 3 + 5 + 2
        assertThat(total.partnerValue()).isEqualTo(14);
        assertThat(total.difference()).isZero();
        assertThat(total.ratio()).isEqualByComparingTo("1");

        Row totalLong = find(rows, FlowPair.EMI_TO_PARTNER, "_T", "LONG_TERM");
        assertThat(totalLong.ourValue()).isEqualTo(12);       // 4 + 3 + 5
        assertThat(totalLong.partnerValue()).isEqualTo(11);
        assertThat(totalLong.difference()).isEqualTo(1);
        assertThat(totalLong.ratio()).isEqualByComparingTo("0.9167"); // 11 / 12 = 0.91666...

        Row fTotal = find(rows, FlowPair.EMI_TO_PARTNER, "F", "_T");
        assertThat(fTotal.ourValue()).isEqualTo(7);           // 5 + 2
        assertThat(fTotal.partnerValue()).isNull();           // suppressed by KAZ
        assertThat(fTotal.note()).contains("suppressed");

        Row immF = find(rows, FlowPair.IMM_FROM_PARTNER, "F", "LONG_TERM");
        assertThat(immF.ourFlow()).isEqualTo("IMM");
        assertThat(immF.partnerFlow()).isEqualTo("EMI");
        assertThat(immF.ourValue()).isEqualTo(6);
        assertThat(immF.partnerValue()).isEqualTo(9);
        assertThat(immF.difference()).isEqualTo(-3);          // 6 - 9: KAZ counted more departures than we arrivals
        assertThat(immF.ratio()).isEqualByComparingTo("1.5"); // 9 / 6
    }

    @Test
    void aMonthWithoutAPartnerDatasetHasOurValuesAndSaysSo() {
        List<Row> rows = MirrorTable.compute("KGZ", "KAZ", List.of("2025-02", "2025-03"), OURS,
                p -> p.equals("2025-03") ? Optional.of(kazDataset()) : Optional.empty());
        Row feb = find(rows.stream().filter(r -> r.period().equals("2025-02")).toList(), FlowPair.EMI_TO_PARTNER, "_T", "_T");
        assertThat(feb.ourValue()).isEqualTo(50);
        assertThat(feb.partnerValue()).isNull();
        assertThat(feb.ratio()).isNull();
        assertThat(feb.difference()).isNull();
        assertThat(feb.note()).isEqualTo("no dataset received from KAZ for 2025-02");
        assertThat(rows.getFirst().period()).isEqualTo("2025-02");
    }

    @Test
    void csvHasAHeaderAndOneLinePerRow() {
        List<Row> rows = MirrorTable.compute("KGZ", "KAZ", List.of("2025-03"), OURS, p -> Optional.of(kazDataset()));
        String[] lines = MirrorTable.csv(rows, MirrorDefinitions.Verdict.NOT_COMPARABLE).split("\r\n");
        assertThat(lines[0]).isEqualTo("period,flow_pair,our_flow,partner_flow,sex,duration,our_value,partner_value,"
                + "partner_conf_status,difference,ratio,partner_revision,partner_status,note,definitions");
        assertThat(lines).hasSize(14);
        assertThat(lines[1]).isEqualTo(
                "2025-03,EMI_TO_PARTNER,EMI,IMM,M,LONG_TERM,7,6,F,1,0.8571,3,PROVISIONAL,,NOT_COMPARABLE");
        assertThat(lines).contains("2025-03,EMI_TO_PARTNER,EMI,IMM,F,SHORT_TERM,2,,C,,,3,PROVISIONAL,"
                + "\"partner value suppressed by disclosure control (CONF_STATUS C): no difference, no ratio\","
                + "NOT_COMPARABLE");
        // the verdict is on every row, so that a row copied out of the file keeps it
        assertThat(List.of(lines).subList(1, lines.length)).allSatisfy(line -> assertThat(line).endsWith(",NOT_COMPARABLE"));
    }

    /**
     * Partner-supplied text (status, conf status, codes) that starts like a formula is written quoted with a leading
     * apostrophe, as SDMX-CSV does; numbers, also a negative difference, are written as they are.
     */
    @Test
    void csvQuotesPartnerSuppliedTextThatStartsLikeAFormula() {
        Row row = new Row("2025-03", FlowPair.IMM_FROM_PARTNER, "IMM", "EMI", "=1+1", "@SUM(A1)", 4, 9L, "+C", -5L,
                new BigDecimal("2.2500"), 3L, "-PROVISIONAL", "a \"note\", with comma");
        assertThat(MirrorTable.csv(List.of(row), MirrorDefinitions.Verdict.UNKNOWN).split("\r\n")[1]).isEqualTo(
                "2025-03,IMM_FROM_PARTNER,IMM,EMI,\"'=1+1\",\"'@SUM(A1)\",4,9,\"'+C\",-5,2.2500,3,"
                        + "\"'-PROVISIONAL\",\"a \"\"note\"\", with comma\",UNKNOWN");
    }

    @Test
    void aBreakdownThePartnersDatasetDoesNotKeepIsNotAvailableNeverZero() {
        // KAZ's agreement keeps FLOW and SEX only: no DURATION in any observation
        List<Observation> bySexOnly = List.of(
                Observation.newBuilder().setDimensions(Map.of("FLOW", "IMM", "SEX", "M", "TIME_PERIOD", "2025-03"))
                        .setValue(8L).setConfStatus("F").build(),
                Observation.newBuilder().setDimensions(Map.of("FLOW", "IMM", "SEX", "_T", "TIME_PERIOD", "2025-03"))
                        .setValue(13L).setConfStatus("F").build());
        ExchangeDataset dataset = kazDataset();
        dataset.setObservations(bySexOnly);
        List<Row> rows = MirrorTable.compute("KGZ", "KAZ", List.of("2025-03"), OURS, p -> Optional.of(dataset));

        Row mLong = find(rows, FlowPair.EMI_TO_PARTNER, "M", "LONG_TERM");
        assertThat(mLong.ourValue()).isEqualTo(7);
        assertThat(mLong.partnerValue()).isNull();
        assertThat(mLong.difference()).isNull();
        assertThat(mLong.ratio()).isNull();
        assertThat(mLong.note()).startsWith("not available").contains("DURATION");

        Row mAll = find(rows, FlowPair.EMI_TO_PARTNER, "M", "_T");
        assertThat(mAll.ourValue()).isEqualTo(7);
        assertThat(mAll.partnerValue()).isEqualTo(8);
        assertThat(mAll.difference()).isEqualTo(-1);
        // F is a code of SEX, which the dataset keeps: its absent cell is a real 0
        Row fAll = find(rows, FlowPair.EMI_TO_PARTNER, "F", "_T");
        assertThat(fAll.ourValue()).isEqualTo(7);             // 5 + 2
        assertThat(fAll.partnerValue()).isZero();
    }

    @Test
    void aDimensionWrittenWithItsTotalOnlyIsNoBreakdownEither() {
        // a foreign partner's tool writes DURATION=_T in every observation although it keeps no duration classes:
        // its long-term figure is not known, so it must not be read as an absent cell, i.e. 0
        List<Observation> totalsOnly = List.of(
                Observation.newBuilder().setDimensions(Map.of("FLOW", "IMM", "SEX", "M", "DURATION", "_T",
                        "TIME_PERIOD", "2025-03")).setValue(8L).setConfStatus("F").build(),
                Observation.newBuilder().setDimensions(Map.of("FLOW", "IMM", "SEX", "_T", "DURATION", "_T",
                        "TIME_PERIOD", "2025-03")).setValue(13L).setConfStatus("F").build());
        ExchangeDataset dataset = kazDataset();
        dataset.setObservations(totalsOnly);
        List<Row> rows = MirrorTable.compute("KGZ", "KAZ", List.of("2025-03"), OURS, p -> Optional.of(dataset));

        Row mLong = find(rows, FlowPair.EMI_TO_PARTNER, "M", "LONG_TERM");
        assertThat(mLong.partnerValue()).isNull();
        assertThat(mLong.ratio()).isNull();
        assertThat(mLong.note()).startsWith("not available").contains("DURATION");
        assertThat(find(rows, FlowPair.EMI_TO_PARTNER, "M", "_T").partnerValue()).isEqualTo(8);
        assertThat(find(rows, FlowPair.EMI_TO_PARTNER, "F", "_T").partnerValue())
                .as("SEX has codes other than _T: its absent F cell is a real 0").isZero();
    }
}
