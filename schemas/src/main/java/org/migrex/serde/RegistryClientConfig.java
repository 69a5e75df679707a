package org.migrex.serde;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the registry client, read from a Kafka serde configuration map.
 *
 * <p>Keys: {@value #URL} (Confluent API base URL, required), {@value #AUTO_REGISTER} (default {@code false}: a
 * production node registers schemas from CI, not on first use), {@value #MAX_ATTEMPTS} (default 5),
 * {@value #BACKOFF_MS} (first retry delay, doubled up to 5 s; default 200), {@value #TIMEOUT_MS} (per request,
 * default 5000). The first two keys are Confluent's own, so a configuration works with either serde.
 *
 * @param url          Confluent-API base URL, e.g. {@code http://localhost:8081/apis/ccompat/v7}
 * @param autoRegister register a schema that is not yet under its subject
 * @param maxAttempts  attempts per call when the registry is unreachable or answers 5xx
 * @param backoff      delay before the first retry; doubled per attempt, capped at 5 s
 * @param timeout      connect and request timeout of one attempt
 */
public record RegistryClientConfig(URI url, boolean autoRegister, int maxAttempts, Duration backoff, Duration timeout) {
    public static final String URL = "schema.registry.url";
    public static final String AUTO_REGISTER = "auto.register.schemas";
    public static final String MAX_ATTEMPTS = "migrex.registry.max.attempts";
    public static final String BACKOFF_MS = "migrex.registry.backoff.ms";
    public static final String TIMEOUT_MS = "migrex.registry.request.timeout.ms";

    public RegistryClientConfig {
        Objects.requireNonNull(url, "url");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(MAX_ATTEMPTS + " must be at least 1, was " + maxAttempts);
        }
    }

    public static RegistryClientConfig of(String url) {
        return new RegistryClientConfig(URI.create(stripSlash(url)), false, 5, Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    public RegistryClientConfig withAutoRegister(boolean value) {
        return new RegistryClientConfig(url, value, maxAttempts, backoff, timeout);
    }

    public RegistryClientConfig withRetries(int attempts, Duration firstBackoff) {
        return new RegistryClientConfig(url, autoRegister, attempts, firstBackoff, timeout);
    }

    /** Reads the settings from a Kafka configuration map; fails naming the key when one is missing or malformed. */
    public static RegistryClientConfig fromKafkaConfig(Map<String, ?> configs) {
        Object url = configs.get(URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException("missing serde setting '" + URL
                    + "': the Confluent-API base URL of the schema registry, e.g. http://localhost:8081/apis/ccompat/v7");
        }
        String first = url.toString().split(",")[0].trim();
        return new RegistryClientConfig(URI.create(stripSlash(first)),
                Boolean.parseBoolean(String.valueOf(configs.get(AUTO_REGISTER))),
                intSetting(configs, MAX_ATTEMPTS, 5),
                Duration.ofMillis(intSetting(configs, BACKOFF_MS, 200)),
                Duration.ofMillis(intSetting(configs, TIMEOUT_MS, 5000)));
    }

    private static int intSetting(Map<String, ?> configs, String key, int fallback) {
        Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("serde setting '" + key + "' must be a whole number, was '" + value + "'");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
