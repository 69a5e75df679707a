package org.migrex.exchange.receiving.sdmx;

import org.migrex.exchange.dataflow.Dataflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DataQueryTest {

    static SdmxObservation obs(String refArea, String flow, String sex, String period, Long value, String conf) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("REF_AREA", refArea);
        key.put("FLOW", flow);
        key.put("COUNTERPART_AREA", "KGZ");
        key.put("CITIZENSHIP", "_T");
        key.put("SEX", sex);
        key.put("AGE", "_T");
        key.put("PURPOSE", "_T");
        key.put("DURATION", "_T");
        key.put("TIME_PERIOD", period);
        return new SdmxObservation(key, value, conf);
    }

    private static final List<SdmxObservation> DATA = List.of(
            obs("KAZ", "IMM", "M", "2024-12", 3L, "F"),
            obs("KAZ", "IMM", "F", "2025-01", 4L, "F"),
            obs("KAZ", "EMI", "M", "2025-03", null, "C"),
            obs("KGZ", "IMM", "F", "2025-06", 12L, "F"),
            obs("KGZ", "EMI", "_T", "2025-07", 20L, "F"));

    private static List<Integer> selected(String key, Map<String, List<String>> params) {
        DataQuery q = DataQuery.parse(Dataflows.MIGR_FLOW, key, params);
        return java.util.stream.IntStream.range(0, DATA.size()).filter(i -> q.matches(DATA.get(i))).boxed().toList();
    }

    @Test
    void wildcardsAndOmittedTrailingDimensionsSelectEverything() {
        assertThat(selected("*", Map.of())).containsExactly(0, 1, 2, 3, 4);
        assertThat(selected("all", Map.of())).containsExactly(0, 1, 2, 3, 4);
        assertThat(selected(null, Map.of())).containsExactly(0, 1, 2, 3, 4);
        assertThat(selected("*.*.*.*.*.*.*.*.*", Map.of())).containsExactly(0, 1, 2, 3, 4);
        assertThat(selected("KAZ", Map.of())).containsExactly(0, 1, 2);
    }

    @Test
    void keyPartsSelectByDimensionInDsdOrder() {
        assertThat(selected("KAZ.IMM", Map.of())).containsExactly(0, 1);
        assertThat(selected("*.IMM.*.*.F", Map.of())).containsExactly(1, 3);
        assertThat(selected("KAZ.EMI.KGZ._T.M._T._T._T.2025-03", Map.of())).containsExactly(2);
        assertThat(selected("KAZ+KGZ.EMI", Map.of())).containsExactly(2, 4);
        assertThat(selected("KAZ.EMI,KGZ.IMM", Map.of())).containsExactly(2, 3);
        assertThat(selected(".IMM", Map.of())).containsExactly(0, 1, 3);
    }

    @Test
    void timePeriodRangesWithGeAndLe() {
        // SDMX REST: c[TIME_PERIOD]=ge:2025-01+le:2025-06; the servlet decodes '+' as a space
        assertThat(selected("*", Map.of("c[TIME_PERIOD]", List.of("ge:2025-01 le:2025-06")))).containsExactly(1, 2, 3);
        assertThat(selected("*", Map.of("c[TIME_PERIOD]", List.of("ge:2025-01+le:2025-06")))).containsExactly(1, 2, 3);
        assertThat(selected("*", Map.of("c[TIME_PERIOD]", List.of("ge:2025")))).containsExactly(1, 2, 3, 4);
        assertThat(selected("*", Map.of("c[TIME_PERIOD]", List.of("le:2024")))).containsExactly(0);
        assertThat(selected("*", Map.of("c[TIME_PERIOD]", List.of("2025-03")))).containsExactly(2);
        assertThat(selected("*", Map.of("c[TIME_PERIOD]", List.of("lt:2025-01,gt:2025-06")))).containsExactly(0, 4);
    }

    @Test
    void commaListsAreOrAndFiltersCombineWithTheKey() {
        assertThat(selected("*", Map.of("c[SEX]", List.of("M,_T")))).containsExactly(0, 2, 4);
        assertThat(selected("KAZ", Map.of("c[SEX]", List.of("M,_T")))).containsExactly(0, 2);
        assertThat(selected("*", Map.of("c[CONF_STATUS]", List.of("C")))).containsExactly(2);
        assertThat(selected("*", Map.of("c[OBS_VALUE]", List.of("ge:10")))).containsExactly(3, 4);
        assertThat(selected("*", Map.of("c[REF_AREA]", List.of("ne:KAZ")))).containsExactly(3, 4);
        assertThat(selected("*", Map.of("other", List.of("x")))).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void malformedKeysAndFiltersAreSyntaxErrors() {
        assertThatThrownBy(() -> DataQuery.parse(Dataflows.MIGR_FLOW, "A.B.C.D.E.F.G.H.I.J", Map.of()))
                .isInstanceOfSatisfying(SdmxException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.sdmxCode()).isEqualTo(140);
                    assertThat(e.getMessage()).contains("10 parts").contains("9 dimensions");
                });
        assertThatThrownBy(() -> DataQuery.parse(Dataflows.MIGR_FLOW, "KAZ.I?M", Map.of()))
                .isInstanceOfSatisfying(SdmxException.class, e -> assertThat(e.getMessage()).contains("FLOW"));
        assertThatThrownBy(() -> DataQuery.parse(Dataflows.MIGR_FLOW, "*", Map.of("c[COLOUR]", List.of("red"))))
                .isInstanceOfSatisfying(SdmxException.class, e -> assertThat(e.getMessage()).contains("COLOUR"));
        assertThatThrownBy(() -> DataQuery.parse(Dataflows.MIGR_FLOW, "*", Map.of("c[SEX]", List.of("ge:"))))
                .isInstanceOf(SdmxException.class);
    }

    @Test
    void refAreaSelectionIsKnownWhenTheKeyOrAnEqFilterNamesIt() {
        assertThat(DataQuery.parse(Dataflows.MIGR_FLOW, "KAZ.IMM", Map.of()).onlyCodesOf("REF_AREA")).containsExactly("KAZ");
        assertThat(DataQuery.parse(Dataflows.MIGR_FLOW, "KAZ+KGZ", Map.of()).onlyCodesOf("REF_AREA")).containsExactlyInAnyOrder("KAZ", "KGZ");
        assertThat(DataQuery.parse(Dataflows.MIGR_FLOW, "*.IMM", Map.of()).onlyCodesOf("REF_AREA")).isEmpty();
        assertThat(DataQuery.parse(Dataflows.MIGR_FLOW, "*", Map.of("c[REF_AREA]", List.of("KGZ"))).onlyCodesOf("REF_AREA"))
                .containsExactly("KGZ");
        assertThat(DataQuery.parse(Dataflows.MIGR_FLOW, "*", Map.of("c[REF_AREA]", List.of("ne:KGZ"))).onlyCodesOf("REF_AREA")).isEmpty();
    }

    /** Found by DataQueryFuzzTest: a line break in a filter term failed with IllegalStateException (a 500). */
    @Test
    void aLineBreakInAFilterTermIsASyntaxError() {
        assertThatThrownBy(() -> DataQuery.parse(Dataflows.MIGR_FLOW, "*", Map.of("c[SEX]", List.of("F\nM"))))
                .isInstanceOfSatisfying(SdmxException.class, e -> assertThat(e.httpStatus()).isEqualTo(400))
                .hasMessageContaining("line break");
    }

    /** Found by DataQueryFuzzTest: the number was checked only when an observation was matched. */
    @Test
    void aNonNumericObsValueFilterIsRefusedWhenTheQueryIsParsed() {
        assertThatThrownBy(() -> DataQuery.parse(Dataflows.MIGR_FLOW, "*", Map.of("c[OBS_VALUE]", List.of(".M.08"))))
                .isInstanceOfSatisfying(SdmxException.class, e -> assertThat(e.httpStatus()).isEqualTo(400))
                .hasMessageContaining("'.M.08' is not a number");
        assertThatThrownBy(() -> DataQuery.parse(Dataflows.MIGR_FLOW, "*", Map.of("c[OBS_VALUE]", List.of("ge:5+lt:x"))))
                .hasMessageContaining("'x' is not a number");
        assertThat(DataQuery.parse(Dataflows.MIGR_FLOW, "*", Map.of("c[OBS_VALUE]", List.of("ge:5+lt:10.5"))).matches(
                new SdmxObservation(Map.of("SEX", "F"), 7L, "F"))).isTrue();
    }

    private static SdmxObservation permit(String refArea, String type, String sex, Long value) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("REF_AREA", refArea);
        key.put("PERMIT_TYPE", type);
        key.put("CITIZENSHIP", "KGZ");
        key.put("SEX", sex);
        key.put("AGE", "_T");
        key.put("PURPOSE", "_T");
        key.put("TIME_PERIOD", "2026-03");
        return new SdmxObservation(key, value, "F");
    }

    @Test
    void aMigrPermitsQueryIsOverMigrPermitsDimensions() {
        List<SdmxObservation> permits = List.of(permit("KAZ", "WORK_PERMIT", "M", 3L),
                permit("KAZ", "RESIDENCE_PERMIT", "F", 4L), permit("KGZ", "WORK_PERMIT", "F", 5L));
        DataQuery byKey = DataQuery.parse(Dataflows.MIGR_PERMITS, "KAZ.WORK_PERMIT", Map.of());
        assertThat(permits.stream().filter(byKey::matches).toList()).containsExactly(permits.get(0));
        DataQuery bySex = DataQuery.parse(Dataflows.MIGR_PERMITS, "*.*.KGZ.F", Map.of("c[OBS_VALUE]", List.of("ge:5")));
        assertThat(permits.stream().filter(bySex::matches).toList()).containsExactly(permits.get(2));
        assertThat(DataQuery.parse(Dataflows.MIGR_PERMITS, "KAZ+KGZ", Map.of()).onlyCodesOf("REF_AREA"))
                .containsExactlyInAnyOrder("KAZ", "KGZ");
        // seven parts at most, and no MIGR_FLOW component
        assertThatThrownBy(() -> DataQuery.parse(Dataflows.MIGR_PERMITS, "A.B.C.D.E.F.G.H", Map.of()))
                .isInstanceOfSatisfying(SdmxException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("key 'A.B.C.D.E.F.G.H' has 8 parts; MIGR_PERMITS has 7 dimensions: "
                                + "REF_AREA.PERMIT_TYPE.CITIZENSHIP.SEX.AGE.PURPOSE.TIME_PERIOD"));
        assertThatThrownBy(() -> DataQuery.parse(Dataflows.MIGR_PERMITS, "*", Map.of("c[DURATION]", List.of("_T"))))
                .isInstanceOfSatisfying(SdmxException.class, e -> assertThat(e.getMessage())
                        .contains("unknown component 'DURATION'").contains("PERMIT_TYPE"));
    }

    private static SdmxObservation quality(String source, String indicator, Long value) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("REF_AREA", "KAZ");
        key.put("SOURCE", source);
        key.put("FLOW", "IMM");
        key.put("INDICATOR", indicator);
        key.put("TIME_PERIOD", "2025-01");
        return new SdmxObservation(key, value, "F");
    }

    @Test
    void aMigrQualityQuerySelectsBySourceInTheKeyOrByFilterWhenTheSourceIdHasADot() {
        List<SdmxObservation> quality = List.of(quality("template", "REGISTRATIONS", 6L),
                quality("template", "COUNTED", 2L), quality("kaz.mvd", "COUNTED", 1L), quality("_T", "COUNTED", 3L));
        DataQuery byKey = DataQuery.parse(Dataflows.MIGR_QUALITY, "KAZ.template..COUNTED", Map.of());
        assertThat(quality.stream().filter(byKey::matches).toList()).containsExactly(quality.get(1));
        // a key splits at '.', so a source id with a dot is selected with a filter
        DataQuery byFilter = DataQuery.parse(Dataflows.MIGR_QUALITY, "*", Map.of("c[SOURCE]", List.of("kaz.mvd")));
        assertThat(quality.stream().filter(byFilter::matches).toList()).containsExactly(quality.get(2));
        assertThatThrownBy(() -> DataQuery.parse(Dataflows.MIGR_QUALITY, "KAZ.kaz.mvd.IMM.COUNTED.2025-01", Map.of()))
                .isInstanceOfSatisfying(SdmxException.class, e -> assertThat(e.getMessage())
                        .contains("has 6 parts; MIGR_QUALITY has 5 dimensions"));
    }
}
