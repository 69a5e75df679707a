package org.migrex.node;

import jakarta.validation.Valid;
import java.util.Map;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every Migrex service shares: which country's node it is, its Kafka cluster, its schema registry.
 *
 * @param node     identity of the node
 * @param kafka    the node's Kafka cluster
 * @param registry the node's schema registry
 */
@Validated
@ConfigurationProperties(prefix = "migrex")
public record MigrexNodeProperties(@Valid @NotNull Node node, @Valid @DefaultValue Kafka kafka,
                                   @Valid @DefaultValue Registry registry) {

    /**
     * @param country ISO 3166-1 alpha-3 code of the node's country (KAZ); topics are prefixed with its lower case
     */
    public record Node(@NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 3166-1 alpha-3 code in upper case, e.g. KAZ")
                       String country) {
    }

    /**
     * @param bootstrapServers  bootstrap servers of the node's cluster
     * @param createTopics      create the node's topics at start when missing
     * @param replicationFactor replication factor of created topics
     * @param partitions        partitions of created topics
     * @param maxRecordSize     largest Avro record a consumer decodes; larger ones fail as undecodable (dead letter)
     * @param client            security settings of every Kafka client of the node ({@code security.protocol},
     *                          {@code sasl.*}, {@code ssl.*}); see {@link KafkaClientSecurity}
     */
    public record Kafka(@DefaultValue("localhost:9092") @NotBlank String bootstrapServers,
                        @DefaultValue("true") boolean createTopics,
                        @DefaultValue("1") @Min(1) short replicationFactor,
                        @DefaultValue("1") @Min(1) int partitions,
                        @DefaultValue("8MB") @NotNull DataSize maxRecordSize,
                        Map<String, String> client) {

        public Kafka {
            client = client == null ? Map.of() : Map.copyOf(client);
            if (maxRecordSize != null && (maxRecordSize.toBytes() < 64 || maxRecordSize.toBytes() > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("migrex.kafka.max-record-size must be from 64B to 2047MB, was "
                        + maxRecordSize);
            }
            KafkaClientSecurity.of(client);
        }

        /** The validated security settings of the node's Kafka clients. */
        public KafkaClientSecurity security() {
            return KafkaClientSecurity.of(client);
        }
    }

    /**
     * @param url          Confluent-API base URL of the schema registry
     * @param autoRegister register schemas on first use (off in production, where CI registers them)
     * @param basicAuthUserInfo  {@code user:password} for HTTP Basic to the registry, or none
     * @param trustStore         trust store (PKCS12 or JKS file) for the registry's TLS certificate, or the JVM's
     * @param trustStorePassword its password
     * @param trustStoreType     {@code PKCS12} or {@code JKS}
     */
    public record Registry(@DefaultValue("http://localhost:8081/apis/ccompat/v7") @NotBlank String url,
                           @DefaultValue("true") boolean autoRegister,
                           String basicAuthUserInfo,
                           String trustStore,
                           String trustStorePassword,
                           @DefaultValue("PKCS12") @Pattern(regexp = "PKCS12|JKS", message = "must be PKCS12 or JKS")
                           String trustStoreType) {

        /** The registry client's settings under the serde's (Confluent's) keys: authentication and TLS trust. */
        public Map<String, Object> clientSettings() {
            Map<String, Object> settings = new java.util.LinkedHashMap<>();
            if (basicAuthUserInfo != null && !basicAuthUserInfo.isBlank()) {
                settings.put(org.migrex.serde.RegistryClientConfig.CREDENTIALS_SOURCE, "USER_INFO");
                settings.put(org.migrex.serde.RegistryClientConfig.USER_INFO, basicAuthUserInfo);
            }
            if (trustStore != null && !trustStore.isBlank()) {
                settings.put(org.migrex.serde.RegistryClientConfig.TRUST_STORE_LOCATION, trustStore);
                settings.put(org.migrex.serde.RegistryClientConfig.TRUST_STORE_TYPE, trustStoreType);
                if (trustStorePassword != null) {
                    settings.put(org.migrex.serde.RegistryClientConfig.TRUST_STORE_PASSWORD, trustStorePassword);
                }
            }
            return settings;
        }

        /** Never renders the password. */
        @Override
        public String toString() {
            return "Registry[url=" + url + ", autoRegister=" + autoRegister + ", basicAuth="
                    + (basicAuthUserInfo == null ? "none" : "set") + ", trustStore=" + trustStore + "]";
        }
    }
}
