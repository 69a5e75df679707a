package org.migrex.exchange.receiving.sdmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.dataflow.Dataflows;

/** The SDMX REST v2 query parameters beyond key and filters, and the per-series limits; expected values by hand. */
class SdmxParametersTest {
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");

    @Test
    void updatedAfterIsAnInstantWithItsOffsetOrInTheServicesZone() {
        Instant utc = Instant.parse("2025-04-15T00:00:00Z");
        assertThat(SdmxParameters.dateTime("updatedAfter", "2025-04-15T00:00:00Z", ALMATY)).isEqualTo(utc);
        assertThat(SdmxParameters.dateTime("updatedAfter", "2025-04-15T05:00:00+05:00", ALMATY)).isEqualTo(utc);
        // a raw + decoded to a space by the query string
        assertThat(SdmxParameters.dateTime("updatedAfter", "2025-04-15T05:00:00 05:00", ALMATY)).isEqualTo(utc);
        assertThat(SdmxParameters.dateTime("updatedAfter", "2025-04-14T19:00:00.000-05:00", ALMATY)).isEqualTo(utc);
        // no offset: the service's zone (Almaty, UTC+5 since 2024-03-01)
        assertThat(SdmxParameters.dateTime("updatedAfter", "2025-04-15T05:00:00", ALMATY)).isEqualTo(utc);
        assertThat(SdmxParameters.dateTime("updatedAfter", null, ALMATY)).isNull();
        for (String bad : List.of("", "2025-04-15", "15.04.2025 10:00", "2025-04-15T25:00:00Z", "yesterday")) {
            assertThatThrownBy(() -> SdmxParameters.dateTime("updatedAfter", bad, ALMATY)).as(bad)
                    .isInstanceOfSatisfying(SdmxException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.sdmxCode()).isEqualTo(140);
                        assertThat(e.getMessage()).contains("updatedAfter=" + bad).contains("xs:dateTime");
                    });
        }
    }

    @Test
    void includeHistoryLimitsAttributesAndMeasures() {
        assertThat(SdmxParameters.bool("includeHistory", null)).isFalse();
        assertThat(SdmxParameters.bool("includeHistory", "TRUE")).isTrue();
        assertThatThrownBy(() -> SdmxParameters.bool("includeHistory", "yes")).isInstanceOf(SdmxException.class);
        assertThat(SdmxParameters.positive("lastNObservations", "3")).isEqualTo(3);
        assertThat(SdmxParameters.positive("lastNObservations", null)).isNull();
        for (String bad : List.of("0", "-1", "x", "1.5")) {
            assertThatThrownBy(() -> SdmxParameters.positive("lastNObservations", bad)).as(bad)
                    .hasMessageContaining("positive integer");
        }
        assertThat(SdmxParameters.components(null, null)).isEqualTo(SdmxJson.Components.ALL);
        assertThat(SdmxParameters.components("none", "none")).isEqualTo(new SdmxJson.Components(false, false));
        assertThat(SdmxParameters.components("OBS_VALUE", "series")).isEqualTo(new SdmxJson.Components(true, false));
        assertThat(SdmxParameters.components("all", "CONF_STATUS")).isEqualTo(SdmxJson.Components.ALL);
    }

    private static SdmxObservation stock(String sex, String period) {
        Dataflow<?> df = Dataflows.require("MIGR_STOCK");
        Map<String, String> key = new java.util.HashMap<>();
        df.dimensionIds().forEach(d -> key.put(d, "_T"));
        key.put("SEX", sex);
        key.put(Dataflow.TIME_PERIOD, period);
        return new SdmxObservation(key, 1L, "F");
    }

    @Test
    void firstAndLastNKeepTheEarliestAndLatestPeriodsOfEachSeries() {
        Dataflow<?> df = Dataflows.require("MIGR_STOCK");
        List<SdmxObservation> all = List.of(stock("M", "2025-01"), stock("M", "2025-02"), stock("M", "2025-03"),
                stock("F", "2025-02"));
        assertThat(SdmxObservations.limitPerSeries(df, all, null, null)).isEqualTo(all);
        assertThat(SdmxObservations.limitPerSeries(df, all, 1, null))
                .containsExactly(stock("M", "2025-01"), stock("F", "2025-02"));
        assertThat(SdmxObservations.limitPerSeries(df, all, null, 2))
                .containsExactly(stock("M", "2025-02"), stock("M", "2025-03"), stock("F", "2025-02"));
        assertThat(SdmxObservations.limitPerSeries(df, all, 1, 1))
                .containsExactly(stock("M", "2025-01"), stock("M", "2025-03"), stock("F", "2025-02"));
    }

    @Test
    void withoutADimensionOpensOnlyThatDimension() {
        Dataflow<?> df = Dataflows.require("MIGR_STOCK");
        DataQuery query = DataQuery.parse(df, "*.*.*.M", Map.of("c[TIME_PERIOD]", List.of("ge:2025-02")));
        assertThat(query.matches(stock("F", "2025-02"))).isFalse();
        assertThat(query.without("SEX").matches(stock("F", "2025-02"))).isTrue();
        assertThat(query.without("SEX").matches(stock("F", "2025-01"))).isFalse();
        assertThat(query.without(Dataflow.TIME_PERIOD).matches(stock("M", "2025-01"))).isTrue();
    }
}
