package org.migrex.ingestion.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.serde.ConfluentAvroDeserializer;
import org.migrex.serde.RegistryClientConfig;

/** Reads the raw-record topic (or another of ingestion's topics) as a downstream consumer would: from the beginning, read_committed or not. */
final class RawRecordTopic {
    private final String bootstrap;
    private final String registryUrl;
    private final String topic;

    RawRecordTopic(String bootstrap, String registryUrl, String topic) {
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
        this.topic = topic;
    }

    /** Every committed record, decoded with the registry. */
    List<ConsumerRecord<String, RawMigrationRecord>> committed() {
        return committed(RawMigrationRecord.class);
    }

    /** Every committed record of a topic of another value type (such as the remittances), decoded with the registry. */
    <V> List<ConsumerRecord<String, V>> committed(Class<V> valueType) {
        ConfluentAvroDeserializer<V> values = new ConfluentAvroDeserializer<>();
        values.configure(Map.of(RegistryClientConfig.URL, registryUrl,
                ConfluentAvroDeserializer.READER_TYPE, valueType), false);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config("read_committed"),
                new StringDeserializer(), values)) {
            return readAll(consumer);
        }
    }

    /**
     * The committed records once {@code visible} holds, or as they are after 30 s. A producer's commit returns
     * when the coordinator has logged it; the markers that let read_committed consumers past the records reach
     * the partition a moment later (longer just after a broker restart), so a read at once may not see them yet.
     */
    List<ConsumerRecord<String, RawMigrationRecord>> committedOnce(
            java.util.function.Predicate<List<ConsumerRecord<String, RawMigrationRecord>>> visible) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<ConsumerRecord<String, RawMigrationRecord>> records = committed();
        while (!visible.test(records) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(200));
            records = committed();
        }
        return records;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every record as bytes, including those of open or aborted transactions. */
    List<ConsumerRecord<byte[], byte[]>> allBytes() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config("read_uncommitted"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return readAll(consumer);
        }
    }

    /** End offset of the single partition (records plus transaction markers). */
    long endOffset() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config("read_uncommitted"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    private <K, V> List<ConsumerRecord<K, V>> readAll(KafkaConsumer<K, V> consumer) {
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.position(partition) < end && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    private Map<String, Object> config(String isolation) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    }
}
