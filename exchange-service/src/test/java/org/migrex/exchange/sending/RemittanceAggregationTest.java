package org.migrex.exchange.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Provenance;
import org.migrex.schema.RemittanceFlow;
import org.migrex.schema.RemittancePrice;
import org.migrex.schema.RemittanceRecord;
import org.migrex.schema.Topics;

/**
 * The function {@code remittances} on a TopologyTestDriver, on the worked example of docs/remittances.md at the RUS
 * node: RUS→TJK 2024-Q1 USD200 (18,000 RUB) with providers A (fee 180, margin 1.5), B (0, 2.25), C (540, margin not
 * observed) and D (100, 1.0); RUS→KGZ one point above 5 %; RUS→UZB one point without a margin; flows in USD and
 * RUB; then a correction of D's margin, a deletion and a repeat. Expected sums are worked out by hand in the comments.
 */
class RemittanceAggregationTest {
    private static final Topics RUS = Topics.forNode("RUS");
    private static final Instant START = Instant.parse("2024-04-10T00:00:00Z");
    private static final String TJK_Q1 = "RUS|TJK|USD200|_Z|2024-Q1";

    @TempDir
    Path dir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, RemittanceRecord> input;
    private TestOutputTopic<String, MigrationAggregate> aggregates;
    private final Map<String, MigrationAggregate> cells = new HashMap<>();

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        new RemittanceAggregation(RUS, AvroBinarySerde.of(MigrationAggregate.class)).accept(builder.stream(
                RUS.remittances().name(), Consumed.with(Serdes.String(), AvroBinarySerde.of(RemittanceRecord.class))));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "migrex-rus-exchange-remittances");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        driver = new TopologyTestDriver(builder.build(), props, START);
        input = driver.createInputTopic(RUS.remittances().name(), Serdes.String().serializer(),
                AvroBinarySerde.of(RemittanceRecord.class).serializer(), START, Duration.ofMillis(10));
        aggregates = driver.createOutputTopic(RUS.aggregates().name(), Serdes.String().deserializer(),
                AvroBinarySerde.of(MigrationAggregate.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static RemittanceRecord price(String id, String receiving, String quarter, String amount, String fee,
            String margin) {
        return RemittanceRecord.newBuilder().setRecordId(id).setSendingArea("RUS").setReceivingArea(receiving)
                .setQuarter(quarter)
                .setPrice(new RemittancePrice("Provider " + id, "BANK", "Account", "USD200", "RUB", amount, fee, margin,
                        null))
                .setFlow(null).setProvenance(provenance(id)).build();
    }

    static RemittanceRecord flow(String id, String sending, String receiving, String quarter, String usd,
            String currency, String national) {
        return RemittanceRecord.newBuilder().setRecordId(id).setSendingArea(sending).setReceivingArea(receiving)
                .setQuarter(quarter).setPrice(null).setFlow(new RemittanceFlow(usd, currency, national))
                .setProvenance(provenance(id)).build();
    }

    private static Provenance provenance(String id) {
        return new Provenance("RUS", "rpw", "b1", 2L, "remittance-prices", "1", START);
    }

    private void pipe(String id, RemittanceRecord r) {
        input.pipeInput(Topics.recordKey("rpw", id), r);
    }

    private Long value(String indicatorAndRest) {
        aggregates.readKeyValuesToMap().forEach(cells::put);
        String[] parts = indicatorAndRest.split("\\|", 2);
        MigrationAggregate a = cells.get("REMITTANCES|RUS|" + parts[0] + "|" + parts[1]);
        return a == null ? null : a.getCount();
    }

    @Test
    void sumsTheWorkedExampleAndACorrectionSubtractsTheOldValuesExactly() {
        pipe("A", price("A", "TJK", "2024-Q1", "18000", "180", "1.5"));   // 1 % + 1.5 = 2.5000 % → 25000
        pipe("B", price("B", "TJK", "2024-Q1", "18000", "0", "2.25"));    // 2.2500 % → 22500
        pipe("C", price("C", "TJK", "2024-Q1", "18000", "540", null));    // no margin: surveyed, not costed
        pipe("D", price("D", "TJK", "2024-Q1", "18000", "100", "1.0"));   // 0.5556 % + 1 = 1.5556 % → 15556
        pipe("K", price("K", "KGZ", "2024-Q1", "18000", "900", "0.5"));   // 5 % + 0.5 = 5.5000 % → 55000
        pipe("U", price("U", "UZB", "2024-Q1", "18000", "300", null));    // its only point has no margin

        assertThat(value("PRICE_POINTS|" + TJK_Q1)).isEqualTo(4L);
        assertThat(value("COSTED_POINTS|" + TJK_Q1)).isEqualTo(3L);
        assertThat(value("COST_SUM|" + TJK_Q1)).isEqualTo(25000L + 22500 + 15556); // 63056
        assertThat(value("COST_SUM|RUS|KGZ|USD200|_Z|2024-Q1")).isEqualTo(55000L);
        assertThat(value("PRICE_POINTS|RUS|UZB|USD200|_Z|2024-Q1")).isEqualTo(1L);
        assertThat(value("COSTED_POINTS|RUS|UZB|USD200|_Z|2024-Q1")).as("surveyed, no cost: 0, not absent")
                .isEqualTo(0L);
        assertThat(value("PRICE_POINTS|RUS|TJK|USD200|_Z|2024-Q2")).as("a quarter with no survey: no cell")
                .isNull();

        // D's margin corrected to 1.2: 0.5556 + 1.2 = 1.7556 % → 17556; 63056 - 15556 + 17556 = 65056
        pipe("D", price("D", "TJK", "2024-Q1", "18000", "100", "1.2"));
        assertThat(value("COST_SUM|" + TJK_Q1)).isEqualTo(65056L);
        assertThat(value("COSTED_POINTS|" + TJK_Q1)).isEqualTo(3L);
        assertThat(value("PRICE_POINTS|" + TJK_Q1)).isEqualTo(4L);

        // C deleted (a tombstone): one point fewer surveyed; the costed ones unchanged
        input.pipeInput(Topics.recordKey("rpw", "C"), null);
        assertThat(value("PRICE_POINTS|" + TJK_Q1)).isEqualTo(3L);
        assertThat(value("COST_SUM|" + TJK_Q1)).isEqualTo(65056L);

        // B sent again unchanged: nothing moves
        int before = cells.size();
        pipe("B", price("B", "TJK", "2024-Q1", "18000", "0", "2.25"));
        assertThat(aggregates.readKeyValuesToMap()).isEmpty();
        assertThat(cells).hasSize(before);

        // D moved to 2024-Q2 by a correction: its cells leave Q1 (65056 - 17556 = 47500) and appear in Q2
        pipe("D", price("D", "TJK", "2024-Q2", "18000", "100", "1.2"));
        assertThat(value("COST_SUM|" + TJK_Q1)).isEqualTo(47500L);
        assertThat(value("COSTED_POINTS|" + TJK_Q1)).isEqualTo(2L);
        assertThat(value("COST_SUM|RUS|TJK|USD200|_Z|2024-Q2")).isEqualTo(17556L);
        assertThat(cells.get("REMITTANCES|RUS|COST_SUM|" + TJK_Q1).getDimensions())
                .containsEntry("TIME_PERIOD", "2024-Q1").containsEntry("INDICATOR", "COST_SUM")
                .containsEntry("SENDING_AREA", "RUS").containsEntry("RECEIVING_AREA", "TJK")
                .containsEntry("AMOUNT", "USD200").containsEntry("CURRENCY", "_Z");
    }

    @Test
    void flowsAreExactInTenThousandthsOfTheirCurrency() {
        // USD 1,250,000,000.50 → 12,500,000,005,000; RUB 112,500,000,045.25 → 1,125,000,000,452,500
        pipe("F1", flow("F1", "RUS", "TJK", "2024-Q1", "1250000000.50", "RUB", "112500000045.25"));
        pipe("F2", flow("F2", "RUS", "TJK", "2024-Q1", "0.0001", null, null)); // a second record, same corridor
        assertThat(value("FLOW_VALUE|RUS|TJK|_Z|USD|2024-Q1")).isEqualTo(12_500_000_005_001L);
        assertThat(value("FLOW_VALUE|RUS|TJK|_Z|RUB|2024-Q1")).isEqualTo(1_125_000_000_452_500L);
        // an inflow to RUS from KAZ: REF_AREA RUS = RECEIVING_AREA
        pipe("F3", flow("F3", "KAZ", "RUS", "2024-Q1", "20", null, null));
        assertThat(value("FLOW_VALUE|KAZ|RUS|_Z|USD|2024-Q1")).isEqualTo(200_000L);
        // F1 corrected to USD 1,000: 1000.0000 + 0.0001 → 10,000,001; its RUB value removed with it
        pipe("F1", flow("F1", "RUS", "TJK", "2024-Q1", "1000", null, null));
        assertThat(value("FLOW_VALUE|RUS|TJK|_Z|USD|2024-Q1")).isEqualTo(10_000_001L);
        assertThat(value("FLOW_VALUE|RUS|TJK|_Z|RUB|2024-Q1")).isEqualTo(0L);
    }
}
