package org.migrex.node;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.migrex.schema.Topic;
import org.migrex.schema.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Creates the node's missing topics before any binding or stream starts (the clusters run with
 * {@code auto.create.topics.enable=false}, so a topic exists only because someone meant it). A cluster that cannot
 * be reached is logged, not fatal: the services report it through their health instead.
 */
class NodeTopicsInitializer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(NodeTopicsInitializer.class);

    private final MigrexNodeProperties properties;
    private final Topics topics;
    private final List<ExtraTopics> extra;
    private volatile boolean running;

    NodeTopicsInitializer(MigrexNodeProperties properties, Topics topics, List<ExtraTopics> extra) {
        this.properties = properties;
        this.topics = topics;
        this.extra = List.copyOf(extra);
    }

    @Override
    public void start() {
        running = true;
        MigrexNodeProperties.Kafka kafka = properties.kafka();
        if (!kafka.createTopics()) {
            return;
        }
        Map<String, Object> config = new java.util.HashMap<>(kafka.security().clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = java.util.stream.Stream.concat(
                            topics.all().stream().map(topic -> newTopic(topic, kafka)),
                            extra.stream().flatMap(e -> e.newTopics(kafka.replicationFactor()).stream()))
                    .filter(topic -> !existing.contains(topic.name()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).values().forEach((name, future) -> {
                    try {
                        future.get(30, TimeUnit.SECONDS);
                        log.info("created topic {}", name);
                    } catch (Exception e) {
                        if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                            log.error("could not create topic {} on {}: {}", name, kafka.bootstrapServers(), e.toString());
                        }
                    }
                });
            }
        } catch (Exception e) {
            log.error("could not check or create the node's topics on {} (migrex.kafka.bootstrap-servers): {}",
                    kafka.bootstrapServers(), e.toString());
        }
    }

    static NewTopic newTopic(Topic<?, ?> topic, MigrexNodeProperties.Kafka kafka) {
        return topic.newTopic(kafka.partitions(), kafka.replicationFactor());
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before every binding, listener container and stream. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
