package org.migrex.exchange.streams;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsRegistry;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Health of the exchange functions: UP only while every function's Kafka Streams is RUNNING (or rebalancing after
 * it has run), so the readiness group stays DOWN until state stores are restored and the inbox, mirror and SDMX
 * endpoints answer from complete stores. Details: each application id and its state.
 */
public final class ExchangeStreamsHealth implements HealthIndicator {
    private final ObjectProvider<KafkaStreamsRegistry> registry;
    private final Map<String, Boolean> hasRun = new ConcurrentHashMap<>();

    public ExchangeStreamsHealth(ObjectProvider<KafkaStreamsRegistry> registry) {
        this.registry = registry;
    }

    /**
     * Remembers whether the application's current Kafka Streams instance has reached RUNNING; a new instance (a
     * binding stopped and started again) starts from CREATED and must reach RUNNING anew.
     */
    KafkaStreams.StateListener listenerFor(String applicationId) {
        return (now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                hasRun.put(applicationId, true);
            } else if (before == KafkaStreams.State.CREATED || !now.isRunningOrRebalancing()) {
                hasRun.put(applicationId, false);
            }
        };
    }

    @Override
    public Health health() {
        KafkaStreamsRegistry streams = registry.getIfAvailable();
        Map<String, String> states = new TreeMap<>();
        boolean up = streams != null;
        if (streams != null) {
            for (StreamsBuilderFactoryBean factoryBean : streams.streamsBuilderFactoryBeans()) {
                String id = String.valueOf(factoryBean.getStreamsConfiguration().get("application.id"));
                KafkaStreams kafkaStreams = factoryBean.getKafkaStreams();
                KafkaStreams.State state = kafkaStreams == null ? null : kafkaStreams.state();
                states.put(id, String.valueOf(state));
                boolean running = state == KafkaStreams.State.RUNNING
                        || (state == KafkaStreams.State.REBALANCING && hasRun.getOrDefault(id, false));
                up &= running;
            }
            up &= !states.isEmpty();
        }
        return (up ? Health.up() : Health.down()).withDetail("streams", states).build();
    }
}
