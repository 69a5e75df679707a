package org.migrex.exchange.receiving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.apache.kafka.clients.admin.Admin;
import org.migrex.node.deadletter.DeadLetter;
import org.springframework.kafka.support.KafkaHeaders;
import org.junit.jupiter.api.TestMethodOrder;
import org.migrex.exchange.receiving.MirrorController;
import org.migrex.exchange.receiving.sdmx.SdmxController;
import org.migrex.exchange.receiving.sdmx.SdmxWebConfiguration;
import org.migrex.localstack.LocalStack;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Observation;
import org.migrex.schema.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The receiving side of node KGZ on a real Kafka broker and a real Apicurio registry (LocalStack): datasets signed in
 * the test with keys generated in the test are delivered to {@code exchange.KGZ.inbox}; each is stored, refused or
 * ignored, with its reason in {@code kgz.exchange.inbox.audit}; then the REST, mirror and SDMX endpoints are read over
 * HTTP with the node's own security.
 */
@SpringBootTest(classes = ReceivingSideIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReceivingSideIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ReceivingConfiguration.class, InboxController.class, MirrorController.class,
            SdmxController.class, SdmxWebConfiguration.class})
    static class App {
    }

    private static LocalStack stack;
    private static Path keys;
    private static KeyPair kaz;
    private static KeyPair tjk;
    private static KeyPair rogue;
    private static final Topics KGZ = Topics.forNode("KGZ");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        stack = LocalStack.builder().start();
        keys = Files.createTempDirectory("migrex-inbox-it");
        kaz = Ed25519Keys.generate(keys.resolve("kaz.key"), keys.resolve("kaz.pub"));
        tjk = Ed25519Keys.generate(keys.resolve("tjk.key"), keys.resolve("tjk.pub"));
        rogue = Ed25519Keys.generate(keys.resolve("rogue.key"), keys.resolve("rogue.pub"));
        KgzReceivingNode.properties(registry, stack, keys);
        registry.add("migrex.security.users.kgz-ops.password", () -> "{noop}ops-pw");
        registry.add("migrex.security.users.kgz-ops.roles", () -> "OPERATOR");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    InboxStore store;
    @Autowired
    MeterRegistry meters;
    @Autowired
    AvroSerdeFactory serdes;
    @Autowired
    InboxVerifier verifier;

    // --- datasets ------------------------------------------------------------------------------------------------

    private static Observation obs(String flow, String sex, String duration, Long value) {
        return Observation.newBuilder()
                .setDimensions(Map.of("FLOW", flow, "SEX", sex, "AGE", "_T", "DURATION", duration, "TIME_PERIOD", "2025-03"))
                .setValue(value).setConfStatus(value == null ? "C" : "F").build();
    }

    /** KAZ's immigration from KGZ in 2025-03, as KAZ's node delivers it (kept FLOW, SEX, AGE, DURATION with totals). */
    private static ExchangeDataset kazDataset(String sender, String receiver, long revision, String keyId) {
        List<Observation> o = new ArrayList<>(List.of(
                obs("IMM", "M", "LONG_TERM", 6L), obs("IMM", "F", "LONG_TERM", 5L), obs("IMM", "_T", "LONG_TERM", 11L),
                obs("IMM", "M", "_T", 6L), obs("IMM", "F", "_T", 5L), obs("IMM", "_T", "_T", 11L)));
        return ExchangeDataset.newBuilder().setDatasetId(sender + "-" + revision + "-" + UUID.randomUUID())
                .setSender(sender).setReceiver(receiver).setAgreementId(sender + "-" + receiver + "-MIGR_FLOW")
                .setDataflow("MIGR_FLOW").setPeriod("2025-03").setRevision(revision).setStatus("PROVISIONAL")
                .setGeneratedAt(Instant.parse("2025-04-02T08:00:00Z")).setObservations(o).setKeyId(keyId)
                .setSignature(ByteBuffer.allocate(0)).build();
    }

    private static ExchangeDataset signed(ExchangeDataset d, KeyPair pair) {
        d.setSignature(ByteBuffer.wrap(DatasetSignatures.sign(d, pair.getPrivate())));
        return d;
    }

    private void deliver(ExchangeDataset d) throws Exception {
        try (KafkaProducer<String, ExchangeDataset> producer = new KafkaProducer<>(producerConfig(),
                new StringSerializer(), serdes.valueSerializer(KGZ.ownInbox()))) {
            producer.send(new ProducerRecord<>(KGZ.ownInbox().name(),
                    Topics.datasetKey(d.getSender(), d.getDataflow(), d.getPeriod()), d)).get();
        }
    }

    private static Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    /** Reads the audit topic until a record for the dataset id appears. */
    private DeliveryAuditRecord auditOf(String datasetId) {
        return awaitAudit(a -> a.getDatasetId().equals(datasetId));
    }

    private DeliveryAuditRecord awaitAudit(java.util.function.Predicate<DeliveryAuditRecord> wanted) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, DeliveryAuditRecord> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                serdes.valueDeserializer(KGZ.inboxAudit()))) {
            TopicPartition p = new TopicPartition(KGZ.inboxAudit().name(), 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeliveryAuditRecord> r : consumer.poll(Duration.ofMillis(300))) {
                    if (wanted.test(r.value())) {
                        return r.value();
                    }
                }
            }
        }
        throw new AssertionError("no matching audit record within 30 s");
    }

    private static List<DeliveryAuditRecord> allAudit(Map<String, Object> config, AvroSerdeFactory serdes) {
        List<DeliveryAuditRecord> out = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, DeliveryAuditRecord> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                serdes.valueDeserializer(KGZ.inboxAudit()))) {
            TopicPartition p = new TopicPartition(KGZ.inboxAudit().name(), 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            long end = consumer.endOffsets(List.of(p)).get(p);
            while (consumer.position(p) < end) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> out.add(r.value()));
            }
        }
        return out;
    }

    private double count(String outcome, String reason) {
        var c = meters.find(Receipt.METRIC).tag("outcome", outcome).tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    // --- inbox ---------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aValidDatasetIsStoredAndAuditedAsReceived() throws Exception {
        ExchangeDataset d = signed(kazDataset("KAZ", "KGZ", 2, "KAZ-2026-1"), kaz);
        deliver(d);
        DeliveryAuditRecord audit = auditOf(d.getDatasetId());
        assertThat(audit.getEvent()).isEqualTo("RECEIVED");
        assertThat(audit.getReason()).isNull();
        assertThat(audit.getSender()).isEqualTo("KAZ");
        assertThat(audit.getReceiver()).isEqualTo("KGZ");
        assertThat(audit.getRevision()).isEqualTo(2);
        assertThat(audit.getObservationCount()).isEqualTo(6);
        assertThat(audit.getChecksum()).isEqualTo(DatasetSignatures.checksum(d));
        assertThat(store.find("KAZ", "MIGR_FLOW", "2025-03")).get()
                .extracting(ExchangeDataset::getDatasetId).isEqualTo(d.getDatasetId());
        assertThat(count("stored", "none")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void anOlderRevisionAfterANewerOneIsIgnoredWithItsReason() throws Exception {
        ExchangeDataset older = signed(kazDataset("KAZ", "KGZ", 1, "KAZ-2026-1"), kaz);
        deliver(older);
        DeliveryAuditRecord audit = auditOf(older.getDatasetId());
        assertThat(audit.getEvent()).isEqualTo("REJECTED");
        assertThat(audit.getReason()).startsWith("STALE_REVISION: revision 1 is older than the stored revision 2");
        assertThat(store.revision("KAZ", "MIGR_FLOW", "2025-03")).contains(2L);
        assertThat(count("ignored", "stale_revision")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aTamperedValueIsRefused() throws Exception {
        ExchangeDataset d = signed(kazDataset("KAZ", "KGZ", 3, "KAZ-2026-1"), kaz);
        d.getObservations().set(0, obs("IMM", "M", "LONG_TERM", 60L)); // altered after signing
        deliver(d);
        DeliveryAuditRecord audit = auditOf(d.getDatasetId());
        assertThat(audit.getEvent()).isEqualTo("REJECTED");
        assertThat(audit.getReason()).startsWith("BAD_SIGNATURE: ");
        assertThat(audit.getReason()).doesNotContain("60");
        assertThat(store.revision("KAZ", "MIGR_FLOW", "2025-03")).contains(2L);
    }

    @Test
    @Order(4)
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        ExchangeDataset d = signed(kazDataset("KAZ", "KGZ", 4, "KAZ-2026-1"), rogue);
        deliver(d);
        DeliveryAuditRecord audit = auditOf(d.getDatasetId());
        assertThat(audit.getEvent()).isEqualTo("REJECTED");
        assertThat(audit.getReason()).startsWith("BAD_SIGNATURE: ");
        assertThat(store.revision("KAZ", "MIGR_FLOW", "2025-03")).contains(2L);
        assertThat(count("rejected", "bad_signature")).isEqualTo(2);
    }

    @Test
    @Order(5)
    void anUnknownSenderIsRefused() throws Exception {
        ExchangeDataset d = signed(kazDataset("TJK", "KGZ", 1, "TJK-2026-1"), tjk);
        deliver(d);
        DeliveryAuditRecord audit = auditOf(d.getDatasetId());
        assertThat(audit.getEvent()).isEqualTo("REJECTED");
        assertThat(audit.getReason()).startsWith("UNKNOWN_SENDER: sender TJK is not a configured partner");
        assertThat(store.find("TJK", "MIGR_FLOW", "2025-03")).isEmpty();
    }

    @Test
    @Order(6)
    void aDatasetForAnotherReceiverIsRefused() throws Exception {
        ExchangeDataset d = signed(kazDataset("KAZ", "UZB", 5, "KAZ-2026-1"), kaz);
        deliver(d);
        DeliveryAuditRecord audit = auditOf(d.getDatasetId());
        assertThat(audit.getEvent()).isEqualTo("REJECTED");
        assertThat(audit.getReason()).startsWith("WRONG_RECEIVER: dataset is addressed to UZB, this node is KGZ");
        assertThat(store.revision("KAZ", "MIGR_FLOW", "2025-03")).contains(2L);
    }

    @Test
    @Order(6)
    void aValidlySignedDatasetWithANegativeValueIsRefusedAndTheStoredRevisionKept() throws Exception {
        ExchangeDataset d = kazDataset("KAZ", "KGZ", 7, "KAZ-2026-1");
        d.getObservations().set(0, obs("IMM", "M", "LONG_TERM", -6L)); // before signing: the signature is valid
        deliver(signed(d, kaz));
        DeliveryAuditRecord audit = auditOf(d.getDatasetId());
        assertThat(audit.getEvent()).isEqualTo("REJECTED");
        assertThat(audit.getReason()).startsWith("INVALID_OBSERVATION: observation 1 ")
                .contains("OBS_VALUE -6");
        assertThat(store.revision("KAZ", "MIGR_FLOW", "2025-03")).contains(2L);
        assertThat(count("rejected", "invalid_observation")).isEqualTo(1);
    }

    @Test
    @Order(7)
    void aTombstoneWrittenByAnyoneIsRefusedAuditedAndDeletesNothing() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(KGZ.ownInbox().name(), "KAZ|MIGR_FLOW|2025-03", null)).get();
        }
        DeliveryAuditRecord audit = awaitAudit(a -> a.getReason() != null && a.getReason().startsWith("TOMBSTONE"));
        assertThat(audit.getEvent()).isEqualTo("REJECTED");
        assertThat(audit.getSender()).isEqualTo("KAZ");
        assertThat(audit.getPeriod()).isEqualTo("2025-03");
        assertThat(store.revision("KAZ", "MIGR_FLOW", "2025-03")).as("the verified revision stays").contains(2L);
        assertThat(count("rejected", "tombstone")).isEqualTo(1);
    }

    @Test
    @Order(7)
    void bytesThatDoNotDecodeGoToTheDeadLetterTopicWithTheException() throws Exception {
        long inboxOffset;
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            inboxOffset = producer.send(new ProducerRecord<>(KGZ.ownInbox().name(), "KAZ|MIGR_FLOW|2025-04", garbage))
                    .get().offset();
        }
        DeliveryAuditRecord audit = awaitAudit(a -> a.getReason() != null && a.getReason().startsWith("UNDECODABLE"));
        assertThat(audit.getEvent()).isEqualTo("REJECTED");
        assertThat(audit.getSender()).isEqualTo("KAZ");
        assertThat(audit.getPeriod()).isEqualTo("2025-04");

        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition p = new TopicPartition(KGZ.inboxDeadLetter().name(), 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            var records = consumer.poll(Duration.ofSeconds(10));
            assertThat(records.count()).isEqualTo(1);
            var r = records.iterator().next();
            assertThat(r.value()).isEqualTo(garbage);
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("KAZ|MIGR_FLOW|2025-04");
            // the one dead-letter convention (node-common DeadLetter), as the binder's sendToDlq writes it
            assertThat(DeadLetter.text(r.headers(), KafkaHeaders.DLT_EXCEPTION_FQCN))
                    .isEqualTo("org.apache.kafka.common.errors.SerializationException");
            assertThat(DeadLetter.text(r.headers(), KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotBlank();
            assertThat(DeadLetter.text(r.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(KGZ.ownInbox().name());
            assertThat(DeadLetter.originalPartition(r.headers())).isZero();
            assertThat(DeadLetter.originalOffset(r.headers())).isEqualTo(inboxOffset);
            assertThat(DeadLetter.text(r.headers(), KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP))
                    .isEqualTo("migrex-kgz-exchange-receipt");
            assertThat(r.headers().lastHeader("migrex.dlq.exception.class")).as("the old header set is gone").isNull();
        }
        assertThat(count("rejected", "undecodable")).isEqualTo(1);

        // an allocation bomb: the inbox schema's real id, then a first field (a string) declaring 1 GiB; the serde
        // refuses it by its declared length, the receipt dead-letters it and goes on
        byte[] framed = serdes.valueSerializer(KGZ.ownInbox()).serialize(KGZ.ownInbox().name(),
                kazDataset("KAZ", "KGZ", 1, "KAZ-2026-1"));
        byte[] bomb = {framed[0], framed[1], framed[2], framed[3], framed[4],
                (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x08};
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(KGZ.ownInbox().name(), "KAZ|MIGR_FLOW|2025-05", bomb)).get();
        }
        DeliveryAuditRecord bombAudit = awaitAudit(a -> "2025-05".equals(a.getPeriod()) && a.getReason() != null
                && a.getReason().startsWith("UNDECODABLE"));
        assertThat(bombAudit.getEvent()).isEqualTo("REJECTED");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition p = new TopicPartition(KGZ.inboxDeadLetter().name(), 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            List<byte[]> values = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (values.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            assertThat(values).hasSize(2);
            assertThat(values.get(1)).isEqualTo(bomb);
        }
        assertThat(count("rejected", "undecodable")).isEqualTo(2);
    }

    /**
     * The operator stops and starts the receipt's binding (actuator {@code /bindings}); its Kafka Streams restores
     * the store from the changelog instead of re-reading and re-auditing the inbox. "No new audit" is shown on
     * offsets: once the restarted receipt has committed the inbox's end offset, the audit topic's end is unchanged.
     */
    @Test
    @Order(8)
    void aRestartRestoresTheStoreWithoutAuditingAgain() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        int auditedBefore = allAudit(config, serdes).size();
        assertThat(post("/actuator/bindings/receipt-in-0", "kgz-agency", "agency-pw", "{\"state\":\"STOPPED\"}")
                .statusCode()).as("bindings are for operators only").isEqualTo(403);
        HttpResponse<String> listed = get("/actuator/bindings", "kgz-ops", "ops-pw", "application/json");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("receipt-in-0").contains("receipt-in-1");
        assertThat(post("/actuator/bindings/receipt-in-0", "kgz-ops", "ops-pw", "{\"state\":\"STOPPED\"}")
                .statusCode()).isBetween(200, 204);
        awaitReadiness(503);
        assertThat(post("/actuator/bindings/receipt-in-0", "kgz-ops", "ops-pw", "{\"state\":\"STARTED\"}")
                .statusCode()).isBetween(200, 204);
        awaitReadiness(200);

        assertThat(store.revision("KAZ", "MIGR_FLOW", "2025-03")).contains(2L);
        awaitInboxCommitted();
        assertThat(allAudit(config, serdes)).hasSize(auditedBefore);
    }

    private void awaitReadiness(int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = get("/actuator/health/readiness", null, null, "application/json").statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(200); // polling an HTTP state, not waiting for something not to happen
        }
        throw new AssertionError("readiness " + last + ", expected " + status);
    }

    /** Waits until the receipt's consumer group has committed the inbox up to its end. */
    private void awaitInboxCommitted() throws Exception {
        TopicPartition inbox = new TopicPartition(KGZ.ownInbox().name(), 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            long end = admin.listOffsets(Map.of(inbox, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                    .partitionResult(inbox).get().offset();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                var committed = admin.listConsumerGroupOffsets("migrex-kgz-exchange-receipt")
                        .partitionsToOffsetAndMetadata().get().get(inbox);
                // with exactly-once the committed offset may also count the transaction marker
                if (committed != null && committed.offset() >= end) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("the receipt did not commit the inbox up to " + end);
        }
    }

    private HttpResponse<String> post(String path, String user, String password, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    // --- HTTP ----------------------------------------------------------------------------------------------------

    private HttpResponse<String> get(String path, String user, String password, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> agency(String path, String accept) throws Exception {
        return get(path, "kgz-agency", "agency-pw", accept);
    }

    private HttpResponse<String> statistician(String path, String accept) throws Exception {
        return get(path, "kgz-stat", "stat-pw", accept);
    }

    @Test
    @Order(9)
    void readinessIsUpOnceTheReceiptsStreamsRun() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness", null, null, "application/json");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        // an operator sees why: the exchange's Kafka Streams, the receipt among them, RUNNING
        HttpResponse<String> detailed = get("/actuator/health/readiness", "kgz-ops", "ops-pw", "application/json");
        assertThat(detailed.body()).contains("exchangeStreams").contains("\"migrex-kgz-exchange-receipt\":\"RUNNING\"");
    }

    @Test
    @Order(10)
    void inboxApiShowsTheStoredRevisionWithTheContractsFieldNames() throws Exception {
        assertThat(get("/api/v1/inbox", null, null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> response = agency("/api/v1/inbox?sender=KAZ&dataflow=MIGR_FLOW&period=2025-03", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode datasets = JSON.readTree(response.body());
        assertThat(datasets).hasSize(1);
        JsonNode d = datasets.get(0);
        assertThat(d.get("sender").asString()).isEqualTo("KAZ");
        assertThat(d.get("receiver").asString()).isEqualTo("KGZ");
        assertThat(d.get("dataflow").asString()).isEqualTo("MIGR_FLOW");
        assertThat(d.get("period").asString()).isEqualTo("2025-03");
        assertThat(d.get("revision").asLong()).isEqualTo(2);
        assertThat(d.get("status").asString()).isEqualTo("PROVISIONAL");
        assertThat(d.get("observations")).hasSize(6);
        JsonNode first = d.get("observations").get(0);
        assertThat(first.get("dimensions").get("SEX").asString()).isEqualTo("M");
        assertThat(first.get("value").asLong()).isEqualTo(6);
        assertThat(first.get("confStatus").asString()).isEqualTo("F");
        assertThat(JSON.readTree(agency("/api/v1/inbox?sender=TJK", null).body())).isEmpty();
    }

    /**
     * Our (KGZ) emigration to KAZ in 2025-03, from our aggregates: M LONG_TERM 4 (age Y20T24) + 3 (age Y25T29) = 7,
     * F LONG_TERM 5; total 12. KAZ's immigration from KGZ (revision 2 above): M 6, F 5, total 11. By hand:
     * M: difference 7 - 6 = 1, ratio 6 / 7 = 0.8571; F: 0 and 1; total: 1 and 11 / 12 = 0.9167.
     */
    @Test
    @Order(11)
    void mirrorTableOverHttpPairsOurAggregatesWithThePartnersDataset() throws Exception {
        try (KafkaProducer<String, MigrationAggregate> producer = new KafkaProducer<>(producerConfig(),
                new StringSerializer(), serdes.valueSerializer(KGZ.aggregates()))) {
            for (Object[] c : new Object[][] {{"M", "Y20T24", 4L}, {"M", "Y25T29", 3L}, {"F", "Y20T24", 5L}}) {
                Map<String, String> dims = Map.of("REF_AREA", "KGZ", "FLOW", "EMI", "COUNTERPART_AREA", "KAZ",
                        "CITIZENSHIP", "KGZ", "SEX", (String) c[0], "AGE", (String) c[1], "PURPOSE", "WORK",
                        "DURATION", "LONG_TERM", "TIME_PERIOD", "2025-03");
                String key = String.join("|", "KGZ", "EMI", "KAZ", "KGZ", (String) c[0], (String) c[1], "WORK",
                        "LONG_TERM", "2025-03");
                producer.send(new ProducerRecord<>(KGZ.aggregates().name(), key, MigrationAggregate.newBuilder()
                        .setDataflow("MIGR_FLOW").setDimensions(dims).setCount((Long) c[2])
                        .setUpdatedAt(Instant.now()).build())).get();
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode rows = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = statistician("/api/v1/mirror?partner=KAZ&dataflow=MIGR_FLOW&period=2025-03", null);
            assertThat(response.statusCode()).isEqualTo(200);
            rows = JSON.readTree(response.body()).get("rows");
            if (row(rows, "EMI_TO_PARTNER", "_T", "_T").get("ourValue").asLong() == 12) {
                break;
            }
            Thread.sleep(300);
        }
        // whether the two sides count alike, worked out by hand: this KGZ node has no agreements (no sending side
        // here) and KAZ's datasets in this test state no keep or filter, so neither definition is known
        JsonNode definitions = JSON.readTree(statistician(
                "/api/v1/mirror?partner=KAZ&dataflow=MIGR_FLOW&period=2025-03", null).body()).get("definitions");
        assertThat(definitions.get("verdict").asString()).isEqualTo("UNKNOWN");
        assertThat(definitions.get("comparable").asBoolean()).isFalse();
        JsonNode codes = definitions.get("differenceCodes");
        assertThat(codes.size()).as(codes.toString()).isEqualTo(2);
        assertThat(codes.get(0).get("code").asString()).isEqualTo("NO_AGREEMENT_OF_OURS");
        assertThat(codes.get(0).get("dataflow").asString()).isEqualTo("MIGR_FLOW");
        assertThat(codes.get(0).get("country").asString()).isEqualTo("KAZ");
        assertThat(codes.get(0).has("side")).as("an argument the code does not set is left out").isFalse();
        assertThat(codes.get(1).get("code").asString()).isEqualTo("DEFINITION_NOT_STATED");
        assertThat(codes.get(1).get("country").asString()).isEqualTo("KAZ");
        assertThat(definitions.get("differences").get(0).asString())
                .isEqualTo("we deliver no MIGR_FLOW to KAZ, so KAZ has none of our figures to compare");

        JsonNode m = row(rows, "EMI_TO_PARTNER", "M", "LONG_TERM");
        assertThat(m.get("ourValue").asLong()).isEqualTo(7);
        assertThat(m.get("partnerValue").asLong()).isEqualTo(6);
        assertThat(m.get("difference").asLong()).isEqualTo(1);
        assertThat(m.get("ratio").decimalValue()).isEqualByComparingTo("0.8571");
        JsonNode f = row(rows, "EMI_TO_PARTNER", "F", "LONG_TERM");
        assertThat(f.get("ourValue").asLong()).isEqualTo(5);
        assertThat(f.get("partnerValue").asLong()).isEqualTo(5);
        assertThat(f.get("difference").asLong()).isZero();
        JsonNode total = row(rows, "EMI_TO_PARTNER", "_T", "_T");
        assertThat(total.get("ourValue").asLong()).isEqualTo(12);
        assertThat(total.get("partnerValue").asLong()).isEqualTo(11);
        assertThat(total.get("ratio").decimalValue()).isEqualByComparingTo("0.9167");

        HttpResponse<String> csv = statistician("/api/v1/mirror?partner=KAZ&period=2025-03&format=csv", null);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        // this KGZ node has no agreements (no sending side here), so whether the two sides count alike is UNKNOWN
        assertThat(csv.body()).contains(
                "\r\n2025-03,EMI_TO_PARTNER,EMI,IMM,M,LONG_TERM,7,6,F,1,0.8571,2,PROVISIONAL,,UNKNOWN\r\n");
        assertThat(statistician("/api/v1/mirror?partner=KAZ&period=March", null).statusCode()).isEqualTo(400);
        // our side is unsuppressed: not for agency users, and only against a configured partner
        assertThat(agency("/api/v1/mirror?partner=KAZ&period=2025-03", null).statusCode()).isEqualTo(403);
        HttpResponse<String> stranger = statistician("/api/v1/mirror?partner=UZB&period=2025-03", null);
        assertThat(stranger.statusCode()).isEqualTo(404);
        assertThat(stranger.body()).contains("UZB is not a partner of this node").contains("[KAZ");
    }

    private static JsonNode row(JsonNode rows, String pair, String sex, String duration) {
        for (JsonNode r : rows) {
            if (r.get("flowPair").asString().equals(pair) && r.get("sex").asString().equals(sex)
                    && r.get("duration").asString().equals(duration)) {
                return r;
            }
        }
        throw new AssertionError("no row " + pair + " " + sex + " " + duration);
    }

    private static final String CSV = "application/vnd.sdmx.data+csv;version=2.0.0";
    private static final String SDMX_JSON = "application/vnd.sdmx.data+json;version=2.0.0";
    private static final String DATA = "/sdmx/v2/data/dataflow/MIGREX/MIGR_FLOW/2.0/";

    @Test
    @Order(12)
    void sdmxServesReceivedDataToTheAgencyAndOwnDataToTheStatistician() throws Exception {
        HttpResponse<String> csv = agency(DATA + "KAZ.IMM?c[SEX]=M", CSV);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.sdmx.data+csv");
        assertThat(csv.body()).isEqualTo(
                "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,FLOW,COUNTERPART_AREA,CITIZENSHIP,SEX,AGE,PURPOSE,DURATION,"
                        + "TIME_PERIOD,OBS_VALUE,CONF_STATUS\r\n"
                        + "dataflow,MIGREX:MIGR_FLOW(2.0),I,KAZ,IMM,KGZ,_T,M,_T,_T,LONG_TERM,2025-03,6,F\r\n"
                        + "dataflow,MIGREX:MIGR_FLOW(2.0),I,KAZ,IMM,KGZ,_T,M,_T,_T,_T,2025-03,6,F\r\n");

        HttpResponse<String> exact = agency(DATA + "KAZ.IMM.KGZ._T._T._T._T._T.2025-03", SDMX_JSON);
        assertThat(exact.statusCode()).isEqualTo(200);
        assertThat(exact.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.sdmx.data+json");
        JsonNode series = JSON.readTree(exact.body()).get("data").get("dataSets").get(0).get("series");
        assertThat(series.get("0:0:0:0:0:0:0:0").get("observations").get("0").get(0).asLong()).isEqualTo(11);

        // own unsuppressed aggregates: statistician only
        assertThat(agency(DATA + "KGZ", CSV).statusCode()).isEqualTo(403);
        HttpResponse<String> own = statistician(DATA + "KGZ.EMI.KAZ?c[TIME_PERIOD]=ge:2025-01+le:2025-06", CSV);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body().split("\r\n")).hasSize(4).contains(
                "dataflow,MIGREX:MIGR_FLOW(2.0),I,KGZ,EMI,KAZ,KGZ,M,Y20T24,WORK,LONG_TERM,2025-03,4,F");
        // a wildcard REF_AREA gives an agency user the received data only
        assertThat(agency(DATA + "*", CSV).body()).doesNotContain(",KGZ,EMI,");
        assertThat(statistician(DATA + "*", CSV).body()).contains(",KGZ,EMI,");
    }

    @Test
    @Order(13)
    void sdmxErrors() throws Exception {
        HttpResponse<String> none = agency(DATA + "KAZ?c[TIME_PERIOD]=ge:2026-01", SDMX_JSON);
        assertThat(none.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(none.body()).get("errors").get(0);
        assertThat(error.get("code").asInt()).isEqualTo(100);
        assertThat(error.get("title").asString()).isEqualTo("No results found");
        assertThat(agency(DATA + "KAZ", "application/vnd.sdmx.data+xml;version=3.0.0").statusCode()).isEqualTo(406);
        assertThat(agency(DATA + "KAZ", "application/vnd.sdmx.data+csv;version=1.0.0").statusCode()).isEqualTo(406);
        HttpResponse<String> malformed = agency(DATA + "A.B.C.D.E.F.G.H.I.J", SDMX_JSON);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).get("errors").get(0).get("code").asInt()).isEqualTo(140);
        assertThat(agency("/sdmx/v2/data/dataflow/OTHER/MIGR_FLOW/2.0/*", SDMX_JSON).statusCode()).isEqualTo(404);
        assertThat(get(DATA + "KAZ", null, null, CSV).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(14)
    void sdmxStructures() throws Exception {
        HttpResponse<String> dsd = agency("/sdmx/v2/structure/datastructure/MIGREX/MIGR_FLOW/2.0?references=codelist", null);
        assertThat(dsd.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(dsd.body()).get("data");
        assertThat(data.get("dataStructures").get(0).get("id").asString()).isEqualTo("MIGR_FLOW");
        assertThat(data.get("codelists")).isNotEmpty();
        HttpResponse<String> sex = agency("/sdmx/v2/structure/codelist/MIGREX/CL_SEX/2.0", null);
        assertThat(sex.statusCode()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        JSON.readTree(sex.body()).get("data").get("codelists").get(0).get("codes").forEach(c -> codes.add(c.get("id").asString()));
        assertThat(codes).containsExactly("M", "F", "_U", "_T");
        assertThat(agency("/sdmx/v2/structure/codelist/MIGREX/CL_NOPE/2.0", null).statusCode()).isEqualTo(404);
        assertThat(URLEncoder.encode("c[X]", StandardCharsets.UTF_8)).isNotEmpty();
    }
}
