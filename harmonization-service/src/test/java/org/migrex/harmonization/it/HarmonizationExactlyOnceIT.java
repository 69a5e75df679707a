package org.migrex.harmonization.it;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migrex.harmonization.reference.ReferenceDataLoader;
import org.migrex.harmonization.rules.Harmonizer;
import org.migrex.harmonization.stream.HarmonizationMetrics;
import org.migrex.harmonization.stream.HarmonizationTopology;
import org.migrex.harmonization.stream.NodeSerdes;
import org.migrex.harmonization.stream.QuarantineReplay;
import org.migrex.localstack.LocalStackExtension;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.Provenance;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroDeserializer;
import org.migrex.serde.ConfluentAvroSerializer;
import org.migrex.serde.RegistryClientConfig;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once under a crash, on a real KRaft broker and a real registry: the {@code harmonize} function's topology
 * (the object the binder applies) runs in a Kafka Streams instance whose stream thread dies in the middle of a
 * transaction (it has sent part of that transaction's outputs), then a fresh instance with an empty state directory
 * (its stores restored from their changelogs) finishes the input, to which duplicates, corrections and deletions were
 * added meanwhile.
 *
 * <p>The expected outcome is computed from the input alone: every raw record yields exactly one record on
 * {@code harmonized.events} (its event, or a tombstone when it is quarantined or deleted), so under read_committed
 * the topic holds exactly as many records as the raw topic, and per key the same sequence of versions; the latest
 * value per key is the event of the key's last raw version if that version maps, else nothing.
 */
@EmbeddedKafka(partitions = 2, brokerProperties = {"transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1", "auto.create.topics.enable=false"})
@ExtendWith(LocalStackExtension.class)
class HarmonizationExactlyOnceIT {
    private static final Topics TOPICS = Topics.forNode("TJK");
    private static final String APPLICATION_ID = "migrex-tjk-harmonization";
    private static final int KEYS = 400;
    private static final int CRASH_AT = 250;

    @TempDir
    Path stateFirst;
    @TempDir
    Path stateSecond;

    /** One raw version written: its key, whether it is a tombstone, and whether its citizenship maps. */
    record Written(String key, String batch, boolean tombstone, boolean maps) {
    }

    @Test
    void crashMidStreamNeitherLosesNorDoublesARecord(EmbeddedKafkaBroker broker) throws Exception {
        String brokers = broker.getBrokersAsString();
        String registry = LocalStackExtension.shared().registryConfluentUrl();
        createTopics(brokers);
        List<Written> written = new ArrayList<>();

        try (KafkaProducer<String, byte[]> producer = producer(brokers)) {
            ConfluentAvroSerializer<RawMigrationRecord> serializer = new ConfluentAvroSerializer<>();
            serializer.configure(Map.of(RegistryClientConfig.URL, registry, RegistryClientConfig.AUTO_REGISTER, true),
                    false);
            // first half: every key once; every fifth does not map (quarantine)
            for (int i = 0; i < KEYS; i++) {
                write(producer, serializer, written, "src|k-" + i, "b-1", i % 5 != 0);
            }
            producer.flush();

            // the first instance crashes in the middle of a transaction: its stream thread dies on the
            // CRASH_AT-th record, after having sent that transaction's earlier outputs; the transaction is aborted
            AtomicInteger harmonized = new AtomicInteger();
            KafkaStreams first = start(brokers, registry, stateFirst, () -> {
                if (harmonized.incrementAndGet() == CRASH_AT) {
                    throw new IllegalStateException("simulated crash in the middle of a transaction");
                }
            });
            awaitState(first, KafkaStreams.State.ERROR);
            long committedAtCrash = committed(brokers);
            assertThat(committedAtCrash).as("the crash came before the first half was done").isLessThan(KEYS);
            LoggerFactory.getLogger(HarmonizationExactlyOnceIT.class).info(
                    "crashed at record {}; {} of {} input offsets committed", CRASH_AT, committedAtCrash, KEYS);

            // second half, while nobody runs: duplicates, corrections both ways, deletions
            for (int i = 0; i < KEYS; i++) {
                String key = "src|k-" + i;
                switch (i % 4) {
                    case 0 -> write(producer, serializer, written, key, "b-2", true);   // correction that maps
                    case 1 -> write(producer, serializer, written, key, "b-2", false);  // correction that does not
                    case 2 -> write(producer, serializer, written, key, null, false);   // deletion
                    default -> write(producer, serializer, written, key, "b-1", i % 5 != 0); // duplicate
                }
            }
            producer.flush();

            // a fresh instance on an empty state directory: its stores are restored from their changelogs
            KafkaStreams second = start(brokers, registry, stateSecond, () -> { });
            try {
                awaitAllConsumed(brokers, written.size());
            } finally {
                second.close(Duration.ofSeconds(30));
                first.close(Duration.ofSeconds(30));
            }
        }

        List<ConsumerRecord<String, HarmonizedMigrationEvent>> out = readHarmonized(brokers, registry);
        assertThat(out).as("one harmonized.events record per raw record").hasSize(written.size());

        Map<String, List<String>> expectedVersions = new LinkedHashMap<>();
        Map<String, String> expectedLatest = new HashMap<>();
        for (Written w : written) {
            String version = w.tombstone() || !w.maps() ? null : w.batch();
            expectedVersions.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(String.valueOf(version));
            expectedLatest.put(w.key(), version);
        }
        Map<String, List<String>> actualVersions = new LinkedHashMap<>();
        Map<String, String> actualLatest = new HashMap<>();
        for (ConsumerRecord<String, HarmonizedMigrationEvent> r : out) {
            String version = r.value() == null ? null : r.value().getLineage().getBatchId();
            actualVersions.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(String.valueOf(version));
            actualLatest.put(r.key(), version);
        }
        assertThat(actualVersions).isEqualTo(expectedVersions);
        assertThat(actualLatest).isEqualTo(expectedLatest);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    KafkaStreams start(String brokers, String registry, Path stateDir, Runnable beforeEachRecord) {
        AvroSerdeFactory serdes = new AvroSerdeFactory(registry, true);
        HarmonizationMetrics metrics = new HarmonizationMetrics(new SimpleMeterRegistry());
        var reference = new ReferenceDataLoader(null).load();
        HarmonizationTopology harmonize = new HarmonizationTopology(new Harmonizer("TJK", Clock.systemUTC()),
                () -> {
                    beforeEachRecord.run();
                    return reference;
                }, Clock.systemUTC(), metrics, new QuarantineReplay(),
                NodeSerdes.quarantineStore(serdes, TOPICS), 500, Duration.ofMillis(200));
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, RawMigrationRecord> raw = builder.stream(TOPICS.rawRecords().name(),
                Consumed.with(Serdes.String(), NodeSerdes.rawRecords(serdes, TOPICS, metrics)));
        KStream<String, SpecificRecord>[] outputs = harmonize.apply(raw);
        outputs[0].to(TOPICS.harmonizedEvents().name(), Produced.with(Serdes.String(), NodeSerdes.outputs(serdes)));
        outputs[1].to(TOPICS.quarantine().name(), Produced.with(Serdes.String(), NodeSerdes.outputs(serdes)));

        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 20);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // the crashed instance's member leaves by session timeout; the broker's minimum keeps the wait short
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        streams.setUncaughtExceptionHandler(e -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                .SHUTDOWN_CLIENT);
        streams.start();
        return streams;
    }

    void write(KafkaProducer<String, byte[]> producer, ConfluentAvroSerializer<RawMigrationRecord> serializer,
               List<Written> written, String key, String batch, boolean maps) {
        byte[] value = batch == null ? null : serializer.serialize(TOPICS.rawRecords().name(),
                RawMigrationRecord.newBuilder()
                        .setRecordId(key.substring(key.indexOf('|') + 1))
                        .setEventType("RESIDENCE_REGISTRATION")
                        .setEventDate("2026-01-10")
                        .setPersonPseudonym(pseudonym(key))
                        .setSex("M")
                        .setCitizenship(maps ? "KG" : "Narnia")
                        .setCounterpartCountry("KG")
                        .setProvenance(Provenance.newBuilder().setNode("TJK").setSource("src").setBatchId(batch)
                                .setLine(2).setProfile("template").setProfileVersion("1")
                                .setIngestedAt(Instant.now()).build())
                        .build());
        producer.send(new ProducerRecord<>(TOPICS.rawRecords().name(), key, value));
        written.add(new Written(key, batch, batch == null, maps));
    }

    static void createTopics(String brokers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(
                    new NewTopic(TOPICS.rawRecords().name(), 2, (short) 1),
                    new NewTopic(TOPICS.harmonizedEvents().name(), 2, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                    new NewTopic(TOPICS.quarantine().name(), 2, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                    new NewTopic(TOPICS.rawRecordsDeadLetter().name(), 2, (short) 1))).all().get();
        }
    }

    static KafkaProducer<String, byte[]> producer(String brokers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    static void awaitState(KafkaStreams streams, KafkaStreams.State state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (streams.state() != state && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling the instance's state, the barrier
        }
        assertThat(streams.state()).isEqualTo(state);
    }

    /** The application's committed input offsets, summed over the raw topic's partitions. */
    static long committed(String brokers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            return admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get().values()
                    .stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    /** Until the application's committed offsets reach the raw topic's end offsets (all input processed). */
    static void awaitAllConsumed(String brokers, int records) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions(TOPICS.rawRecords().name()).forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((p, info) -> ends.put(p, info.offset()));
            assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(records);
            long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
            Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
            while (System.nanoTime() < deadline) {
                committed = admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetAndMetadata> now = committed;
                if (ends.entrySet().stream().allMatch(e -> now.get(e.getKey()) != null
                        && now.get(e.getKey()).offset() >= e.getValue())) {
                    return;
                }
                Thread.sleep(100); // polling the committed offsets, the barrier; not waiting for time to pass
            }
            throw new AssertionError("committed " + committed + ", raw end offsets " + ends);
        }
    }

    /** Everything on harmonized.events, read_committed, up to its end offsets (taken after the input was consumed). */
    static List<ConsumerRecord<String, HarmonizedMigrationEvent>> readHarmonized(String brokers, String registry) {
        ConfluentAvroDeserializer<HarmonizedMigrationEvent> values = new ConfluentAvroDeserializer<>();
        values.configure(Map.of(RegistryClientConfig.URL, registry,
                ConfluentAvroDeserializer.READER_TYPE, HarmonizedMigrationEvent.class), false);
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, HarmonizedMigrationEvent>> records = new ArrayList<>();
        try (KafkaConsumer<String, HarmonizedMigrationEvent> consumer = new KafkaConsumer<>(config,
                new StringDeserializer(), values)) {
            List<TopicPartition> partitions = partitions(TOPICS.harmonizedEvents().name());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        // per key, the order of one partition
        return records;
    }

    static List<TopicPartition> partitions(String topic) {
        return List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
    }

    /** A pseudonym of the shape ingestion writes (64 lower-case hex digits), one per key. */
    static String pseudonym(String key) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
