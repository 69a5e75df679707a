package org.migrex.node;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The security settings every Kafka client of a node takes from {@code migrex.kafka.client.*}: producers, consumers,
 * admin clients and Kafka Streams, through Spring Kafka and both stream binders, and the clients the node builds
 * itself (topic creation, the cluster health check).
 *
 * <p>Only {@code security.protocol}, {@code sasl.*} and {@code ssl.*} pass: these say how to reach and authenticate
 * to the cluster. Any other client setting here could quietly change delivery semantics (acks, isolation, idempotence)
 * that exactly-once depends on, so it is refused with the key named.
 *
 * <p>Under profile {@code prod} the cluster must be reached over TLS: {@code security.protocol} {@code SSL} or
 * {@code SASL_SSL}. {@code PLAINTEXT} and {@code SASL_PLAINTEXT} send person-level records (and with SASL/PLAIN the
 * password) in clear.
 */
public final class KafkaClientSecurity {
    /** Prefix of the settings in the node's configuration. */
    public static final String PREFIX = "migrex.kafka.client";
    static final String SECURITY_PROTOCOL = "security.protocol";
    static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    static final Set<String> ENCRYPTED = Set.of("SSL", "SASL_SSL");
    /** Where Spring's own Kafka clients take extra client properties; the pass-through writes each key to all. */
    static final String[] SPRING_PREFIXES = {"spring.kafka.properties.",
            "spring.cloud.stream.kafka.binder.configuration.",
            "spring.cloud.stream.kafka.streams.binder.configuration."};

    private final String prefix;
    private final Map<String, String> settings;

    private KafkaClientSecurity(String prefix, Map<String, String> settings) {
        this.prefix = prefix;
        this.settings = Map.copyOf(settings);
    }

    /** No settings: PLAINTEXT, Kafka's default (the local stack, the sandbox, the tests). */
    public static KafkaClientSecurity none() {
        return new KafkaClientSecurity(PREFIX, Map.of());
    }

    /**
     * Validates the settings.
     *
     * @param settings key (as Kafka names it, e.g. {@code sasl.jaas.config}) to value
     * @throws IllegalArgumentException naming the key when it is not a security setting or the protocol is unknown
     */
    public static KafkaClientSecurity of(Map<String, String> settings) {
        return of(PREFIX, settings);
    }

    /**
     * As {@link #of(Map)} for settings read under another key, named in messages: a partner's cluster
     * ({@code migrex.exchange.partners.<CC>.properties}).
     */
    public static KafkaClientSecurity of(String prefix, Map<String, String> settings) {
        Map<String, String> checked = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (!key.equals(SECURITY_PROTOCOL) && !key.startsWith("sasl.") && !key.startsWith("ssl.")) {
                throw new IllegalArgumentException(prefix + "." + key + ": only " + SECURITY_PROTOCOL
                        + ", sasl.* and ssl.* are passed to the node's Kafka clients; other client settings are"
                        + " the node's own (exactly-once depends on them)");
            }
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(prefix + "." + key + ": is empty");
            }
            checked.put(key, value.strip());
        });
        String protocol = checked.get(SECURITY_PROTOCOL);
        if (protocol != null) {
            String upper = protocol.toUpperCase(Locale.ROOT);
            if (!PROTOCOLS.contains(upper)) {
                throw new IllegalArgumentException(prefix + "." + SECURITY_PROTOCOL + ": '" + protocol
                        + "' is not a Kafka security protocol; accepted: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
            }
            checked.put(SECURITY_PROTOCOL, upper);
        }
        return new KafkaClientSecurity(prefix, checked);
    }

    /** The settings, to add to the configuration of a Kafka client the node builds itself. */
    public Map<String, String> clientProperties() {
        return settings;
    }

    /** The protocol in effect: the configured one, or Kafka's default PLAINTEXT. */
    public String protocol() {
        return settings.getOrDefault(SECURITY_PROTOCOL, "PLAINTEXT");
    }

    /**
     * Refuses a cluster reached without TLS, for profile {@code prod}.
     *
     * @throws IllegalStateException naming the key and the accepted values
     */
    public void requireEncrypted() {
        if (!ENCRYPTED.contains(protocol())) {
            throw new IllegalStateException("profile prod refuses Kafka over " + protocol() + ": person-level records"
                    + " (and SASL passwords) would cross the network in clear. Set " + prefix + "." + SECURITY_PROTOCOL
                    + " to SASL_SSL (or SSL), with " + prefix + ".sasl.* and " + prefix
                    + ".ssl.* as the cluster requires; see docs/security.md");
        }
    }

    /** The same settings under the keys Spring Kafka and both stream binders read, for their own clients. */
    Map<String, String> springProperties() {
        Map<String, String> spring = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            for (String prefix : SPRING_PREFIXES) {
                spring.put(prefix + key, value);
            }
        });
        return spring;
    }
}
