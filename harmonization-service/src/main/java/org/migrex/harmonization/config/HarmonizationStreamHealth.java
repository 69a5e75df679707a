package org.migrex.harmonization.config;

import org.apache.kafka.streams.KafkaStreams;
import org.migrex.harmonization.stream.QuarantineReplay;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsRegistry;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readiness of the harmonization stream ({@code harmonization} in the readiness group): UP only when every Kafka
 * Streams instance of the binder is {@code RUNNING}; DOWN while none exists yet, while it starts or rebalances, and
 * after it stopped or failed (a binding stopped through {@code /actuator/bindings} too).
 */
class HarmonizationStreamHealth implements HealthIndicator {
    private final KafkaStreamsRegistry registry;
    private final QuarantineReplay replay;

    HarmonizationStreamHealth(KafkaStreamsRegistry registry, QuarantineReplay replay) {
        this.registry = registry;
        this.replay = replay;
    }

    @Override
    public Health health() {
        List<StreamsBuilderFactoryBean> factories = registry.streamsBuilderFactoryBeans();
        if (factories.isEmpty()) {
            return Health.down().withDetail("reason", "the harmonize function's Kafka Streams is not created yet")
                    .build();
        }
        Map<String, String> states = new LinkedHashMap<>();
        boolean allRunning = true;
        for (StreamsBuilderFactoryBean factory : factories) {
            KafkaStreams streams = factory.getKafkaStreams();
            String id = String.valueOf(factory.getStreamsConfiguration().get("application.id"));
            KafkaStreams.State state = streams == null ? null : streams.state();
            states.put(id, state == null ? "NOT_STARTED" : state.name());
            allRunning &= state == KafkaStreams.State.RUNNING;
        }
        Health.Builder health = allRunning ? Health.up() : Health.down();
        return health.withDetail("streams", states).withDetail("tasks", replay.tasks().size()).build();
    }
}
