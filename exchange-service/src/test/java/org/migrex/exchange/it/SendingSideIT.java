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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.migrex.exchange.sending.SendingConfiguration;
import org.migrex.exchange.streams.ExchangeStreamsHealth;
import org.springframework.kafka.support.KafkaHeaders;
import org.migrex.node.deadletter.DeadLetter;
import org.migrex.localstack.LocalStack;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.MigrationScope;
import org.migrex.schema.Lineage;
import org.migrex.schema.Observation;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroDeserializer;
import org.migrex.serde.ConfluentAvroSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sending side of node KAZ on a real Kafka broker and a real Apicurio registry (LocalStack): harmonized events in,
 * a signed dataset in KGZ's inbox whose values equal the counts of the events sent here; nothing in the inbox of TJK,
 * with which KAZ has no agreement; the audit topic matches the deliveries; a poison pill lands on the dead-letter topic.
 */
@SpringBootTest(classes = SendingSideIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SendingSideIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(SendingConfiguration.class)
    static class App {
    }

    private static final Topics KAZ = Topics.forNode("KAZ");
    private static LocalStack stack;
    private static Path work;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        stack = LocalStack.builder().start();
        work = Files.createTempDirectory("migrex-sending-it");
        Ed25519Keys.generate(work.resolve("kaz.key"), work.resolve("kaz.pub"));
        Path agreements = Files.createDirectories(work.resolve("agreements"));
        Files.writeString(agreements.resolve("kaz-kgz.yml"), """
                id: KAZ-KGZ-MIGR_FLOW
                version: 1
                partner: KGZ
                dataflow: MIGR_FLOW
                filter:
                  COUNTERPART_AREA: [KGZ]
                keep: [FLOW, SEX, AGE, DURATION, TIME_PERIOD]
                disclosure:
                  k: 5
                resend:
                  min-interval: PT1S
                final-after: P2M
                """);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.inbox("KGZ").name(), 1, (short) 1),
                    new NewTopic(Topics.inbox("TJK").name(), 1, (short) 1))).all().get();
        }
        // this context holds the sending side only; the receiving side's health is not part of it
        registry.add("management.endpoint.health.group.readiness.include", () -> "readinessState,exchangeStreams");
        registry.add("spring.cloud.function.definition", () -> "aggregation;delivery;forwarding");
        registry.add("migrex.node.country", () -> "KAZ");
        registry.add("migrex.kafka.bootstrap-servers", stack::bootstrapServers);
        registry.add("migrex.registry.url", stack::registryConfluentUrl);
        registry.add("migrex.exchange.agreements-dir", agreements::toString);
        registry.add("migrex.exchange.signing.key-id", () -> "KAZ-IT-1");
        registry.add("migrex.exchange.signing.private-key", () -> work.resolve("kaz.key").toString());
        registry.add("migrex.exchange.signing.public-key", () -> work.resolve("kaz.pub").toString());
        registry.add("migrex.exchange.state-dir", () -> work.resolve("state").toString());
        registry.add("migrex.exchange.schedule-interval", () -> "PT0.5S");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Autowired
    ExchangeStreamsHealth streams;

    private static HarmonizedMigrationEvent event(String id, String sex, String counterpart) {
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType("RESIDENCE_REGISTRATION").setEventDate("2026-03-10")
                .setTimePeriod("2026-03").setFlow("IMM").setScope(MigrationScope.IN_SCOPE).setPersonPseudonym("p-" + id).setSex(sex)
                .setAgeYears(30).setAgeGroup("Y30T34").setCitizenship(counterpart).setCountryOfBirth(counterpart)
                .setCounterpartArea(counterpart).setPurpose("WORK").setDurationClass("LONG_TERM")
                .setDurationBasis("INTENDED").setIntendedDurationDays(400)
                .setLineage(new Lineage("template", id, "b1", 2L, "1", "ref-1", Instant.now()))
                .build();
    }

    private static Map<String, Object> serde() {
        return Map.of("schema.registry.url", stack.registryConfluentUrl(), "auto.register.schemas", true);
    }

    @Test
    void eventsBecomeASignedDatasetInThePartnersInboxAndNothingElseLeaves() throws Exception {
        // 7 men and 5 women from KGZ, 3 men from TJK; one poison pill
        Map<String, Object> producerConfig = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"));
        var serializer = new ConfluentAvroSerializer<HarmonizedMigrationEvent>();
        serializer.configure(serde(), false);
        try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), serializer);
             var raw = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(KAZ.harmonizedEvents().name(), "template|bad".getBytes(),
                    new byte[] {0, 0, 0, 0, 99, 1, 2})).get();
            for (int i = 0; i < 7; i++) {
                producer.send(new ProducerRecord<>(KAZ.harmonizedEvents().name(), "template|m" + i,
                        event("m" + i, "M", "KGZ")));
            }
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(KAZ.harmonizedEvents().name(), "template|f" + i,
                        event("f" + i, "F", "KGZ")));
            }
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(KAZ.harmonizedEvents().name(), "template|t" + i,
                        event("t" + i, "M", "TJK")));
            }
            producer.flush();
        }

        List<ExchangeDataset> delivered = new ArrayList<>();
        ExchangeDataset complete = null;
        try (var consumer = datasetConsumer()) {
            consumer.subscribe(List.of(Topics.inbox("KGZ").name()));
            long deadline = System.currentTimeMillis() + 90_000;
            while (complete == null && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, ExchangeDataset> r : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(r.key()).isEqualTo("KAZ|MIGR_FLOW|2026-03");
                    delivered.add(r.value());
                    if (total(r.value(), "_T") != null && total(r.value(), "_T") == 12L) {
                        complete = r.value();
                    }
                }
            }
        }
        assertThat(complete).as("a dataset with all 12 KGZ events; got " + delivered).isNotNull();
        assertThat(DatasetSignatures.verify(complete, Ed25519Keys.readPublic(work.resolve("kaz.pub")))).isTrue();
        assertThat(complete.getSender()).isEqualTo("KAZ");
        assertThat(complete.getKeyId()).isEqualTo("KAZ-IT-1");
        assertThat(complete.getStatus()).isIn("PROVISIONAL", "FINAL"); // depends on the machine clock vs. 2026-05-31
        assertThat(total(complete, "M")).isEqualTo(7L);
        assertThat(total(complete, "F")).isEqualTo(5L);
        assertThat(streams.health().getStatus().getCode()).isEqualTo("UP");

        // nothing for TJK: no agreement covers it
        try (var consumer = datasetConsumer()) {
            consumer.subscribe(List.of(Topics.inbox("TJK").name()));
            long deadline = System.currentTimeMillis() + 3_000;
            while (System.currentTimeMillis() < deadline) {
                assertThat(consumer.poll(Duration.ofMillis(500)).isEmpty()).isTrue();
            }
        }

        // the audit matches the deliveries one to one
        var auditDeserializer = new ConfluentAvroDeserializer<DeliveryAuditRecord>();
        auditDeserializer.configure(serde(), false);
        List<DeliveryAuditRecord> audit = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), auditDeserializer)) {
            consumer.subscribe(List.of(KAZ.exchangeAudit().name()));
            long deadline = System.currentTimeMillis() + 20_000;
            while (audit.size() < delivered.size() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> audit.add(r.value()));
            }
        }
        assertThat(audit).hasSize(delivered.size());
        for (int i = 0; i < delivered.size(); i++) {
            ExchangeDataset d = delivered.get(i);
            assertThat(audit.get(i).getEvent()).isEqualTo("DELIVERED");
            assertThat(audit.get(i).getDatasetId()).isEqualTo(d.getDatasetId());
            assertThat(audit.get(i).getRevision()).isEqualTo(d.getRevision());
            assertThat(audit.get(i).getReceiver()).isEqualTo("KGZ");
            assertThat(audit.get(i).getChecksum()).isEqualTo(DatasetSignatures.checksum(d));
        }

        // the poison pill is on the dead-letter topic with its original bytes
        try (var consumer = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(KAZ.harmonizedEventsDeadLetter().name()));
            List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (dead.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(dead::add);
            }
            assertThat(dead).hasSize(1);
            ConsumerRecord<byte[], byte[]> letter = dead.getFirst();
            assertThat(letter.value()).containsExactly(0, 0, 0, 0, 99, 1, 2);
            assertThat(letter.key()).isEqualTo("template|bad".getBytes());
            // the one dead-letter convention (node-common DeadLetter): Spring Kafka's kafka_dlt-* headers
            assertThat(DeadLetter.text(letter.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC))
                    .isEqualTo(KAZ.harmonizedEvents().name());
            assertThat(DeadLetter.text(letter.headers(), KafkaHeaders.DLT_EXCEPTION_FQCN)).isNotBlank();
            assertThat(DeadLetter.text(letter.headers(), KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotBlank();
            assertThat(DeadLetter.originalOffset(letter.headers())).isEqualTo(0L);
            assertThat(DeadLetter.originalPartition(letter.headers())).isEqualTo(0);
        }
    }

    private static Long total(ExchangeDataset dataset, String sex) {
        return dataset.getObservations().stream()
                .filter(o -> o.getDimensions().get("SEX").equals(sex) && o.getDimensions().get("AGE").equals("_T")
                        && o.getDimensions().get("DURATION").equals("_T"))
                .findFirst().map(Observation::getValue).orElse(null);
    }

    private static Properties consumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    private static KafkaConsumer<String, ExchangeDataset> datasetConsumer() {
        var deserializer = new ConfluentAvroDeserializer<ExchangeDataset>();
        deserializer.configure(serde(), false);
        return new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), deserializer);
    }
}
