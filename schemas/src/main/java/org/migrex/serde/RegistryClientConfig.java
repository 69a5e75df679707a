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
 * default 5000). The first two keys are Confluent's own, so a configuration works with either serde; so are those of
 * basic authentication ({@value #CREDENTIALS_SOURCE} {@code USER_INFO} with {@value #USER_INFO} {@code user:password})
 * and of TLS trust ({@value #TRUST_STORE_LOCATION}, {@value #TRUST_STORE_PASSWORD}, {@value #TRUST_STORE_TYPE}, for a
 * registry whose certificate the JVM's default trust store does not know).
 *
 * @param url          Confluent-API base URL, e.g. {@code http://localhost:8081/apis/ccompat/v7}
 * @param autoRegister register a schema that is not yet under its subject
 * @param maxAttempts  attempts per call when the registry is unreachable or answers 5xx
 * @param backoff      delay before the first retry; doubled per attempt, capped at 5 s
 * @param timeout      connect and request timeout of one attempt
 * @param userInfo     {@code user:password} for HTTP Basic, or null
 * @param trustStore   the trust store for the registry's TLS certificate, or null for the JVM's default
 */
public record RegistryClientConfig(URI url, boolean autoRegister, int maxAttempts, Duration backoff, Duration timeout,
                                   String userInfo, TrustStore trustStore) {
    public static final String URL = "schema.registry.url";
    public static final String AUTO_REGISTER = "auto.register.schemas";
    public static final String MAX_ATTEMPTS = "migrex.registry.max.attempts";
    public static final String BACKOFF_MS = "migrex.registry.backoff.ms";
    public static final String TIMEOUT_MS = "migrex.registry.request.timeout.ms";
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String TRUST_STORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUST_STORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUST_STORE_TYPE = "schema.registry.ssl.truststore.type";

    /**
     * A trust store file.
     *
     * @param location path of the file
     * @param password its password, or null
     * @param type     {@code PKCS12} (default) or {@code JKS}
     */
    public record TrustStore(String location, String password, String type) {
        @Override
        public String toString() {
            return "TrustStore[" + location + ", " + type + "]";
        }
    }

    public RegistryClientConfig {
        Objects.requireNonNull(url, "url");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(MAX_ATTEMPTS + " must be at least 1, was " + maxAttempts);
        }
        if (userInfo != null && (userInfo.isBlank() || userInfo.indexOf(':') < 1)) {
            throw new IllegalArgumentException("serde setting '" + USER_INFO + "' must be user:password");
        }
    }

    /** Never renders the password (configurations get logged). */
    @Override
    public String toString() {
        return "RegistryClientConfig[url=" + url + ", autoRegister=" + autoRegister + ", maxAttempts=" + maxAttempts
                + ", backoff=" + backoff + ", timeout=" + timeout + ", basicAuth="
                + (userInfo == null ? "none" : userInfo.substring(0, userInfo.indexOf(':')) + ":***")
                + ", trustStore=" + trustStore + "]";
    }

    public static RegistryClientConfig of(String url) {
        return new RegistryClientConfig(URI.create(stripSlash(url)), false, 5, Duration.ofMillis(200), Duration.ofSeconds(5),
                null, null);
    }

    public RegistryClientConfig withAutoRegister(boolean value) {
        return new RegistryClientConfig(url, value, maxAttempts, backoff, timeout, userInfo, trustStore);
    }

    public RegistryClientConfig withRetries(int attempts, Duration firstBackoff) {
        return new RegistryClientConfig(url, autoRegister, attempts, firstBackoff, timeout, userInfo, trustStore);
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
                Duration.ofMillis(intSetting(configs, TIMEOUT_MS, 5000)),
                userInfo(configs), trustStore(configs));
    }

    private static String userInfo(Map<String, ?> configs) {
        Object source = configs.get(CREDENTIALS_SOURCE);
        Object userInfo = configs.get(USER_INFO);
        if (source != null && !"USER_INFO".equals(source.toString().strip())) {
            throw new IllegalArgumentException("serde setting '" + CREDENTIALS_SOURCE + "' must be USER_INFO (with "
                    + USER_INFO + " user:password), was '" + source + "'");
        }
        return userInfo == null || userInfo.toString().isBlank() ? null : userInfo.toString();
    }

    private static TrustStore trustStore(Map<String, ?> configs) {
        Object location = configs.get(TRUST_STORE_LOCATION);
        if (location == null || location.toString().isBlank()) {
            return null;
        }
        Object password = configs.get(TRUST_STORE_PASSWORD);
        Object type = configs.get(TRUST_STORE_TYPE);
        return new TrustStore(location.toString(), password == null ? null : password.toString(),
                type == null || type.toString().isBlank() ? "PKCS12" : type.toString());
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
