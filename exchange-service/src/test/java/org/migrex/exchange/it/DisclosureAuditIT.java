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
import java.util.Base64;
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
import org.migrex.exchange.sending.DisclosureAuditController;
import org.migrex.exchange.sending.SendingConfiguration;
import org.migrex.localstack.LocalStack;
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
 * The disclosure audit over real HTTP, on the sending side of node KAZ with a real Kafka broker and a real Apicurio
 * registry (LocalStack): events with small counts in, a suppressed dataset in KGZ's inbox, then
 * {@code GET /api/v1/disclosure-audit?partner=KGZ&period=2026-03} reports that delivered table, with a feasibility
 * interval for each of its suppressed cells (each table alone, and every table KGZ holds as one joint system), to an
 * operator (200), and to nobody else (401, 403); a bad partner or
 * period is a 400 that says what is accepted.
 */
@SpringBootTest(classes = DisclosureAuditIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DisclosureAuditIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({SendingConfiguration.class, DisclosureAuditController.class})
    static class App {
    }

    private static final Topics KAZ = Topics.forNode("KAZ");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;
    private static Path work;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        stack = LocalStack.builder().start();
        work = Files.createTempDirectory("migrex-disclosure-audit-it");
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

    private static HarmonizedMigrationEvent event(String id, String sex, String ageGroup) {
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType("RESIDENCE_REGISTRATION").setEventDate("2026-03-10")
                .setTimePeriod("2026-03").setFlow("IMM").setScope(MigrationScope.IN_SCOPE).setPersonPseudonym("p-" + id)
                .setSex(sex).setAgeYears(30).setAgeGroup(ageGroup).setCitizenship("KGZ").setCountryOfBirth("KGZ")
                .setCounterpartArea("KGZ").setPurpose("WORK").setDurationClass("LONG_TERM")
                .setDurationBasis("INTENDED").setIntendedDurationDays(400)
                .setLineage(new Lineage("template", id, "b1", 2L, "1", "ref-1", Instant.now()))
                .build();
    }

    @Test
    void anOperatorGetsTheIntervalsOfEverySuppressedCellOfWhatWasPublished() throws Exception {
        // men: 6 aged 30-34, 1 aged 20-24; women: 2 aged 30-34. Small cells: M/Y20T24 = 1, every F cell = 2.
        Map<String, Object> serde = Map.of("schema.registry.url", stack.registryConfluentUrl(),
                "auto.register.schemas", true);
        var serializer = new ConfluentAvroSerializer<HarmonizedMigrationEvent>();
        serializer.configure(serde, false);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serializer)) {
            for (int i = 0; i < 6; i++) {
                producer.send(new ProducerRecord<>(KAZ.harmonizedEvents().name(), "template|m" + i,
                        event("m" + i, "M", "Y30T34")));
            }
            producer.send(new ProducerRecord<>(KAZ.harmonizedEvents().name(), "template|y", event("y", "M", "Y20T24")));
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>(KAZ.harmonizedEvents().name(), "template|f" + i,
                        event("f" + i, "F", "Y30T34")));
            }
            producer.flush();
        }
        // all nine counted: the margin of men (7 >= k) is published, kept before the grand total, which would give F
        ExchangeDataset complete = awaitDatasetWithMen(7);
        long suppressedInDataset = complete.getObservations().stream().filter(o -> o.getValue() == null).count();
        assertThat(suppressedInDataset).isPositive();

        HttpResponse<String> ok = get("/api/v1/disclosure-audit?partner=KGZ&period=2026-03", "kaz-ops", "ops-pw");
        long deadline = System.currentTimeMillis() + 30_000;
        while (ok.statusCode() == 503 && System.currentTimeMillis() < deadline) {
            ok = get("/api/v1/disclosure-audit?partner=KGZ&period=2026-03", "kaz-ops", "ops-pw");
        }
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode audit = JSON.readTree(ok.body());
        assertThat(audit.get("sender").asString()).isEqualTo("KAZ");
        assertThat(audit.get("partner").asString()).isEqualTo("KGZ");
        assertThat(audit.get("passes").asBoolean()).isTrue();
        JsonNode tables = audit.get("tables");
        assertThat(tables.size()).isPositive();
        JsonNode last = tables.get(tables.size() - 1);
        assertThat(last.get("revision").asLong()).isEqualTo(complete.getRevision());
        assertThat(last.get("suppressedCells").size()).isEqualTo((int) suppressedInDataset);
        for (JsonNode cell : last.get("suppressedCells")) {
            assertThat(cell.get("protectedEnough").asBoolean()).as(cell.toString()).isTrue();
            long lower = cell.get("lower").asLong();
            assertThat(lower).as(cell.toString()).isGreaterThanOrEqualTo(1);
            assertThat(cell.get("upper").isNull() || cell.get("upper").asLong() > lower).as(cell.toString()).isTrue();
            assertThat(cell.has("value")).isFalse();
        }
        // every suppressed cell of the dataset is in the audit
        for (Observation o : complete.getObservations()) {
            if (o.getValue() == null) {
                assertThat(last.get("suppressedCells").valueStream()
                        .anyMatch(c -> c.get("dimensions").get("SEX").asString().equals(o.getDimensions().get("SEX"))
                                && c.get("dimensions").get("AGE").asString().equals(o.getDimensions().get("AGE"))
                                && c.get("dimensions").get("DURATION").asString()
                                        .equals(o.getDimensions().get("DURATION"))
                                && c.get("dimensions").get("FLOW").asString().equals(o.getDimensions().get("FLOW"))))
                        .as("audit lists " + o.getDimensions()).isTrue();
            }
        }
        JsonNode suppression = last.get("suppression");
        assertThat(suppression.get("suppressed").asInt()).isEqualTo((int) suppressedInDataset);

        // the joint attack: every table KGZ holds of MIGR_FLOW for March (each revision), as one system over the
        // period's cells now (read from the delivery's period-cells store); the last revision's suppressed cells are
        // all in it, each with an interval that is not a single value, and it passes
        JsonNode joint = audit.get("joint");
        assertThat(joint.size()).as(joint.toString()).isEqualTo(1);
        JsonNode flows = joint.get(0);
        assertThat(flows.get("dataflow").asString()).isEqualTo("MIGR_FLOW");
        assertThat(flows.get("evaluated").asBoolean()).as(flows.toString()).isTrue();
        assertThat(flows.get("passes").asBoolean()).as(flows.toString()).isTrue();
        assertThat(flows.get("tables").valueStream().map(JsonNode::asString))
                .contains("KAZ-KGZ-MIGR_FLOW r" + complete.getRevision());
        assertThat(flows.get("atoms").asInt()).isPositive();
        for (Observation o : complete.getObservations()) {
            if (o.getValue() == null) {
                JsonNode cell = flows.get("suppressedCells").valueStream()
                        .filter(c -> List.of("FLOW", "SEX", "AGE", "DURATION").stream().allMatch(d ->
                                c.get("dimensions").get(d).asString().equals(o.getDimensions().get(d))))
                        .findFirst().orElseThrow(() -> new AssertionError("joint audit lists " + o.getDimensions()));
                long lower = cell.get("lower").asLong();
                assertThat(lower).as(cell.toString()).isGreaterThanOrEqualTo(1);
                assertThat(cell.get("upper").isNull() || cell.get("upper").asLong() > lower).as(cell.toString())
                        .isTrue();
                assertThat(cell.get("protectedEnough").asBoolean()).as(cell.toString()).isTrue();
                assertThat(cell.has("value")).isFalse();
            }
        }

        // nobody else
        assertThat(get("/api/v1/disclosure-audit?partner=KGZ&period=2026-03", null, null).statusCode())
                .isEqualTo(401);
        assertThat(get("/api/v1/disclosure-audit?partner=KGZ&period=2026-03", "kaz-stat", "stat-pw").statusCode())
                .isEqualTo(403);

        // bad requests say what is accepted
        HttpResponse<String> badPartner = get("/api/v1/disclosure-audit?partner=XQZ1&period=2026-03", "kaz-ops",
                "ops-pw");
        assertThat(badPartner.statusCode()).isEqualTo(400);
        assertThat(badPartner.body()).contains("XQZ1").contains("ISO 3166-1 alpha-3");
        HttpResponse<String> noAgreement = get("/api/v1/disclosure-audit?partner=TJK&period=2026-03", "kaz-ops",
                "ops-pw");
        assertThat(noAgreement.statusCode()).isEqualTo(400);
        assertThat(noAgreement.body()).contains("TJK").contains("no exchange agreement").contains("KGZ");
        HttpResponse<String> badPeriod = get("/api/v1/disclosure-audit?partner=KGZ&period=2026-13", "kaz-ops",
                "ops-pw");
        assertThat(badPeriod.statusCode()).isEqualTo(400);
        assertThat(badPeriod.body()).contains("2026-13").contains("yyyy-MM");

        // a month with nothing published: 200, no tables
        HttpResponse<String> empty = get("/api/v1/disclosure-audit?partner=KGZ&period=2025-01", "kaz-ops", "ops-pw");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(empty.body()).get("tables").size()).isZero();
        assertThat(JSON.readTree(empty.body()).get("joint").size()).isZero();
    }

    private ExchangeDataset awaitDatasetWithMen(long men) {
        var deserializer = new ConfluentAvroDeserializer<ExchangeDataset>();
        deserializer.configure(Map.of("schema.registry.url", stack.registryConfluentUrl()), false);
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(Topics.inbox("KGZ").name()));
            long deadline = System.currentTimeMillis() + 90_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, ExchangeDataset> r : consumer.poll(Duration.ofMillis(500))) {
                    boolean complete = r.value().getObservations().stream().anyMatch(o ->
                            "M".equals(o.getDimensions().get("SEX")) && "_T".equals(o.getDimensions().get("AGE"))
                                    && "_T".equals(o.getDimensions().get("DURATION")) && o.getValue() != null
                                    && o.getValue() == men);
                    if (complete) {
                        return r.value();
                    }
                }
            }
        }
        throw new AssertionError("no dataset with " + men + " men reached KGZ's inbox");
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
