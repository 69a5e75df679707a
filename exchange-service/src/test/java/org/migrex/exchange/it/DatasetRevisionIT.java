package org.migrex.exchange.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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
import org.junit.jupiter.api.Test;
import org.migrex.exchange.sending.DatasetRevisionController;
import org.migrex.exchange.sending.SendingConfiguration;
import org.migrex.localstack.LocalStack;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.Lineage;
import org.migrex.schema.MigrationScope;
import org.migrex.schema.Observation;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroDeserializer;
import org.migrex.serde.ConfluentAvroSerializer;
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
 * FINAL is final, over real HTTP, on the sending side of node KAZ with a real Kafka broker and a real Apicurio
 * registry (LocalStack). March 2026 closed long ago (final-after P2M), so its first delivery is FINAL: 6 men and
 * 5 women from KGZ. Two late men are held (no revision reaches KGZ, the audit says LATE_CHANGES_HELD) until an
 * operator posts a revision with a reason: then KGZ's inbox gets the next FINAL revision, 8 men, 5 women, 13 in all,
 * carrying the reason. MIGR_QUALITY counts the records accepted after March became FINAL: the two late men (of 13
 * template immigrations) and a late out-of-scope stay from another source (which moves no MIGR_FLOW cell), none of the
 * running month's. Nobody else may ask (401, 403); bad requests are 400 naming what is accepted, a dataset
 * that is not FINAL is a 409, and an undecodable request lands on the dead-letter topic without stopping anything.
 */
@SpringBootTest(classes = DatasetRevisionIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatasetRevisionIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({SendingConfiguration.class, DatasetRevisionController.class})
    static class App {
    }

    private static final Topics KAZ = Topics.forNode("KAZ");
    private static final String AGREEMENT = "KAZ-KGZ-MIGR_FLOW";
    private static final String MARCH = "2026-03";
    /** The running month: its dataset is PROVISIONAL. */
    private static final String NOW = YearMonth.now(ZoneOffset.UTC).toString();
    private static final String REASON = "late registrations from the Almaty office";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;
    private static Path work;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        stack = LocalStack.builder().start();
        work = Files.createTempDirectory("migrex-dataset-revision-it");
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
                  protection-percent: 15
                resend:
                  min-interval: PT1S
                final-after: P2M
                """);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.inbox("KGZ").name(), 1, (short) 1))).all().get();
        }
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
        registry.add("migrex.security.users.kaz-ops.password", () -> "{noop}ops-pw");
        registry.add("migrex.security.users.kaz-ops.roles", () -> "OPERATOR");
        registry.add("migrex.security.users.kaz-stat.password", () -> "{noop}stat-pw");
        registry.add("migrex.security.users.kaz-stat.roles", () -> "STATISTICIAN");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Before 1 June 2026, when March 2026 became FINAL (end of March + P2M): the March records "on time". */
    private static final Instant ON_TIME = Instant.parse("2026-04-15T09:00:00Z");

    private static HarmonizedMigrationEvent event(String id, String sex, String period) {
        return event("template", id, sex, period, MigrationScope.IN_SCOPE, Instant.now());
    }

    private static HarmonizedMigrationEvent event(String source, String id, String sex, String period,
            MigrationScope scope, Instant harmonizedAt) {
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType("RESIDENCE_REGISTRATION").setEventDate(period + "-01")
                .setTimePeriod(period).setFlow("IMM").setScope(scope).setPersonPseudonym("p-" + id)
                .setSex(sex).setAgeYears(30).setAgeGroup("Y30T34").setCitizenship("KGZ").setCountryOfBirth("KGZ")
                .setCounterpartArea("KGZ").setPurpose("WORK").setDurationClass("LONG_TERM")
                .setDurationBasis("INTENDED").setIntendedDurationDays(400)
                .setLineage(new Lineage(source, id, "b1", 2L, "1", "ref-1", harmonizedAt))
                .build();
    }

    private static void produce(List<String[]> events) {
        List<ProducerRecord<String, HarmonizedMigrationEvent>> records = new ArrayList<>();
        for (String[] e : events) { // id, sex, period
            records.add(new ProducerRecord<>(KAZ.harmonizedEvents().name(), "template|" + e[0],
                    event(e[0], e[1], e[2])));
        }
        send(records);
    }

    private static void send(List<ProducerRecord<String, HarmonizedMigrationEvent>> records) {
        Map<String, Object> serde = Map.of("schema.registry.url", stack.registryConfluentUrl(),
                "auto.register.schemas", true);
        var serializer = new ConfluentAvroSerializer<HarmonizedMigrationEvent>();
        serializer.configure(serde, false);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serializer)) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    @Test
    void lateRecordsWaitForAnOperatorsRevisionWithAReason() throws Exception {
        // March's 11 harmonized before 1 June (on time); the running month's 6 now (its month is not FINAL)
        List<ProducerRecord<String, HarmonizedMigrationEvent>> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(new ProducerRecord<>(KAZ.harmonizedEvents().name(), "template|m" + i,
                    event("template", "m" + i, "M", MARCH, MigrationScope.IN_SCOPE, ON_TIME)));
            first.add(new ProducerRecord<>(KAZ.harmonizedEvents().name(), "template|n" + i, event("n" + i, "M", NOW)));
        }
        for (int i = 0; i < 5; i++) {
            first.add(new ProducerRecord<>(KAZ.harmonizedEvents().name(), "template|f" + i,
                    event("template", "f" + i, "F", MARCH, MigrationScope.IN_SCOPE, ON_TIME)));
        }
        send(first);
        ExchangeDataset fin = awaitDataset(d -> d.getPeriod().equals(MARCH) && value(d, "M") == 6L);
        assertThat(fin.getStatus()).isEqualTo("FINAL");
        assertThat(value(fin, "F")).isEqualTo(5L);
        assertThat(value(fin, "_T")).isEqualTo(11L);
        assertThat(fin.getRevisionReason()).isNull();
        ExchangeDataset provisional = awaitDataset(d -> d.getPeriod().equals(NOW) && value(d, "M") == 6L);
        assertThat(provisional.getStatus()).isEqualTo("PROVISIONAL");

        JsonNode shown = JSON.readTree(awaitOk("/api/v1/datasets/" + AGREEMENT + "/" + MARCH).body());
        assertThat(shown.get("status").asString()).isEqualTo("FINAL");
        assertThat(shown.get("revision").asLong()).isEqualTo(fin.getRevision());
        assertThat(shown.get("lateChangesPending").asBoolean()).isFalse();

        // two late men: held, audited, not delivered; and a late stay under 3 months from the Almaty office, which
        // changes no MIGR_FLOW cell (nothing held) but is a March registration accepted after FINAL
        produce(List.of(new String[] {"late1", "M", MARCH}, new String[] {"late2", "M", MARCH}));
        send(List.of(new ProducerRecord<>(KAZ.harmonizedEvents().name(), "almaty|t1",
                event("almaty", "t1", "F", MARCH, MigrationScope.TEMPORARY_STAY, Instant.now()))));
        DeliveryAuditRecord held = awaitAudit(a -> a.getEvent().equals("LATE_CHANGES_HELD")
                && a.getPeriod().equals(MARCH));
        assertThat(held.getRevision()).isEqualTo(fin.getRevision());
        assertThat(held.getLateChangesHeld()).isPositive();
        // the LATE_CHANGES_HELD record comes from the schedule pass that would have re-delivered: nothing after it
        assertThat(inbox(d -> d.getPeriod().equals(MARCH) && d.getRevision() > fin.getRevision())).isEmpty();
        shown = JSON.readTree(get("/api/v1/datasets/" + AGREEMENT + "/" + MARCH, "kaz-ops", "ops-pw").body());
        assertThat(shown.get("lateChangesPending").asBoolean()).isTrue();
        assertThat(shown.get("lateChangesHeld").asLong()).isPositive();

        // nobody but an operator
        String body = "{\"reason\": \"" + REASON + "\"}";
        String path = "/api/v1/datasets/" + AGREEMENT + "/" + MARCH + "/revisions";
        assertThat(post(path, body, null, null).statusCode()).isEqualTo(401);
        assertThat(post(path, body, "kaz-stat", "stat-pw").statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/datasets/" + AGREEMENT + "/" + MARCH, "kaz-stat", "stat-pw").statusCode())
                .isEqualTo(403);

        // bad requests say what is wrong and what is accepted
        HttpResponse<String> blank = post(path, "{\"reason\": \"  \"}", "kaz-ops", "ops-pw");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("reason").contains("1 to 500 characters");
        HttpResponse<String> tooLong = post(path, "{\"reason\": \"" + "x".repeat(501) + "\"}", "kaz-ops", "ops-pw");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("501").contains("at most 500");
        HttpResponse<String> unknown = post("/api/v1/datasets/KAZ-TJK-MIGR_FLOW/" + MARCH + "/revisions", body,
                "kaz-ops", "ops-pw");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("KAZ-TJK-MIGR_FLOW").contains(AGREEMENT);
        HttpResponse<String> badPeriod = post("/api/v1/datasets/" + AGREEMENT + "/2026-3/revisions", body,
                "kaz-ops", "ops-pw");
        assertThat(badPeriod.statusCode()).isEqualTo(400);
        assertThat(badPeriod.body()).contains("2026-3").contains("yyyy-MM");
        HttpResponse<String> notFinal = post("/api/v1/datasets/" + AGREEMENT + "/" + NOW + "/revisions", body,
                "kaz-ops", "ops-pw");
        assertThat(notFinal.statusCode()).isEqualTo(409);
        assertThat(notFinal.body()).contains("PROVISIONAL").contains("only a FINAL dataset");
        HttpResponse<String> never = post("/api/v1/datasets/" + AGREEMENT + "/2025-01/revisions", body,
                "kaz-ops", "ops-pw");
        assertThat(never.statusCode()).isEqualTo(409);
        assertThat(never.body()).contains("not delivered yet");

        // a request that cannot be decoded goes to the dead-letter topic and stops nothing
        try (var raw = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(KAZ.revisionRequests().name(), "bad".getBytes(StandardCharsets.UTF_8),
                    new byte[] {0, 0, 0, 0, 99, 1, 2})).get();
        }

        // the operator's revision
        HttpResponse<String> accepted = post(path, body, "kaz-ops", "ops-pw");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode requested = JSON.readTree(accepted.body());
        assertThat(requested.get("agreementId").asString()).isEqualTo(AGREEMENT);
        assertThat(requested.get("period").asString()).isEqualTo(MARCH);
        assertThat(requested.get("reason").asString()).isEqualTo(REASON);
        assertThat(requested.get("requestedBy").asString()).isEqualTo("kaz-ops");

        ExchangeDataset revised = awaitDataset(d -> d.getPeriod().equals(MARCH)
                && d.getRevision() > fin.getRevision());
        assertThat(revised.getRevision()).isEqualTo(fin.getRevision() + 1);
        assertThat(revised.getStatus()).isEqualTo("FINAL");
        assertThat(revised.getRevisionReason()).isEqualTo(REASON);
        assertThat(value(revised, "M")).isEqualTo(8L);
        assertThat(value(revised, "F")).isEqualTo(5L);
        assertThat(value(revised, "_T")).isEqualTo(13L);
        assertThat(DatasetSignatures.verify(revised, Ed25519Keys.readPublic(work.resolve("kaz.pub")))).isTrue();
        DeliveryAuditRecord delivered = awaitAudit(a -> a.getEvent().equals("DELIVERED")
                && a.getDatasetId().equals(revised.getDatasetId()));
        assertThat(delivered.getRevisionReason()).isEqualTo(REASON);
        assertThat(delivered.getChecksum()).isEqualTo(DatasetSignatures.checksum(revised));

        try (var consumer = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(KAZ.deliveryDeadLetter().name()));
            List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (dead.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(dead::add);
            }
            assertThat(dead).hasSize(1);
            assertThat(dead.getFirst().value()).containsExactly(0, 0, 0, 0, 99, 1, 2);
        }

        // MIGR_QUALITY counts the late records by source and month (by hand: template's 2 late men of the 13 March
        // immigrations; almaty's late stay, out of scope; the running month's 6, harmonized before it is FINAL, none)
        Map<String, Long> quality = awaitQuality(Map.of(
                "MIGR_QUALITY|KAZ|template|IMM|REGISTRATIONS|" + MARCH, 13L,
                "MIGR_QUALITY|KAZ|template|IMM|LATE_AFTER_FINAL|" + MARCH, 2L,
                "MIGR_QUALITY|KAZ|almaty|IMM|REGISTRATIONS|" + MARCH, 1L,
                "MIGR_QUALITY|KAZ|almaty|IMM|TEMPORARY_STAY|" + MARCH, 1L,
                "MIGR_QUALITY|KAZ|almaty|IMM|LATE_AFTER_FINAL|" + MARCH, 1L,
                "MIGR_QUALITY|KAZ|template|IMM|REGISTRATIONS|" + NOW, 6L));
        assertThat(quality.getOrDefault("MIGR_QUALITY|KAZ|template|IMM|LATE_AFTER_FINAL|" + NOW, 0L)).isZero();

        shown = JSON.readTree(get("/api/v1/datasets/" + AGREEMENT + "/" + MARCH, "kaz-ops", "ops-pw").body());
        assertThat(shown.get("revision").asLong()).isEqualTo(revised.getRevision());
        assertThat(shown.get("lateChangesPending").asBoolean()).isFalse();
        assertThat(shown.get("lastRevisionReason").asString()).isEqualTo(REASON);
    }

    private static Long value(ExchangeDataset dataset, String sex) {
        return dataset.getObservations().stream()
                .filter(o -> o.getDimensions().get("SEX").equals(sex) && o.getDimensions().get("AGE").equals("_T")
                        && o.getDimensions().get("DURATION").equals("_T"))
                .findFirst().map(Observation::getValue).orElse(-1L);
    }

    private static Properties consumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    private static KafkaConsumer<String, ExchangeDataset> datasets() {
        var deserializer = new ConfluentAvroDeserializer<ExchangeDataset>();
        deserializer.configure(Map.of("schema.registry.url", stack.registryConfluentUrl()), false);
        return new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), deserializer);
    }

    private static ExchangeDataset awaitDataset(Predicate<ExchangeDataset> wanted) {
        try (var consumer = datasets()) {
            consumer.subscribe(List.of(Topics.inbox("KGZ").name()));
            long deadline = System.currentTimeMillis() + 90_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, ExchangeDataset> r : consumer.poll(Duration.ofMillis(500))) {
                    if (wanted.test(r.value())) {
                        return r.value();
                    }
                }
            }
        }
        throw new AssertionError("no such dataset reached KGZ's inbox");
    }

    /** Every dataset in KGZ's inbox up to its current end (committed), that matches. */
    private static List<ExchangeDataset> inbox(Predicate<ExchangeDataset> wanted) {
        List<ExchangeDataset> found = new ArrayList<>();
        try (var consumer = datasets()) {
            TopicPartition partition = new TopicPartition(Topics.inbox("KGZ").name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.currentTimeMillis() + 30_000;
            while (consumer.position(partition) < end && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (wanted.test(r.value())) {
                        found.add(r.value());
                    }
                });
            }
        }
        return found;
    }

    /** The counts on {@code <cc>.aggregates} (latest per key) once {@code expected} all hold, or fails naming them. */
    private static Map<String, Long> awaitQuality(Map<String, Long> expected) {
        var deserializer = new ConfluentAvroDeserializer<org.migrex.schema.MigrationAggregate>();
        deserializer.configure(Map.of("schema.registry.url", stack.registryConfluentUrl()), false);
        Map<String, Long> counts = new java.util.HashMap<>();
        try (var consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(KAZ.aggregates().name()));
            long deadline = System.currentTimeMillis() + 90_000;
            while (System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> counts.put(r.key(), r.value().getCount()));
                if (expected.entrySet().stream().allMatch(e -> e.getValue().equals(counts.get(e.getKey())))) {
                    return counts;
                }
            }
        }
        Map<String, Long> seen = new java.util.TreeMap<>();
        expected.keySet().forEach(k -> seen.put(k, counts.get(k)));
        throw new AssertionError("MIGR_QUALITY on " + KAZ.aggregates().name() + ": expected " + expected + ", got "
                + seen);
    }

    private static DeliveryAuditRecord awaitAudit(Predicate<DeliveryAuditRecord> wanted) {
        var deserializer = new ConfluentAvroDeserializer<DeliveryAuditRecord>();
        deserializer.configure(Map.of("schema.registry.url", stack.registryConfluentUrl()), false);
        try (var consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(KAZ.exchangeAudit().name()));
            long deadline = System.currentTimeMillis() + 90_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, DeliveryAuditRecord> r : consumer.poll(Duration.ofMillis(500))) {
                    if (wanted.test(r.value())) {
                        return r.value();
                    }
                }
            }
        }
        throw new AssertionError("no such audit record on " + KAZ.exchangeAudit().name());
    }

    private HttpResponse<String> awaitOk(String path) throws Exception {
        HttpResponse<String> response = get(path, "kaz-ops", "ops-pw");
        long deadline = System.currentTimeMillis() + 30_000;
        while (response.statusCode() == 503 && System.currentTimeMillis() < deadline) {
            response = get(path, "kaz-ops", "ops-pw");
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        return HTTP.send(request(path, user, password).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json, String user, String password) throws Exception {
        return HTTP.send(request(path, user, password).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }
}
