package org.migrex.exchange.receiving.sdmx;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.migrex.exchange.dataflow.Dataflows;

/**
 * Coverage-guided fuzz test (Jazzer) of the SDMX REST data query parser: any key path and {@code c[...]} filter a
 * client may send. A normal build runs the seeds in {@code src/test/resources/.../DataQueryFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration} (docs/security.md). The only allowed failure is an
 * {@link SdmxException} with HTTP status 4xx (the client's fault, answered with an SDMX error message); a parsed query
 * must then match an observation without throwing.
 */
class DataQueryFuzzTest {
    private static final SdmxObservation OBSERVATION = observation();

    @FuzzTest(maxDuration = "10s")
    void dataQuery(FuzzedDataProvider data) {
        String key = data.consumeString(200);
        String component = data.pickValue(List.of("SEX", "AGE", "TIME_PERIOD", "OBS_VALUE", "CONF_STATUS", "FLOW",
                "NOPE"));
        String filter = data.consumeRemainingAsString();
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("c[" + component + "]", List.of(filter));
        DataQuery query;
        try {
            query = DataQuery.parse(Dataflows.MIGR_FLOW, key, params);
        } catch (SdmxException refused) {
            if (refused.httpStatus() < 400 || refused.httpStatus() >= 500) {
                throw refused;
            }
            return;
        }
        query.matches(OBSERVATION);
    }

    private static SdmxObservation observation() {
        Map<String, String> key = new LinkedHashMap<>();
        for (String dimension : Dataflows.MIGR_FLOW.dimensionIds()) {
            key.put(dimension, "_T");
        }
        key.put("TIME_PERIOD", "2025-03");
        key.put("SEX", "F");
        return new SdmxObservation(key, 12L, "F");
    }
}
