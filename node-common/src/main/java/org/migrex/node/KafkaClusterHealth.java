package org.migrex.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether the node's Kafka cluster answers (a cluster description within two seconds). A service whose work is to
 * write to Kafka on request (ingestion) lists it in its readiness group, so a load balancer stops routing uploads
 * that could only be refused with 503. The answer is reused for a few seconds, so health probes do not become load.
 */
public final class KafkaClusterHealth implements HealthIndicator, DisposableBean {
    private static final Duration REUSE = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final KafkaClientSecurity security;
    private final Clock clock;
    private volatile Admin admin;
    private volatile Health last;
    private volatile Instant lastAt = Instant.EPOCH;

    public KafkaClusterHealth(String bootstrapServers, KafkaClientSecurity security, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.security = security;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        Health known = last;
        if (known != null && now.isBefore(lastAt.plus(REUSE))) {
            return known;
        }
        Health fresh = check();
        last = fresh;
        lastAt = now;
        return fresh;
    }

    private Health check() {
        try {
            int nodes = admin().describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
            return Health.up().withDetail("bootstrapServers", bootstrapServers).withDetail("brokers", nodes).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Health.down().withDetail("bootstrapServers", bootstrapServers)
                    .withDetail("error", e.getClass().getSimpleName()).build();
        }
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> config = new java.util.HashMap<>(security.clientProperties());
                    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
                    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
                    admin = Admin.create(config);
                }
                current = admin;
            }
        }
        return current;
    }

    @Override
    public void destroy() {
        Admin current = admin;
        if (current != null) {
            current.close(Duration.ofSeconds(2));
        }
    }
}
