package org.migrex.exchange.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
import org.migrex.exchange.receiving.DatasetValidator;
import org.migrex.exchange.sending.agreement.AgreementLoader;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Observation;
import org.migrex.schema.RemittanceRecord;
import org.migrex.schema.RevisionRequest;
import org.migrex.schema.Topics;

/**
 * REMITTANCES from the topic to a signed dataset for TJK, on one TopologyTestDriver with the functions
 * {@code remittances} and {@code delivery}: the agreement keeps every dimension but REF_AREA, filters the corridors
 * to TJK; the 2024-Q1 dataset is FINAL (the quarter ended 2024-04-01, final-after 1 h, the clock is at 2024-04-10),
 * carries the hand-computed sums unsuppressed, verifies with RUS's key and passes the receiver's validation.
 */
class RemittanceDeliveryTest {
    private static final Topics RUS = Topics.forNode("RUS");
    private static final Instant START = Instant.parse("2024-04-10T00:00:00Z");

    @TempDir
    Path dir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, RemittanceRecord> input;
    private TestOutputTopic<String, ExchangeDataset> tjkInbox;
    private PublicKey publicKey;

    @BeforeEach
    void start() {
        Ed25519Keys.generate(dir.resolve("rus.key"), dir.resolve("rus.pub"));
        publicKey = Ed25519Keys.readPublic(dir.resolve("rus.pub"));
        var signer = new DatasetSigner("RUS-TEST-1", Ed25519Keys.readPrivate(dir.resolve("rus.key")));
        ExchangeAgreement agreement = new ExchangeAgreement("RUS-TJK-REMITTANCES", 1, "TJK", "REMITTANCES",
                Map.of("RECEIVING_AREA", Set.of("TJK")), List.of("INDICATOR", "SENDING_AREA", "RECEIVING_AREA",
                "AMOUNT", "CURRENCY", "TIME_PERIOD"), AgreementLoader.UNCONTROLLED_K, Duration.ofSeconds(5),
                Duration.ofHours(1), "test");
        StreamsBuilder builder = new StreamsBuilder();
        var aggregates = AvroBinarySerde.of(MigrationAggregate.class);
        new RemittanceAggregation(RUS, aggregates).accept(builder.stream(RUS.remittances().name(),
                Consumed.with(Serdes.String(), AvroBinarySerde.of(RemittanceRecord.class))));
        new Delivery(RUS, List.of(agreement), new Delivery.Serdes2(AvroBinarySerde.of(ExchangeDataset.class),
                AvroBinarySerde.of(DeliveryAuditRecord.class)), signer, partner -> DeliveryRoute.INBOX,
                DeliveryListener.NONE, Duration.ofSeconds(1))
                .accept(builder.stream(RUS.aggregates().name(), Consumed.with(Serdes.String(), aggregates)),
                        builder.stream(RUS.revisionRequests().name(),
                                Consumed.with(Serdes.String(), AvroBinarySerde.of(RevisionRequest.class))));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "migrex-rus-exchange");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        driver = new TopologyTestDriver(builder.build(), props, START);
        input = driver.createInputTopic(RUS.remittances().name(), Serdes.String().serializer(),
                AvroBinarySerde.of(RemittanceRecord.class).serializer(), START, Duration.ofMillis(10));
        tjkInbox = driver.createOutputTopic(Topics.inbox("TJK").name(), Serdes.String().deserializer(),
                AvroBinarySerde.of(ExchangeDataset.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static String coordinate(Observation o) {
        Map<String, String> d = o.getDimensions();
        return String.join("|", d.get("INDICATOR"), d.get("SENDING_AREA"), d.get("RECEIVING_AREA"), d.get("AMOUNT"),
                d.get("CURRENCY"), d.get("TIME_PERIOD"));
    }

    @Test
    void theQuartersSumsGoOutSignedFinalAndWholeAndTheReceiverAcceptsThem() {
        input.pipeInput(Topics.recordKey("rpw", "A"), RemittanceAggregationTest.price("A", "TJK", "2024-Q1", "18000",
                "180", "1.5"));
        input.pipeInput(Topics.recordKey("rpw", "C"), RemittanceAggregationTest.price("C", "TJK", "2024-Q1", "18000",
                "540", null));
        input.pipeInput(Topics.recordKey("rpw", "D"), RemittanceAggregationTest.price("D", "TJK", "2024-Q1", "18000",
                "100", "1.0"));
        input.pipeInput(Topics.recordKey("rpw", "K"), RemittanceAggregationTest.price("K", "KGZ", "2024-Q1", "18000",
                "900", "0.5")); // another corridor: not in the agreement
        input.pipeInput(Topics.recordKey("cbr", "F1"), RemittanceAggregationTest.flow("F1", "RUS", "TJK", "2024-Q1",
                "1250000000.50", null, null));
        // a closed quarter goes out FINAL once its cells were quiet for the re-send interval (5 s)
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(tjkInbox.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(4));

        List<ExchangeDataset> delivered = tjkInbox.readValuesToList();
        assertThat(delivered).hasSize(1);
        ExchangeDataset d = delivered.getFirst();
        assertThat(d.getDataflow()).isEqualTo("REMITTANCES");
        assertThat(d.getPeriod()).isEqualTo("2024-Q1");
        assertThat(d.getStatus()).isEqualTo("FINAL");
        assertThat(DatasetSignatures.verify(d, publicKey)).isTrue();
        Map<String, Long> values = new LinkedHashMap<>();
        d.getObservations().forEach(o -> {
            assertThat(o.getConfStatus()).as("nothing suppressed").isEqualTo("F");
            values.put(coordinate(o), o.getValue());
        });
        // A 25000, C not costed, D 15556: 3 points, 2 costed, 40556
        assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PRICE_POINTS|RUS|TJK|USD200|_Z|2024-Q1", 3L,
                "COSTED_POINTS|RUS|TJK|USD200|_Z|2024-Q1", 2L,
                "COST_SUM|RUS|TJK|USD200|_Z|2024-Q1", 40556L,
                "FLOW_VALUE|RUS|TJK|_Z|USD|2024-Q1", 12_500_000_005_000L));
        assertThat(new DatasetValidator(1000).validate(d).accepted()).isTrue();
    }
}
