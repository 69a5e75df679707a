package org.migrex.exchange.mirror;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Topics;
import org.migrex.serde.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps {@link OwnAggregates} equal to the compacted {@code <cc>.aggregates} topic: assigns every partition, reads from
 * the beginning (read_committed, no consumer group), and applies each record. A record that does not decode is
 * counted ({@code migrex.aggregates.undecodable}) and skipped; the topic is written by this node's own aggregation,
 * whose dead-letter handling is upstream.
 */
public final class AggregatesFollower implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AggregatesFollower.class);

    private final String bootstrapServers;
    private final Topics topics;
    private final Deserializer<MigrationAggregate> deserializer;
    private final OwnAggregates view;
    private final MeterRegistry meters;
    private final Duration pollTimeout;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public AggregatesFollower(String bootstrapServers, Topics topics, AvroSerdeFactory serdes, OwnAggregates view,
                              MeterRegistry meters, Duration pollTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.deserializer = serdes.valueDeserializer(topics.aggregates());
        this.view = view;
        this.meters = meters;
        this.pollTimeout = pollTimeout;
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    @Override
    public void start() {
        running = true;
        Thread.ofPlatform().name("migrex-aggregates-view").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    private void run() {
        try {
            while (running) {
                try {
                    follow();
                } catch (WakeupException e) {
                    // stopping
                } catch (RuntimeException e) {
                    if (running) {
                        log.error("aggregates view: follower failed, restarting in 5 s: {}", e.toString());
                        sleep(5_000);
                    }
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    private void follow() {
        String topic = topics.aggregates().name();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = c;
            List<TopicPartition> partitions = new ArrayList<>();
            while (running && partitions.isEmpty()) {
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos == null || infos.isEmpty()) {
                    log.warn("aggregates view: topic {} not found yet, waiting", topic);
                    sleep(2_000);
                } else {
                    infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                }
            }
            if (partitions.isEmpty()) {
                return;
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = c.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : c.poll(pollTimeout)) {
                    if (!apply(r)) {
                        c.seek(new TopicPartition(r.topic(), r.partition()), r.offset());
                        sleep(2_000);
                        break;
                    }
                }
                if (!caughtUp && partitions.stream().allMatch(p -> c.position(p) >= endAtStart.get(p))) {
                    caughtUp = true;
                    log.info("aggregates view: rebuilt from {}, {} cells", topic, view.size());
                }
            }
        } finally {
            consumer = null;
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
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SchemaRegistryException sre && (sre.httpStatus() == 0 || sre.httpStatus() >= 500)) {
                    log.warn("aggregates view: schema registry unavailable, will retry: {}", sre.getMessage());
                    return false;
                }
            }
            meters.counter("migrex.aggregates.undecodable").increment();
            log.error("aggregates view: skipped undecodable record {}-{}@{}: {}", r.topic(), r.partition(),
                    r.offset(), e.getMessage());
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
