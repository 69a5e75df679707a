package org.migrex.exchange.delivery;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the exchange topology with exactly-once v2 and reports its state as health: UP only while the streams are
 * RUNNING (or rebalancing after having run), so the readiness group is DOWN until then.
 */
public final class ExchangeStreams implements SmartLifecycle, HealthIndicator {
    private final Supplier<Topology> topology;
    private final Properties config;
    private volatile KafkaStreams streams;
    private volatile boolean hasRun;

    public ExchangeStreams(Supplier<Topology> topology, Properties config) {
        this.topology = topology;
        this.config = config;
    }

    /** Kafka Streams settings of the exchange: application id {@code migrex-<cc>-exchange}, exactly_once_v2, DLQ. */
    public static Properties config(String node, String bootstrapServers, String stateDir, Duration commitInterval,
            int replicationFactor, String deadLetterTopic, java.util.Map<String, String> overrides) {
        Properties props = new Properties();
        props.putAll(overrides);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "migrex-" + node.toLowerCase() + "-exchange");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        props.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        props.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        props.putIfAbsent(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        return props;
    }

    @Override
    public void start() {
        KafkaStreams created = new KafkaStreams(topology.get(), config);
        created.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                hasRun = true;
            }
        });
        created.setUncaughtExceptionHandler(
                e -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
        streams = created;
        created.start();
    }

    @Override
    public void stop() {
        KafkaStreams running = streams;
        if (running != null) {
            running.close(Duration.ofSeconds(15));
            streams = null;
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** The current state, or null before start. */
    public KafkaStreams.State state() {
        KafkaStreams running = streams;
        return running == null ? null : running.state();
    }

    @Override
    public Health health() {
        KafkaStreams.State state = state();
        boolean up = state == KafkaStreams.State.RUNNING || (state == KafkaStreams.State.REBALANCING && hasRun);
        return (up ? Health.up() : Health.down()).withDetail("state", String.valueOf(state)).build();
    }
}
