package org.migrex.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeliveryTimesTest {
    /** Two scrapes as Micrometer's Prometheus registry writes them (buckets trimmed to four bounds). */
    private static final String BEFORE = """
            # HELP migrex_exchange_delivery_duration_seconds one delivery attempt
            # TYPE migrex_exchange_delivery_duration_seconds histogram
            migrex_exchange_delivery_duration_seconds_bucket{dataflow="MIGR_FLOW",outcome="delivered",partner="PUBLIC",le="0.1"} 3
            migrex_exchange_delivery_duration_seconds_bucket{dataflow="MIGR_FLOW",outcome="delivered",partner="PUBLIC",le="0.5"} 4
            migrex_exchange_delivery_duration_seconds_bucket{dataflow="MIGR_FLOW",outcome="delivered",partner="PUBLIC",le="2.0"} 4
            migrex_exchange_delivery_duration_seconds_bucket{dataflow="MIGR_FLOW",outcome="delivered",partner="PUBLIC",le="+Inf"} 4
            migrex_exchange_delivery_duration_seconds_count{dataflow="MIGR_FLOW",outcome="delivered",partner="PUBLIC"} 4
            migrex_exchange_delivery_duration_seconds_sum{dataflow="MIGR_FLOW",outcome="delivered",partner="PUBLIC"} 0.5
            migrex_exchange_delivery_duration_seconds_bucket{dataflow="MIGR_FLOW",outcome="unchanged",partner="PUBLIC",le="0.1"} 9
            migrex_exchange_delivery_duration_seconds_bucket{dataflow="MIGR_FLOW",outcome="unchanged",partner="PUBLIC",le="+Inf"} 9
            """;
    private static final String AFTER = """
            migrex_exchange_delivery_duration_seconds_bucket{dataflow="MIGR_FLOW",outcome="delivered",partner="PUBLIC",le="0.1"} 5
            migrex_exchange_delivery_duration_seconds_bucket{dataflow="MIGR_FLOW",outcome="delivered",partner="PUBLIC",le="0.5"} 10
            migrex_exchange_delivery_duration_seconds_bucket{dataflow="MIGR_FLOW",outcome="delivered",partner="PUBLIC",le="2.0"} 13
            migrex_exchange_delivery_duration_seconds_bucket{dataflow="MIGR_FLOW",outcome="delivered",partner="PUBLIC",le="+Inf"} 14
            migrex_exchange_delivery_duration_seconds_sum{dataflow="MIGR_FLOW",outcome="delivered",partner="PUBLIC"} 12.5
            migrex_exchange_delivery_duration_seconds_bucket{dataflow="MIGR_STOCK",outcome="delivered",partner="PUBLIC",le="0.1"} 2
            migrex_exchange_delivery_duration_seconds_bucket{dataflow="MIGR_STOCK",outcome="delivered",partner="PUBLIC",le="0.5"} 2
            migrex_exchange_delivery_duration_seconds_bucket{dataflow="MIGR_STOCK",outcome="delivered",partner="PUBLIC",le="2.0"} 2
            migrex_exchange_delivery_duration_seconds_bucket{dataflow="MIGR_STOCK",outcome="delivered",partner="PUBLIC",le="+Inf"} 2
            migrex_exchange_delivery_duration_seconds_sum{dataflow="MIGR_STOCK",outcome="delivered",partner="PUBLIC"} 0.1
            migrex_exchange_datasets_delivered_total{partner="PUBLIC"} 16
            """;

    @Test
    void aPhaseIsTheDifferenceOfTwoScrapesSummedOverDataflows() {
        DeliveryTimes phase = DeliveryTimes.between(BEFORE, AFTER, "delivered");
        // by hand: buckets 0.1 -> (5+2)-3 = 4, 0.5 -> (10+2)-4 = 8, 2.0 -> (13+2)-4 = 11, +Inf -> (14+2)-4 = 12
        assertThat(phase.count()).isEqualTo(12);
        assertThat(phase.over(2.0)).isEqualTo(1);
        // mean: (12.5 + 0.1 - 0.5) s / 12 = 1.00833 s
        assertThat(phase.meanMs()).isCloseTo(1008.33, org.assertj.core.data.Offset.offset(0.01));
        // p50: rank 6, first bucket with >= 6 is 0.5 s; p90: rank ceil(10.8) = 11 -> 2.0 s; p99: rank 12 -> +Inf
        assertThat(phase.percentileAtMostMs(0.50)).isEqualTo(500.0);
        assertThat(phase.percentileAtMostMs(0.90)).isEqualTo(2000.0);
        assertThat(phase.percentileAtMostMs(0.99)).isInfinite();
    }

    @Test
    void otherOutcomesAndOtherMetricsAreLeftOut() {
        assertThat(DeliveryTimes.parse(BEFORE, "unchanged").count()).isEqualTo(9);
        assertThat(DeliveryTimes.parse(AFTER, "refused").count()).isZero();
        assertThat(DeliveryTimes.parse(AFTER, "refused").percentileAtMostMs(0.99)).isEqualTo(-1);
        assertThat(DeliveryTimes.parse("", "delivered").meanMs()).isEqualTo(-1);
    }

    @Test
    void overNamesTheBoundsItKnows() {
        assertThatThrownBy(() -> DeliveryTimes.parse(AFTER, "delivered").over(3.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.0 s is not a bucket bound");
    }
}
