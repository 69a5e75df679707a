package org.migrex.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.SystemLimitException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
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
 *
 * <p>Under profile {@code prod} the node refuses to start on plain HTTP unless a TLS-terminating proxy is declared
 * ({@code migrex.security.trusted-proxies}); with one, Tomcat believes {@code X-Forwarded-*} from it alone. It also
 * refuses a Kafka cluster reached without TLS and a schema registry over {@code http://}.
 *
 * <p>{@code migrex.kafka.client.*} ({@link KafkaClientSecurity}) is copied to {@code spring.kafka.properties.*} and
 * both binders' {@code configuration.*}, so one set of keys secures every client.
 */
public class NodeDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {
    /** What profile prod checks of a partner's settings (the exchange binds the whole partner elsewhere). */
    record PartnerCluster(String bootstrapServers, Map<String, String> properties) {
    }

    static final String SOURCE_NAME = "migrexNodeDefaults";
    /** 8 MiB, the default {@code migrex.kafka.max-record-size}. */
    static final String AVRO_LIMIT = "8388608";

    /** Whether Spring Boot will serve TLS: a bundle, key store or certificate is set and SSL is not switched off. */
    static boolean servesTls(ConfigurableEnvironment environment) {
        if ("false".equalsIgnoreCase(environment.getProperty("server.ssl.enabled", "true").strip())) {
            return false;
        }
        for (String key : new String[]{"server.ssl.bundle", "server.ssl.key-store", "server.ssl.certificate"}) {
            String value = environment.getProperty(key);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return false;
    }

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
        List<String> proxies = Binder.get(environment)
                .bind("migrex.security.trusted-proxies", Bindable.listOf(String.class)).orElse(List.of());
        if (!proxies.isEmpty()) {
            // only these addresses may say which client and protocol a request came with
            defaults.put("server.forward-headers-strategy", "native");
            defaults.put("server.tomcat.remoteip.internal-proxies", proxies.stream()
                    .map(p -> Pattern.quote(p.strip())).collect(Collectors.joining("|")));
            defaults.put("server.tomcat.remoteip.remote-ip-header", "X-Forwarded-For");
            defaults.put("server.tomcat.remoteip.protocol-header", "X-Forwarded-Proto");
        }
        if (environment.matchesProfiles("prod") && !servesTls(environment) && proxies.isEmpty()) {
            throw new IllegalStateException("profile prod refuses plain HTTP: credentials (HTTP Basic) and person-level"
                    + " uploads would cross the network in clear. Either serve HTTPS (server.ssl.bundle, or"
                    + " server.ssl.key-store with server.ssl.key-store-password) or declare the TLS-terminating proxy in"
                    + " migrex.security.trusted-proxies (its IP addresses); see docs/security.md");
        }
        KafkaClientSecurity kafkaSecurity = KafkaClientSecurity.of(Binder.get(environment)
                .bind(KafkaClientSecurity.PREFIX, Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        // one key per setting reaches Spring Kafka's clients and both binders' (producers, consumers, admin, Streams)
        defaults.putAll(kafkaSecurity.springProperties());
        if (environment.matchesProfiles("prod")) {
            kafkaSecurity.requireEncrypted();
            // a partner's cluster is reached across borders: the same rule for the exchange's remote deliveries
            String ownCluster = environment.getProperty("migrex.kafka.bootstrap-servers", "localhost:9092");
            Binder.get(environment).bind("migrex.exchange.partners", Bindable.mapOf(String.class, PartnerCluster.class))
                    .orElse(Map.of()).forEach((partner, cluster) -> {
                        if (cluster.bootstrapServers() != null && !cluster.bootstrapServers().isBlank()
                                && !cluster.bootstrapServers().equals(ownCluster)) {
                            KafkaClientSecurity.of("migrex.exchange.partners." + partner + ".properties",
                                    cluster.properties() == null ? Map.of() : cluster.properties()).requireEncrypted();
                        }
                    });
            String registry = environment.getProperty("migrex.registry.url", "");
            if (!registry.strip().toLowerCase(java.util.Locale.ROOT).startsWith("https://")) {
                throw new IllegalStateException("profile prod refuses a schema registry over plain HTTP ('" + registry
                        + "'): set migrex.registry.url to its https:// address (and migrex.registry.trust-store if its"
                        + " certificate is not in the JVM's trust store); see docs/security.md");
            }
            // the portal forwards each signed-in user's own password to these services (docs/portal.md)
            for (String key : List.of("migrex.portal.ingestion-url", "migrex.portal.harmonization-url")) {
                String url = environment.getProperty(key, "").strip();
                if (!url.isEmpty() && !url.toLowerCase(java.util.Locale.ROOT).startsWith("https://")) {
                    throw new IllegalStateException("profile prod refuses " + key + " over plain HTTP ('" + url
                            + "'): the portal sends the signed-in user's password there; set its https:// address");
                }
            }
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }
}
