package org.migrex.exchange.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.migrex.exchange.receiving.DatasetValidator;
import org.migrex.exchange.sending.SendingConfiguration;
import org.migrex.localstack.LocalStack;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.Provenance;
import org.migrex.schema.RemittanceFlow;
import org.migrex.schema.RemittancePrice;
import org.migrex.schema.RemittanceRecord;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroDeserializer;
import org.migrex.serde.ConfluentAvroSerializer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sending side of node RUS for REMITTANCES on a real Kafka broker and a real Apicurio registry (LocalStack):
 * RemittanceRecords on {@code rus.remittances} as ingestion writes them (Avro, registry), including a correction, go
 * through the functions {@code remittances} and {@code delivery} to a signed FINAL dataset for 2024-Q1 in TJK's inbox
 * with the hand-computed sums; the receiver's validation accepts it.
 */
@SpringBootTest(classes = RemittanceSendingIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RemittanceSendingIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(SendingConfiguration.class)
    static class App {
    }

    private static final Topics RUS = Topics.forNode("RUS");
    private static LocalStack stack;
    private static Path work;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        stack = LocalStack.builder().start();
        work = Files.createTempDirectory("migrex-remittance-it");
        Ed25519Keys.generate(work.resolve("rus.key"), work.resolve("rus.pub"));
        Path agreements = Files.createDirectories(work.resolve("agreements"));
        Files.writeString(agreements.resolve("rus-tjk-remittances.yml"), """
                id: RUS-TJK-REMITTANCES
                version: 1
                partner: TJK
                dataflow: REMITTANCES
                filter:
                  RECEIVING_AREA: [TJK]
                keep: [INDICATOR, SENDING_AREA, RECEIVING_AREA, AMOUNT, CURRENCY, TIME_PERIOD]
                resend:
                  min-interval: PT3S
                final-after: PT1H
                """);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.inbox("TJK").name(), 1, (short) 1))).all().get();
        }
        registry.add("management.endpoint.health.group.readiness.include", () -> "readinessState,exchangeStreams");
        registry.add("spring.cloud.function.definition", () -> "remittances;delivery;forwarding");
        registry.add("migrex.node.country", () -> "RUS");
        registry.add("migrex.kafka.bootstrap-servers", stack::bootstrapServers);
        registry.add("migrex.registry.url", stack::registryConfluentUrl);
        registry.add("migrex.exchange.agreements-dir", agreements::toString);
        registry.add("migrex.exchange.signing.key-id", () -> "RUS-IT-1");
        registry.add("migrex.exchange.signing.private-key", () -> work.resolve("rus.key").toString());
        registry.add("migrex.exchange.signing.public-key", () -> work.resolve("rus.pub").toString());
        registry.add("migrex.exchange.state-dir", () -> work.resolve("state").toString());
        registry.add("migrex.exchange.schedule-interval", () -> "PT0.5S");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static Map<String, Object> serde() {
        return Map.of("schema.registry.url", stack.registryConfluentUrl(), "auto.register.schemas", true);
    }

    private static RemittanceRecord price(String id, String fee, String margin) {
        return RemittanceRecord.newBuilder().setRecordId(id).setSendingArea("RUS").setReceivingArea("TJK")
                .setQuarter("2024-Q1")
                .setPrice(new RemittancePrice("Provider " + id, "MTO", "Cash", "USD200", "RUB", "18000", fee, margin,
                        null))
                .setFlow(null).setProvenance(provenance(id)).build();
    }

    private static Provenance provenance(String id) {
        return new Provenance("RUS", "rpw", "b1", 2L, "remittance-prices", "1", Instant.now());
    }

    @Test
    void aCorridorSurveyAndAFlowBecomeASignedFinalQuarterDatasetForTheReceivingCountry() throws Exception {
        Map<String, Object> producerConfig = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"));
        var serializer = new ConfluentAvroSerializer<RemittanceRecord>();
        serializer.configure(serde(), false);
        try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), serializer)) {
            String topic = RUS.remittances().name();
            producer.send(new ProducerRecord<>(topic, "rpw|A", price("A", "180", "1.5")));  // 25000
            producer.send(new ProducerRecord<>(topic, "rpw|B", price("B", "0", "2.25")));   // 22500
            producer.send(new ProducerRecord<>(topic, "rpw|C", price("C", "540", null)));   // not costed
            producer.send(new ProducerRecord<>(topic, "rpw|D", price("D", "100", "1.0")));  // 15556
            producer.send(new ProducerRecord<>(topic, "rpw|D", price("D", "100", "1.2")));  // corrected: 17556
            producer.send(new ProducerRecord<>(topic, "cbr|F1", RemittanceRecord.newBuilder().setRecordId("F1")
                    .setSendingArea("RUS").setReceivingArea("TJK").setQuarter("2024-Q1").setPrice(null)
                    .setFlow(new RemittanceFlow("1250000000.50", "RUB", "112500000045.25"))
                    .setProvenance(provenance("F1")).build()));
            producer.flush();
        }

        var deserializer = new ConfluentAvroDeserializer<ExchangeDataset>();
        deserializer.configure(serde(), false);
        List<ExchangeDataset> delivered = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(Topics.inbox("TJK").name()));
            long deadline = System.currentTimeMillis() + 120_000;
            while (delivered.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, ExchangeDataset> r : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(r.key()).isEqualTo("RUS|REMITTANCES|2024-Q1");
                    delivered.add(r.value());
                }
            }
        }
        assertThat(delivered).as("one FINAL dataset: the quarter is closed and FINAL waits for quiet").hasSize(1);
        ExchangeDataset d = delivered.getFirst();
        assertThat(d.getStatus()).isEqualTo("FINAL");
        assertThat(d.getPeriod()).isEqualTo("2024-Q1");
        assertThat(DatasetSignatures.verify(d, Ed25519Keys.readPublic(work.resolve("rus.pub")))).isTrue();
        Map<String, Long> values = new HashMap<>();
        d.getObservations().forEach(o -> values.put(String.join("|", o.getDimensions().get("INDICATOR"),
                o.getDimensions().get("AMOUNT"), o.getDimensions().get("CURRENCY")), o.getValue()));
        assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PRICE_POINTS|USD200|_Z", 4L,
                "COSTED_POINTS|USD200|_Z", 3L,
                "COST_SUM|USD200|_Z", 25000L + 22500 + 17556, // 65056: average 2.1685 %
                "FLOW_VALUE|_Z|USD", 12_500_000_005_000L,
                "FLOW_VALUE|_Z|RUB", 1_125_000_000_452_500L));
        assertThat(new DatasetValidator(1000).validate(d).accepted()).isTrue();
    }

    private static Properties consumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }
}
