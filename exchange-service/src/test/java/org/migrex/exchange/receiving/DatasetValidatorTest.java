package org.migrex.exchange.receiving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.Observation;

/**
 * Each rule of {@link DatasetValidator} on a small KAZ to KGZ dataset for 2025-03 (kept FLOW, SEX, DURATION,
 * TIME_PERIOD, as an agreement projects them): one change per row, the expected reason written out by hand.
 */
class DatasetValidatorTest {
    private static final DatasetValidator VALIDATOR = new DatasetValidator(5);

    private static Observation obs(String flow, String sex, String duration, Long value, String conf) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("FLOW", flow);
        d.put("SEX", sex);
        d.put("DURATION", duration);
        d.put("TIME_PERIOD", "2025-03");
        return new Observation(d, value, conf);
    }

    /** Three valid observations: IMM M LONG_TERM 6, IMM F LONG_TERM suppressed, IMM _T _T 14. */
    private static ExchangeDataset dataset() {
        List<Observation> o = new ArrayList<>(List.of(obs("IMM", "M", "LONG_TERM", 6L, "F"),
                obs("IMM", "F", "LONG_TERM", null, "C"), obs("IMM", "_T", "_T", 14L, "F")));
        return ExchangeDataset.newBuilder().setDatasetId("d1").setSender("KAZ").setReceiver("KGZ")
                .setAgreementId("KAZ-KGZ-MIGR_FLOW").setDataflow("MIGR_FLOW").setPeriod("2025-03").setRevision(1)
                .setStatus("PROVISIONAL").setGeneratedAt(Instant.parse("2025-04-02T08:00:00Z")).setObservations(o)
                .setKeyId("KAZ-2026-1").setSignature(ByteBuffer.allocate(0)).build();
    }

    private static Map<String, String> dims(Observation o) {
        return o.getDimensions();
    }

    static Stream<Arguments> refusals() {
        String first = "observation 1 (FLOW=IMM, SEX=M, DURATION=LONG_TERM, TIME_PERIOD=2025-03): ";
        return Stream.of(
                Arguments.of("unknown dataflow", (Consumer<ExchangeDataset>) d -> d.setDataflow("MIGR_VISAS"),
                        "UNKNOWN_DATAFLOW: dataflow 'MIGR_VISAS' is not one this node accepts; accepted: [MIGR_FLOW, MIGR_PERMITS, MIGR_ACQ, MIGR_QUALITY, MIGR_STOCK, REMITTANCES]"),
                Arguments.of("period is a day", (Consumer<ExchangeDataset>) d -> d.setPeriod("2025-03-01"),
                        "INVALID_PERIOD: period '2025-03-01' is not a month; accepted: yyyy-MM, e.g. 2025-03"),
                Arguments.of("month 13", (Consumer<ExchangeDataset>) d -> d.setPeriod("2025-13"),
                        "INVALID_PERIOD: period '2025-13' is not a month; accepted: yyyy-MM, e.g. 2025-03"),
                Arguments.of("six observations, five allowed", (Consumer<ExchangeDataset>) d -> {
                    for (String sex : List.of("F", "_U", "M")) {
                        d.getObservations().add(obs("EMI", sex, "LONG_TERM", 1L, "F"));
                    }
                }, "TOO_MANY_OBSERVATIONS: 6 observations; accepted: at most 5 (migrex.exchange.inbox.max-observations)"),
                Arguments.of("unknown dimension", (Consumer<ExchangeDataset>) d -> dims(d.getObservations().get(1))
                        .put("COLOUR", "RED"),
                        "INVALID_OBSERVATION: observation 2 (FLOW=IMM, SEX=F, DURATION=LONG_TERM, TIME_PERIOD=2025-03,"
                                + " COLOUR=RED): dimension 'COLOUR' is not a dimension of MIGR_FLOW; accepted: [REF_AREA,"
                                + " FLOW, COUNTERPART_AREA, CITIZENSHIP, SEX, AGE, PURPOSE, DURATION, TIME_PERIOD]"),
                Arguments.of("other dimensions than observation 1", (Consumer<ExchangeDataset>) d ->
                        dims(d.getObservations().get(2)).remove("DURATION"),
                        "INVALID_OBSERVATION: observation 3 (FLOW=IMM, SEX=_T, TIME_PERIOD=2025-03): has dimensions"
                                + " [FLOW, SEX, TIME_PERIOD]; accepted: those of observation 1, [FLOW, SEX, DURATION,"
                                + " TIME_PERIOD]"),
                Arguments.of("code not in its code list", (Consumer<ExchangeDataset>) d ->
                        dims(d.getObservations().get(0)).put("SEX", "X"),
                        "INVALID_OBSERVATION: observation 1 (FLOW=IMM, SEX=X, DURATION=LONG_TERM, TIME_PERIOD=2025-03):"
                                + " SEX 'X' is not in CL_SEX; accepted: a code of CL_SEX or _T"),
                Arguments.of("formula as a code", (Consumer<ExchangeDataset>) d ->
                        dims(d.getObservations().get(0)).put("DURATION", "=HYPERLINK(\"http://x\")"),
                        "INVALID_OBSERVATION: observation 1 (FLOW=IMM, SEX=M, DURATION==HYPERLINK(\"http://x\"),"
                                + " TIME_PERIOD=2025-03): DURATION '=HYPERLINK(\"http://x\")' is not in CL_DURATION;"
                                + " accepted: a code of CL_DURATION or _T"),
                Arguments.of("time period of another month", (Consumer<ExchangeDataset>) d ->
                        dims(d.getObservations().get(0)).put("TIME_PERIOD", "2025-02"),
                        "INVALID_OBSERVATION: observation 1 (FLOW=IMM, SEX=M, DURATION=LONG_TERM, TIME_PERIOD=2025-02):"
                                + " TIME_PERIOD '2025-02' is not the dataset's period; accepted: 2025-03"),
                Arguments.of("negative value", (Consumer<ExchangeDataset>) d ->
                        d.getObservations().get(0).setValue(-6L),
                        "INVALID_OBSERVATION: " + first + "OBS_VALUE -6 is out of range; accepted: 0 to 999999999"),
                Arguments.of("value at the bound", (Consumer<ExchangeDataset>) d ->
                        d.getObservations().get(0).setValue(1_000_000_000L),
                        "INVALID_OBSERVATION: " + first
                                + "OBS_VALUE 1000000000 is out of range; accepted: 0 to 999999999"),
                Arguments.of("free without a value", (Consumer<ExchangeDataset>) d ->
                        d.getObservations().get(0).setValue(null),
                        "INVALID_OBSERVATION: " + first + "CONF_STATUS F without OBS_VALUE; accepted: a value, or"
                                + " CONF_STATUS C for a suppressed one"),
                Arguments.of("confidential with a value", (Consumer<ExchangeDataset>) d ->
                        d.getObservations().get(0).setConfStatus("C"),
                        "INVALID_OBSERVATION: " + first + "CONF_STATUS C with OBS_VALUE 6; accepted: a confidential"
                                + " observation has no value"),
                Arguments.of("unknown CONF_STATUS", (Consumer<ExchangeDataset>) d ->
                        d.getObservations().get(0).setConfStatus("A"),
                        "INVALID_OBSERVATION: " + first + "CONF_STATUS 'A'; accepted: F (free) or C (confidential)"),
                Arguments.of("duplicate coordinate", (Consumer<ExchangeDataset>) d ->
                        d.getObservations().add(obs("IMM", "M", "LONG_TERM", 7L, "F")),
                        "INVALID_OBSERVATION: observation 4 (FLOW=IMM, SEX=M, DURATION=LONG_TERM, TIME_PERIOD=2025-03):"
                                + " repeats the coordinate of observation 1; accepted: each coordinate once"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithTheFirstOffendingObservationFieldAndValue(String rule, Consumer<ExchangeDataset> change,
            String reason) {
        ExchangeDataset d = dataset();
        change.accept(d);
        InboxVerifier.Verdict verdict = VALIDATOR.validate(d);
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.reason().name() + ": " + verdict.detail()).isEqualTo(reason);
    }

    @Test
    void acceptsWhatTheSendingSideWrites() {
        assertThat(VALIDATOR.validate(dataset()).accepted()).isTrue();
    }

    @Test
    void acceptsValuesAtTheEdgesOfTheRangeAndFiveObservations() {
        ExchangeDataset d = dataset();
        d.getObservations().get(0).setValue(0L);
        d.getObservations().get(2).setValue(999_999_999L);
        d.getObservations().add(obs("EMI", "_U", "SHORT_TERM", 1L, "F"));
        d.getObservations().add(obs("EMI", "_T", "_T", 1L, "F"));
        assertThat(VALIDATOR.validate(d).accepted()).isTrue();
    }

    @Test
    void migrQualitysSourceIsCheckedAgainstItsPatternAndIndicatorAgainstItsCodeList() {
        ExchangeDataset d = dataset();
        d.setDataflow("MIGR_QUALITY");
        d.setAgreementId("KAZ-KGZ-MIGR_QUALITY");
        List<Observation> o = new ArrayList<>();
        o.add(new Observation(new LinkedHashMap<>(Map.of("SOURCE", "kaz-mvd", "INDICATOR", "COUNTED",
                "TIME_PERIOD", "2025-03")), 12L, "F"));
        o.add(new Observation(new LinkedHashMap<>(Map.of("SOURCE", "_T", "INDICATOR", "COUNTED",
                "TIME_PERIOD", "2025-03")), 12L, "F"));
        d.setObservations(o);
        assertThat(VALIDATOR.validate(d).accepted()).isTrue();

        o.get(0).getDimensions().put("SOURCE", "kaz mvd");
        var verdict = VALIDATOR.validate(d);
        assertThat(verdict.reason().name() + ": " + verdict.detail()).isEqualTo("INVALID_OBSERVATION: observation 1"
                + " (SOURCE=kaz mvd, INDICATOR=COUNTED, TIME_PERIOD=2025-03): SOURCE 'kaz mvd' does not match"
                + " [A-Za-z0-9._-]{1,64}; accepted: such an id or _T");
        o.get(0).getDimensions().put("SOURCE", "kaz-mvd");
        o.get(0).getDimensions().put("INDICATOR", "ROWS_LOST");
        verdict = VALIDATOR.validate(d);
        assertThat(verdict.detail()).endsWith("INDICATOR 'ROWS_LOST' is not in CL_QUALITY_INDICATOR; accepted: a"
                + " code of CL_QUALITY_INDICATOR or _T");
    }

    @Test
    void acceptsAnEmptyRevisionTheWithdrawalOfATable() {
        ExchangeDataset d = dataset();
        d.setObservations(new ArrayList<>());
        assertThat(VALIDATOR.validate(d).accepted()).isTrue();
    }

    @Test
    void cutsALongPartnerSuppliedTextInTheReason() {
        ExchangeDataset d = dataset();
        d.setDataflow("X".repeat(500));
        assertThat(VALIDATOR.validate(d).detail())
                .isEqualTo("dataflow '" + "X".repeat(40) + "...' is not one this node accepts; accepted: [MIGR_FLOW, MIGR_PERMITS, MIGR_ACQ, MIGR_QUALITY, MIGR_STOCK, REMITTANCES]");
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThatThrownBy(() -> new DatasetValidator(0)).hasMessage("maxObservations must be at least 1, not 0");
    }

    /** A REMITTANCES dataset of RUS for 2024-Q1: a quarter period, and money amounts above the counts' bound. */
    private static ExchangeDataset remittances(String period, String timePeriod, long flowValue) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("REF_AREA", "RUS");
        d.put("INDICATOR", "FLOW_VALUE");
        d.put("SENDING_AREA", "RUS");
        d.put("RECEIVING_AREA", "TJK");
        d.put("AMOUNT", "_Z");
        d.put("CURRENCY", "USD");
        d.put("TIME_PERIOD", timePeriod);
        return ExchangeDataset.newBuilder().setDatasetId("r1").setSender("RUS").setReceiver("TJK")
                .setAgreementId("RUS-TJK-REMITTANCES").setDataflow("REMITTANCES").setPeriod(period).setRevision(1)
                .setStatus("PROVISIONAL").setGeneratedAt(Instant.parse("2024-04-02T08:00:00Z"))
                .setObservations(List.of(new Observation(d, flowValue, "F")))
                .setKeyId("RUS-2026-1").setSignature(ByteBuffer.allocate(0)).build();
    }

    @Test
    void remittancesAreByQuarterAndTheirAmountsExceedTheCountsBound() {
        // USD 1,500,000,000.00 in 0.0001 units: 15 * 10^12, far above 10^9, accepted for REMITTANCES
        assertThat(VALIDATOR.validate(remittances("2024-Q1", "2024-Q1", 15_000_000_000_000L)).accepted()).isTrue();
        InboxVerifier.Verdict month = VALIDATOR.validate(remittances("2024-01", "2024-01", 1L));
        assertThat(month.reason().name() + ": " + month.detail())
                .isEqualTo("INVALID_PERIOD: period '2024-01' is not a quarter; accepted: YYYY-Qn, e.g. 2024-Q1");
        ExchangeDataset currency = remittances("2024-Q1", "2024-Q1", 1L);
        currency.getObservations().get(0).getDimensions().put("CURRENCY", "XYZ");
        assertThat(VALIDATOR.validate(currency).detail()).contains("CURRENCY 'XYZ' is not in CL_CURRENCY");
    }

    /** What the sender says its agreement keeps and filters must name MIGR_FLOW's dimensions. */
    @Test
    void aDefinitionNamingNoDimensionIsRefusedAndAValidOneAccepted() {
        String ids = "[REF_AREA, FLOW, COUNTERPART_AREA, CITIZENSHIP, SEX, AGE, PURPOSE, DURATION, TIME_PERIOD]";
        ExchangeDataset keep = dataset();
        keep.setKeep(List.of("FLOW", "GENDER"));
        assertThat(VALIDATOR.validate(keep).reason()).isEqualTo(InboxVerifier.Reason.INVALID_DEFINITION);
        assertThat(VALIDATOR.validate(keep).detail())
                .isEqualTo("keep names 'GENDER', which is not a dimension of MIGR_FLOW; accepted: " + ids);
        ExchangeDataset filter = dataset();
        filter.setFilter(Map.of("COUNTRY", List.of("KGZ")));
        assertThat(VALIDATOR.validate(filter).detail())
                .isEqualTo("filter names 'COUNTRY', which is not a dimension of MIGR_FLOW; accepted: " + ids);
        ExchangeDataset empty = dataset();
        empty.setFilter(Map.of("PURPOSE", List.of()));
        assertThat(VALIDATOR.validate(empty).detail())
                .isEqualTo("filter of PURPOSE covers no code, which is not a filter of MIGR_FLOW; accepted: " + ids);
        ExchangeDataset valid = dataset();
        valid.setKeep(List.of("FLOW", "SEX", "DURATION", "TIME_PERIOD"));
        valid.setFilter(Map.of("COUNTERPART_AREA", List.of("KGZ")));
        assertThat(VALIDATOR.validate(valid).accepted()).isTrue();
    }
}
