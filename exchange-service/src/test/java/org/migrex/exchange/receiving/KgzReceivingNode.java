package org.migrex.exchange.receiving;

import java.nio.file.Path;
import org.migrex.localstack.LocalStack;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Node KGZ's receiving side as the receiving ITs run it: only the receipt function, on the given broker and registry,
 * with partner KAZ's public key at {@code keys/kaz.pub} (key id {@code KAZ-2026-1}) and the users kgz-agency
 * (AGENCY, agency-pw) and kgz-stat (STATISTICIAN, stat-pw).
 */
final class KgzReceivingNode {
    private KgzReceivingNode() {
    }

    static void properties(DynamicPropertyRegistry registry, LocalStack stack, Path keys) {
        registry.add("migrex.node.country", () -> "KGZ");
        // the service's readiness group names the sending side's Kafka Streams, which this context leaves out
        registry.add("management.endpoint.health.group.readiness.include", () -> "readinessState,exchangeStreams");
        registry.add("spring.cloud.function.definition", () -> "receipt");
        registry.add("migrex.exchange.state-dir", () -> keys.resolve("state").toString());
        registry.add("migrex.kafka.bootstrap-servers", stack::bootstrapServers);
        registry.add("migrex.registry.url", stack::registryConfluentUrl);
        registry.add("migrex.exchange.partners.KAZ.public-key", () -> keys.resolve("kaz.pub").toString());
        registry.add("migrex.exchange.partners.KAZ.key-id", () -> "KAZ-2026-1");
        registry.add("migrex.security.users.kgz-agency.password", () -> "{noop}agency-pw");
        registry.add("migrex.security.users.kgz-agency.roles", () -> "AGENCY");
        registry.add("migrex.security.users.kgz-stat.password", () -> "{noop}stat-pw");
        registry.add("migrex.security.users.kgz-stat.roles", () -> "STATISTICIAN");
    }
}
