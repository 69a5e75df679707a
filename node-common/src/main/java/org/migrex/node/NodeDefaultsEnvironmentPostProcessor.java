package org.migrex.node;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.SystemLimitException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults, at the lowest precedence, that tie Spring's own Kafka and actuator settings to the node's: one key
 * ({@code migrex.kafka.bootstrap-servers}) sets the cluster for Spring Kafka and both stream binders, so they cannot
 * disagree.
 *
 * <p>It also sets Avro's JVM-wide decoding limits ({@code org.apache.avro.limits.string.maxLength},
 * {@code bytes.maxLength}, {@code collectionItems.maxLength}) to {@value #AVRO_LIMIT} unless given as {@code -D}
 * options, before any record is decoded: Avro reads them once, and its default lets a declared 2 GB string through
 * to the allocator. The Migrex deserializer bounds every declared length by the record's size anyway; these limits
 * guard any other Avro decoder in the service.
 */
public class NodeDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {
    static final String SOURCE_NAME = "migrexNodeDefaults";
    /** 8 MiB, the default {@code migrex.kafka.max-record-size}. */
    static final String AVRO_LIMIT = "8388608";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        for (String limit : new String[]{SystemLimitException.MAX_STRING_LENGTH_PROPERTY,
                SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY}) {
            if (System.getProperty(limit) == null) {
                System.setProperty(limit, AVRO_LIMIT);
            }
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        String brokers = "${migrex.kafka.bootstrap-servers:localhost:9092}";
        defaults.put("spring.kafka.bootstrap-servers", brokers);
        defaults.put("spring.cloud.stream.kafka.binder.brokers", brokers);
        defaults.put("spring.cloud.stream.kafka.streams.binder.brokers", brokers);
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.show-details", "when-authorized");
        defaults.put("management.endpoint.health.roles", "OPERATOR");
        defaults.put("management.metrics.tags.node", "${migrex.node.country:unknown}");
        defaults.put("management.metrics.tags.application", "${spring.application.name:migrex}");
        // production registers schemas from CI; a node must not invent a contract version on first use
        if (environment.matchesProfiles("prod")) {
            defaults.put("migrex.registry.auto-register", "false");
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }
}
