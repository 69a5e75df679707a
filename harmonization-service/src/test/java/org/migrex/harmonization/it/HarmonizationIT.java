package org.migrex.harmonization.it;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migrex.harmonization.HarmonizationApplication;
import org.migrex.localstack.LocalStack;
import org.migrex.node.deadletter.DeadLetter;
import org.migrex.localstack.LocalStackExtension;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.Provenance;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroDeserializer;
import org.migrex.serde.ConfluentAvroSerializer;
import org.migrex.serde.RegistryClientConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harmonization service on a real KRaft broker ({@code @EmbeddedKafka}) and a real Apicurio registry (local
 * stack), with the Confluent-wire serde on both sides: what a user of the node relies on. The stream is the
 * {@code harmonize} function on the Kafka Streams binder; the report reads its quarantine store.
 */
// the country as a test property, not a dynamic one: the binding destinations are derived from it while the
// environment is prepared (HarmonizationBindingsEnvironmentPostProcessor)
@SpringBootTest(classes = HarmonizationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "migrex.node.country=KAZ")
@EmbeddedKafka(partitions = 1, brokerProperties = {"transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1", "auto.create.topics.enable=false"})
@ExtendWith(LocalStackExtension.class)
class HarmonizationIT {
    private static final Topics TOPICS = Topics.forNode("KAZ");
    private static final Path EXTENSION_DIR;
    private static final Path STATE_DIR;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static {
        try {
            EXTENSION_DIR = Files.createTempDirectory("migrex-harm-ext");
            STATE_DIR = Files.createTempDirectory("migrex-harm-state");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<String, byte[]> producer;
    private static ConfluentAvroSerializer<RawMigrationRecord> rawSerializer;

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        LocalStack stack = LocalStackExtension.shared();
        registry.add("migrex.kafka.bootstrap-servers", () -> System.getProperty("spring.embedded.kafka.brokers"));
        registry.add("migrex.registry.url", stack::registryConfluentUrl);
        registry.add("migrex.harmonization.reference-data-dir", EXTENSION_DIR::toString);
        registry.add("spring.cloud.stream.kafka.streams.binder.configuration.state.dir", STATE_DIR::toString);
        registry.add("migrex.security.users.kaz-agency.password", () -> "{noop}agency-secret");
        registry.add("migrex.security.users.kaz-agency.roles", () -> "AGENCY");
        registry.add("migrex.security.users.ops.password", () -> "{noop}ops-secret");
        registry.add("migrex.security.users.ops.roles", () -> "OPERATOR");
        registry.add("migrex.security.users.stat.password", () -> "{noop}stat-secret");
        registry.add("migrex.security.users.stat.roles", () -> "STATISTICIAN");
        registry.add("migrex.security.users.kaz-border.password", () -> "{noop}border-secret");
        registry.add("migrex.security.users.kaz-border.roles", () -> "AGENCY");
        registry.add("migrex.security.users.kaz-nobody.password", () -> "{noop}nobody-secret");
        registry.add("migrex.security.users.kaz-nobody.roles", () -> "AGENCY");
        registry.add("migrex.harmonization.sources.template.owner", () -> "kaz-agency");
        registry.add("migrex.harmonization.sources.border-log.owner", () -> "kaz-border");
    }

    /** Clients of the test, made once the context (and so the embedded broker) is up. */
    static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            rawSerializer = new ConfluentAvroSerializer<>();
            rawSerializer.configure(Map.of(RegistryClientConfig.URL,
                    LocalStackExtension.shared().registryConfluentUrl(), RegistryClientConfig.AUTO_REGISTER, true), false);
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    System.getProperty("spring.embedded.kafka.brokers"), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @AfterAll
    static void close() {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void rawRecordInHarmonizedEventOutAndReadinessUp() throws Exception {
        awaitReady();
        send("template|r-1", raw("r-1").build());

        HarmonizedMigrationEvent event = lastValue(harmonizedFor("template|r-1", List::isEmpty));
        assertThat(event.getRefArea()).isEqualTo("KAZ");
        assertThat(event.getFlow()).isEqualTo("IMM");
        assertThat(event.getCitizenship()).isEqualTo("KGZ");
        assertThat(event.getCounterpartArea()).isEqualTo("RUS");
        assertThat(event.getSex()).isEqualTo("F");
        assertThat(event.getAgeYears()).isEqualTo(30); // born 1995-06-01, event 2026-01-10
        assertThat(event.getAgeGroup()).isEqualTo("Y30T34");
        assertThat(event.getDurationClass()).isEqualTo("LONG_TERM");
        assertThat(event.getTimePeriod()).isEqualTo("2026-01");
        assertThat(event.getLineage().getBatchId()).isEqualTo("batch-1");
        assertThat(event.getLineage().getReferenceDataVersion()).startsWith("2026.2");

        HttpResponse<String> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("UP");
    }

    @Test
    void poisonPillIsDeadLetteredWithItsBytesAndOriginAndTheNextRecordStillFlows() throws Exception {
        awaitReady();
        byte[] poison = "this is not avro".getBytes(StandardCharsets.UTF_8);
        RecordMetadata sent = producer().send(new ProducerRecord<>(TOPICS.rawRecords().name(), "template|poison",
                poison)).get();
        send("template|after-poison", raw("after-poison").build());

        assertThat(lastValue(harmonizedFor("template|after-poison", List::isEmpty)).getLineage().getRecordId())
                .isEqualTo("after-poison");
        ConsumerRecord<byte[], byte[]> letter = deadLetter("template|poison");
        List<String> names = new ArrayList<>();
        letter.headers().forEach(h -> names.add(h.key()));
        // what the binder's DLQ handler writes (docs/operations.md lists it); no consumer-group header
        assertThat(names).contains("kafka_dlt-exception-fqcn", "kafka_dlt-exception-message",
                "kafka_dlt-exception-stacktrace", "kafka_dlt-original-topic", "kafka_dlt-original-partition",
                "kafka_dlt-original-offset", "kafka_dlt-original-timestamp");
        // the original key and value bytes, unchanged
        assertThat(letter.key()).isEqualTo("template|poison".getBytes(StandardCharsets.UTF_8));
        assertThat(letter.value()).isEqualTo(poison);
        // node-common's DeadLetter convention: exception class and message, source topic, partition and offset
        Headers headers = letter.headers();
        assertThat(DeadLetter.text(headers, "kafka_dlt-exception-fqcn")).isNotBlank();
        assertThat(DeadLetter.text(headers, "kafka_dlt-exception-message")).isNotBlank();
        assertThat(headers.lastHeader("kafka_dlt-exception-stacktrace")).isNotNull();
        assertThat(DeadLetter.text(headers, "kafka_dlt-original-topic")).isEqualTo("kaz.raw.records");
        assertThat(DeadLetter.originalPartition(headers)).isEqualTo(sent.partition());
        assertThat(DeadLetter.originalOffset(headers)).isEqualTo(sent.offset());
        assertThat(meters.counter("migrex.harmonization.records", "outcome", "dead_lettered", "path", "live").count())
                .isGreaterThanOrEqualTo(1.0);
    }

    /**
     * Ten bytes: the Confluent framing with the raw-record schema's real id, then a record whose first field (a string)
     * declares 1 GiB. The serde refuses it by the declared length (no allocation); the binder dead-letters it.
     */
    @Test
    void anAllocationBombIsDeadLetteredAndTheStreamGoesOn() throws Exception {
        awaitReady();
        byte[] framed = rawSerializer.serialize(TOPICS.rawRecords().name(), raw("bomb-template").build());
        byte[] bomb = new byte[10];
        System.arraycopy(framed, 0, bomb, 0, 5); // magic byte and the 4-byte schema id
        // the declared length 2^30 as Avro writes a long: zig-zag (2^31), then a varint: 0x80 0x80 0x80 0x80 0x08
        bomb[5] = (byte) 0x80;
        bomb[6] = (byte) 0x80;
        bomb[7] = (byte) 0x80;
        bomb[8] = (byte) 0x80;
        bomb[9] = (byte) 0x08;
        producer().send(new ProducerRecord<>(TOPICS.rawRecords().name(), "template|bomb", bomb)).get();
        send("template|after-bomb", raw("after-bomb").build());

        assertThat(lastValue(harmonizedFor("template|after-bomb", List::isEmpty)).getLineage().getRecordId())
                .isEqualTo("after-bomb");
        ConsumerRecord<byte[], byte[]> letter = deadLetter("template|bomb");
        assertThat(letter.value()).isEqualTo(bomb);
        assertThat(DeadLetter.text(letter.headers(), "kafka_dlt-exception-message")).contains("kaz.raw.records");
    }

    @Test
    void aPersonIdInClearIsDeadLetteredWithAReasonThatDoesNotRepeatIt() throws Exception {
        awaitReady();
        String passport = "N12345678";
        send("template|clear-id", raw("clear-id").setPersonPseudonym(passport).build());
        send("template|after-clear-id", raw("after-clear-id").build());

        assertThat(lastValue(harmonizedFor("template|after-clear-id", List::isEmpty)).getLineage().getRecordId())
                .isEqualTo("after-clear-id");
        ConsumerRecord<byte[], byte[]> letter = deadLetter("template|clear-id");
        String message = DeadLetter.text(letter.headers(), "kafka_dlt-exception-message");
        assertThat(message).contains("personPseudonym", "64 lower-case hex").doesNotContain(passport);
        assertThat(harmonizedFor("template|clear-id", v -> false)).isEmpty();
        assertThat(get("/api/v1/quarantine", "kaz-agency:agency-secret").body()).doesNotContain(passport);
    }

    @Test
    void bindingsEndpointIsForOperatorsAndStopsAndStartsTheStream() throws Exception {
        awaitReady();
        assertThat(get("/actuator/bindings", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/bindings", "kaz-agency:agency-secret").statusCode()).isEqualTo(403);
        HttpResponse<String> bindings = get("/actuator/bindings", "ops:ops-secret");
        assertThat(bindings.statusCode()).isEqualTo(200);
        assertThat(bindings.body()).contains("harmonize-in-0");
        assertThat(postJson("/actuator/bindings/harmonize-in-0", "kaz-agency:agency-secret",
                "{\"state\":\"STOPPED\"}").statusCode()).isEqualTo(403);

        assertThat(postJson("/actuator/bindings/harmonize-in-0", "ops:ops-secret", "{\"state\":\"STOPPED\"}")
                .statusCode()).isBetween(200, 204);
        awaitReadiness(503);
        assertThat(postJson("/actuator/bindings/harmonize-in-0", "ops:ops-secret", "{\"state\":\"STARTED\"}")
                .statusCode()).isBetween(200, 204);
        awaitReady();
        // and it works again
        send("template|after-restart", raw("after-restart").build());
        assertThat(lastValue(harmonizedFor("template|after-restart", List::isEmpty)).getLineage().getRecordId())
                .isEqualTo("after-restart");
        // interactive queries follow the restarted Kafka Streams
        assertThat(get("/api/v1/quarantine", "kaz-agency:agency-secret").statusCode()).isEqualTo(200);
    }

    @Test
    void quarantinedRecordIsReplayedAfterItsCountryIsAddedAndCountedOnce() throws Exception {
        awaitReady();
        String key = "template|q-1";
        send(key, raw("q-1").setCitizenship("Кыргызия").build());

        JsonNode report = awaitReport(r -> r.path("topUnmappedValues").path("citizenship").toString()
                .contains("Кыргызия"));
        assertThat(report.path("reasonsByRule").path("COUNTRY_UNKNOWN").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(get("/api/v1/quarantine", "stat:stat-secret").statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/quarantine", null).statusCode()).isEqualTo(401);

        // the agency adds the variant to its extension folder; the operator replays
        Files.writeString(EXTENSION_DIR.resolve("country-variants.csv"), "alpha3,lang,name\nKGZ,ru,Кыргызия\n");
        HttpResponse<String> replay = post("/api/v1/quarantine/replay", "ops:ops-secret");
        assertThat(replay.statusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(replay.body());
        assertThat(result.path("harmonized").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(result.path("referenceDataVersion").asText()).startsWith("2026.2+ext.");

        // replaying is for operators only
        assertThat(post("/api/v1/quarantine/replay", "kaz-agency:agency-secret").statusCode()).isEqualTo(403);
        // replaying again finds nothing of it left: the event is written once
        JsonNode again = JSON.readTree(post("/api/v1/quarantine/replay", "ops:ops-secret").body());
        assertThat(again.path("harmonized").asInt()).isZero();

        List<HarmonizedMigrationEvent> values = harmonizedFor(key, v -> v.stream().noneMatch(e -> e != null));
        List<HarmonizedMigrationEvent> events = values.stream().filter(e -> e != null).toList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getCitizenship()).isEqualTo("KGZ");
        assertThat(lastValue(values)).isNotNull();
        assertThat(lastValue(values).getLineage().getReferenceDataVersion()).startsWith("2026.2+ext.");
        JsonNode after = JSON.readTree(get("/api/v1/quarantine", "kaz-agency:agency-secret").body());
        assertThat(after.path("topUnmappedValues").path("citizenship").toString()).doesNotContain("Кыргызия");
    }

    @Test
    void eachAgencySeesTheQuarantineOfItsOwnSourcesAndTheOperatorSeesTheNode() throws Exception {
        awaitReady();
        String templateValue = "Атлантида";
        String borderValue = "Лемурия";
        send("template|own-1", raw("own-1").setCitizenship(templateValue).build());
        send("border-log|own-2", raw("own-2").setCitizenship(borderValue)
                .setProvenance(Provenance.newBuilder(provenance("batch-b")).setSource("border-log").build()).build());

        JsonNode operator = awaitReport("ops:ops-secret", r -> r.path("topUnmappedValues").path("citizenship")
                .toString().contains(templateValue) && r.path("topUnmappedValues").toString().contains(borderValue));
        assertThat(operator.path("sources").isNull()).as("sources null: the whole node").isTrue();

        HttpResponse<String> template = get("/api/v1/quarantine", "kaz-agency:agency-secret");
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(template.body()).contains(templateValue).doesNotContain(borderValue);
        assertThat(JSON.readTree(template.body()).path("sources").toString()).isEqualTo("[\"template\"]");

        HttpResponse<String> border = get("/api/v1/quarantine", "kaz-border:border-secret");
        assertThat(border.statusCode()).isEqualTo(200);
        assertThat(border.body()).contains(borderValue).doesNotContain(templateValue);
        JsonNode borderReport = JSON.readTree(border.body());
        assertThat(borderReport.path("sources").toString()).isEqualTo("[\"border-log\"]");
        assertThat(borderReport.path("records").asLong()).isEqualTo(1); // only own-2 is quarantined in border-log
        assertThat(borderReport.path("reasonsByRule").path("COUNTRY_UNKNOWN").asLong()).isEqualTo(1);
        assertThat(operator.path("records").asLong())
                .isGreaterThan(JSON.readTree(template.body()).path("records").asLong());

        HttpResponse<String> nobody = get("/api/v1/quarantine", "kaz-nobody:nobody-secret");
        assertThat(nobody.statusCode()).isEqualTo(200);
        JsonNode empty = JSON.readTree(nobody.body());
        assertThat(empty.path("records").asLong()).isZero();
        assertThat(empty.path("sources").toString()).isEqualTo("[]");
        assertThat(nobody.body()).doesNotContain(templateValue).doesNotContain(borderValue);
    }

    @Test
    void correctionThatNoLongerMapsWithdrawsItsEarlierEvent() throws Exception {
        awaitReady();
        String key = "template|c-1";
        send(key, raw("c-1").build());
        assertThat(lastValue(harmonizedFor(key, List::isEmpty))).isNotNull();

        send(key, raw("c-1").setCitizenship("Narnia").setProvenance(provenance("batch-2")).build());
        List<HarmonizedMigrationEvent> values = harmonizedFor(key, v -> v.size() < 2);
        assertThat(values).hasSize(2);
        assertThat(values.get(1)).isNull(); // tombstone: aggregates no longer count the first version

        // a tombstone on the raw topic deletes too
        String deleted = "template|d-1";
        send(deleted, raw("d-1").build());
        assertThat(harmonizedFor(deleted, List::isEmpty)).hasSize(1);
        producer().send(new ProducerRecord<>(TOPICS.rawRecords().name(), deleted, null)).get();
        List<HarmonizedMigrationEvent> deletedValues = harmonizedFor(deleted, v -> v.size() < 2);
        assertThat(deletedValues).hasSize(2);
        assertThat(deletedValues.get(1)).isNull();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    static RawMigrationRecord.Builder raw(String recordId) {
        return RawMigrationRecord.newBuilder()
                .setRecordId(recordId)
                .setEventType("RESIDENCE_REGISTRATION")
                .setEventDate("2026-01-10")
                .setPersonPseudonym("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .setSex("F")
                .setBirthDate("1995-06-01")
                .setCitizenship("Кыргызстан")
                .setCountryOfBirth("KG")
                .setCounterpartCountry("РФ")
                .setPurpose("WORK")
                .setIntendedDurationDays(400)
                .setProvenance(provenance("batch-1"));
    }

    static Provenance provenance(String batch) {
        return Provenance.newBuilder().setNode("KAZ").setSource("template").setBatchId(batch).setLine(2)
                .setProfile("template").setProfileVersion("1").setIngestedAt(Instant.now()).build();
    }

    void send(String key, RawMigrationRecord record) throws Exception {
        producer().send(new ProducerRecord<>(TOPICS.rawRecords().name(), key,
                rawSerializer.serialize(TOPICS.rawRecords().name(), record))).get();
    }

    void awaitReady() throws Exception {
        awaitReadiness(200);
    }

    void awaitReadiness(int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = get("/actuator/health/readiness", null);
            if (last.statusCode() == status) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("readiness did not answer " + status + ": " + (last == null ? "" : last.body()));
    }

    JsonNode awaitReport(Predicate<JsonNode> done) throws Exception {
        return awaitReport("kaz-agency:agency-secret", done);
    }

    JsonNode awaitReport(String credentials, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode report = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get("/api/v1/quarantine", credentials);
            assertThat(response.statusCode()).isEqualTo(200);
            report = JSON.readTree(response.body());
            if (done.test(report)) {
                return report;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("quarantine report never matched: " + report);
    }

    /**
     * Every value of {@code key} on the harmonized topic (null for tombstones), read committed, polling while
     * {@code notYet} holds and at most 30 s; then one more second to catch anything written too many.
     */
    List<HarmonizedMigrationEvent> harmonizedFor(String key, Predicate<List<HarmonizedMigrationEvent>> notYet) {
        ConfluentAvroDeserializer<HarmonizedMigrationEvent> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(Map.of(RegistryClientConfig.URL, LocalStackExtension.shared().registryConfluentUrl(),
                ConfluentAvroDeserializer.READER_TYPE, HarmonizedMigrationEvent.class), false);
        List<ConsumerRecord<String, HarmonizedMigrationEvent>> records = new ArrayList<>();
        Predicate<List<ConsumerRecord<String, HarmonizedMigrationEvent>>> pending = all -> notYet.test(
                all.stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList());
        List<ConsumerRecord<String, HarmonizedMigrationEvent>> all = readAll(TOPICS.harmonizedEvents().name(),
                deserializer, pending);
        for (ConsumerRecord<String, HarmonizedMigrationEvent> r : all) {
            if (key.equals(r.key())) {
                records.add(r);
            }
        }
        List<HarmonizedMigrationEvent> values = new ArrayList<>();
        records.forEach(r -> values.add(r.value()));
        return values;
    }

    <V> List<ConsumerRecord<byte[], V>> readAll(String topic, org.apache.kafka.common.serialization.Deserializer<V> values,
                                               Predicate<List<ConsumerRecord<byte[], V>>> pending) {
        return readAllWith(topic, new ByteArrayDeserializer(), values, pending);
    }

    <V> List<ConsumerRecord<String, V>> readAll(String topic, ConfluentAvroDeserializer<V> values,
                                               Predicate<List<ConsumerRecord<String, V>>> pending) {
        return readAllWith(topic, new StringDeserializer(), values, pending);
    }

    static <K, V> List<ConsumerRecord<K, V>> readAllWith(String topic,
                                                         org.apache.kafka.common.serialization.Deserializer<K> keys,
                                                         org.apache.kafka.common.serialization.Deserializer<V> values,
                                                         Predicate<List<ConsumerRecord<K, V>>> pending) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("spring.embedded.kafka.brokers"));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (pending.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long quiet = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < quiet) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The dead letter of the given key on {@code <cc>.raw.records.dlq}, waiting for it to arrive. */
    ConsumerRecord<byte[], byte[]> deadLetter(String key) {
        return readAll(TOPICS.rawRecordsDeadLetter().name(), new ByteArrayDeserializer(), letters -> letters.stream()
                        .noneMatch(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))))
                .stream().filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for " + key));
    }

    static <T> T lastValue(List<T> values) {
        assertThat(values).isNotEmpty();
        return values.get(values.size() - 1);
    }

    HttpResponse<String> get(String path, String credentials) throws Exception {
        return HTTP.send(request(path, credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST without a body, as a program sends it: with X-Requested-By (node-common's cross-site form guard). */
    HttpResponse<String> post(String path, String credentials) throws Exception {
        return HTTP.send(request(path, credentials).header("X-Requested-By", "HarmonizationIT")
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String credentials, String json) throws Exception {
        return HTTP.send(request(path, credentials).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path, String credentials) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (credentials != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }
}
