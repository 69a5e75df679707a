package org.migrex.harmonization.stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.schema.QuarantinedRecord;
import org.migrex.schema.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the {@link QuarantineView} by reading {@code <cc>.quarantine} from the beginning to its last committed
 * offset (read_committed, no consumer group). Records that cannot be read are skipped and logged by position.
 */
public class QuarantineViewLoader {
    private static final Logger log = LoggerFactory.getLogger(QuarantineViewLoader.class);

    private final String bootstrapServers;
    private final Topics topics;
    private final AvroSerdeFactory serdes;

    public QuarantineViewLoader(String bootstrapServers, Topics topics, AvroSerdeFactory serdes) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.serdes = serdes;
    }

    /** Reads the whole topic into {@code view}; returns the number of records read. */
    public long load(QuarantineView view) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "migrex-" + topics.nodeCode().toLowerCase() + "-quarantine-view");
        String topic = topics.quarantine().name();
        var deserializer = serdes.valueDeserializer(topics.quarantine());
        long read = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(30));
            while (assigned.stream().anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(30)) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    try {
                        view.apply(record.key(), record.value() == null ? null
                                : deserializer.deserialize(topic, record.headers(), record.value()));
                    } catch (RuntimeException e) {
                        log.error("skipped unreadable quarantine record {}-{}@{}: {}", topic, record.partition(),
                                record.offset(), e.toString());
                    }
                }
            }
        }
        log.info("quarantine view loaded: {} records read, {} in quarantine", read, view.size());
        return read;
    }
}
