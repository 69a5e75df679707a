package org.migrex.exchange.mirror;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.migrex.exchange.follow.TopicFollower;

/**
 * Keeps {@link OwnAggregates} equal to the compacted {@code <cc>.aggregates} topic: assigns every partition, reads from
 * the beginning (read_committed, no consumer group), and applies each record. A record that does not decode is
 * counted ({@code migrex.aggregates.undecodable}) and skipped; the topic is written by this node's own aggregation,
 * whose dead-letter handling is upstream.
 */
public final class AggregatesFollower extends TopicFollower {
    private static final Logger log = LoggerFactory.getLogger(AggregatesFollower.class);

    private final String bootstrapServers;
    private final Topics topics;
    private final Deserializer<MigrationAggregate> deserializer;
    private final OwnAggregates view;
    private final MeterRegistry meters;
    private final Duration pollTimeout;

    public AggregatesFollower(String bootstrapServers, Topics topics, AvroSerdeFactory serdes, OwnAggregates view,
                              MeterRegistry meters, Duration pollTimeout) {
        super("aggregates-view-" + topics.nodeCode());
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.deserializer = serdes.valueDeserializer(topics.aggregates());
        this.view = view;
        this.meters = meters;
        this.pollTimeout = pollTimeout;
    }

    @Override
    protected void follow() {
        String topic = topics.aggregates().name();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            attach(c);
            List<TopicPartition> partitions = waitForPartitions(c, topic);
            if (partitions.isEmpty()) {
                return;
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = c.endOffsets(partitions);
            while (isRunning()) {
                for (ConsumerRecord<String, byte[]> r : c.poll(pollTimeout)) {
                    if (!apply(r)) {
                        c.seek(new TopicPartition(r.topic(), r.partition()), r.offset());
                        pause(2_000);
                        break;
                    }
                }
                if (!isCaughtUp() && partitions.stream().allMatch(p -> c.position(p) >= endAtStart.get(p))) {
                    markCaughtUp();
                    log.info("aggregates view: rebuilt from {}, {} cells", topic, view.size());
                }
            }
        }
    }

    private boolean apply(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            view.apply(r.key(), null);
            return true;
        }
        try {
            view.apply(r.key(), deserializer.deserialize(r.topic(), r.headers(), r.value()));
        } catch (RuntimeException e) {
            if (registryUnavailable(e)) {
                log.warn("aggregates view: schema registry unavailable, will retry: {}", e.getMessage());
                return false;
            }
            meters.counter("migrex.aggregates.undecodable").increment();
            log.error("aggregates view: skipped undecodable record {}-{}@{}: {}", r.topic(), r.partition(),
                    r.offset(), e.getMessage());
        }
        return true;
    }
}
