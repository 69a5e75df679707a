package org.migrex.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** {@code migrex.kafka.client.*}: one set of keys reaching every client, and profile prod's refusal of clear text. */
class KafkaClientSecurityTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"kaz-harmonization\" password=\"pw\";";

    private static StandardEnvironment environment(Map<String, Object> settings, String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        environment.setActiveProfiles(profiles);
        new NodeDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, null);
        return environment;
    }

    @Test
    void eachSettingReachesSpringKafkaAndBothBinders() {
        StandardEnvironment environment = environment(Map.of("migrex.kafka.client.security.protocol", "sasl_ssl",
                "migrex.kafka.client.sasl.mechanism", "SCRAM-SHA-512",
                "migrex.kafka.client.sasl.jaas.config", JAAS,
                "migrex.kafka.client.ssl.truststore.location", "/etc/migrex/kafka-ca.p12"));

        for (String prefix : new String[]{"spring.kafka.properties.", "spring.cloud.stream.kafka.binder.configuration.",
                "spring.cloud.stream.kafka.streams.binder.configuration."}) {
            assertThat(environment.getProperty(prefix + "security.protocol")).isEqualTo("SASL_SSL");
            assertThat(environment.getProperty(prefix + "sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
            assertThat(environment.getProperty(prefix + "sasl.jaas.config")).isEqualTo(JAAS);
            assertThat(environment.getProperty(prefix + "ssl.truststore.location")).isEqualTo("/etc/migrex/kafka-ca.p12");
        }
    }

    @Test
    void aSettingThatIsNotAboutSecurityIsRefusedByName() {
        assertThatThrownBy(() -> KafkaClientSecurity.of(Map.of("acks", "1")))
                .hasMessageStartingWith("migrex.kafka.client.acks: only security.protocol, sasl.* and ssl.*");
        assertThatThrownBy(() -> KafkaClientSecurity.of(Map.of("security.protocol", "TLS")))
                .hasMessageContaining("'TLS' is not a Kafka security protocol")
                .hasMessageContaining("PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
    }

    @Test
    void profileProdRefusesKafkaWithoutTls() {
        Map<String, Object> settings = new HashMap<>(Map.of("migrex.security.trusted-proxies", "127.0.0.1",
                "migrex.registry.url", "https://registry.kaz.example/apis/ccompat/v7"));
        assertThatThrownBy(() -> environment(settings, "prod"))
                .hasMessageContaining("profile prod refuses Kafka over PLAINTEXT")
                .hasMessageContaining("migrex.kafka.client.security.protocol");
        settings.put("migrex.kafka.client.security.protocol", "SASL_PLAINTEXT");
        assertThatThrownBy(() -> environment(settings, "prod"))
                .hasMessageContaining("profile prod refuses Kafka over SASL_PLAINTEXT");

        settings.put("migrex.kafka.client.security.protocol", "SASL_SSL");
        assertThat(environment(settings, "prod").getProperty("spring.kafka.properties.security.protocol"))
                .isEqualTo("SASL_SSL");
    }

    @Test
    void profileProdRefusesARegistryOverPlainHttp() {
        Map<String, Object> settings = Map.of("migrex.security.trusted-proxies", "127.0.0.1",
                "migrex.kafka.client.security.protocol", "SSL",
                "migrex.registry.url", "http://registry:8081/apis/ccompat/v7");

        assertThatThrownBy(() -> environment(settings, "prod"))
                .hasMessageContaining("profile prod refuses a schema registry over plain HTTP")
                .hasMessageContaining("migrex.registry.url");
    }

    @Test
    void profileProdRefusesThePortalsBackendsOverPlainHttp() {
        Map<String, Object> settings = new HashMap<>(Map.of("migrex.security.trusted-proxies", "127.0.0.1",
                "migrex.kafka.client.security.protocol", "SSL",
                "migrex.registry.url", "https://registry.kaz.example/apis/ccompat/v7",
                "migrex.portal.ingestion-url", "http://ingestion:8080"));

        assertThatThrownBy(() -> environment(settings, "prod"))
                .hasMessageStartingWith("profile prod refuses migrex.portal.ingestion-url over plain HTTP"
                        + " ('http://ingestion:8080')");
        settings.put("migrex.portal.ingestion-url", "https://ingestion.kaz.example");
        settings.put("migrex.portal.harmonization-url", "HTTP://harmonization:8080");
        assertThatThrownBy(() -> environment(settings, "prod"))
                .hasMessageStartingWith("profile prod refuses migrex.portal.harmonization-url over plain HTTP");
        settings.put("migrex.portal.harmonization-url", "https://harmonization.kaz.example");
        assertThat(environment(settings, "prod")).isNotNull();
    }

    @Test
    void profileProdRefusesARemotePartnerClusterWithoutTls() {
        Map<String, Object> settings = new HashMap<>(Map.of("migrex.security.trusted-proxies", "127.0.0.1",
                "migrex.kafka.client.security.protocol", "SASL_SSL",
                "migrex.registry.url", "https://registry.kaz.example/apis/ccompat/v7",
                "migrex.kafka.bootstrap-servers", "kafka.kaz.example:9093",
                "migrex.exchange.partners.KGZ.bootstrap-servers", "kafka.kgz.example:9093"));
        assertThatThrownBy(() -> environment(settings, "prod"))
                .hasMessageContaining("profile prod refuses Kafka over PLAINTEXT")
                .hasMessageContaining("migrex.exchange.partners.KGZ.properties.security.protocol");

        settings.put("migrex.exchange.partners.KGZ.properties.security.protocol", "SSL");
        assertThat(environment(settings, "prod").getProperty("migrex.exchange.partners.KGZ.properties.security.protocol"))
                .isEqualTo("SSL");
        settings.put("migrex.exchange.partners.KGZ.bootstrap-servers", "kafka.kaz.example:9093");
        settings.remove("migrex.exchange.partners.KGZ.properties.security.protocol");
        assertThat(environment(settings, "prod")).as("a partner on the node's own cluster uses the node's settings")
                .isNotNull();
    }

    @Test
    void withoutProfileProdPlainTextStaysTheDefault() {
        assertThat(environment(Map.of()).getProperty("spring.kafka.properties.security.protocol")).isNull();
        assertThat(KafkaClientSecurity.none().protocol()).isEqualTo("PLAINTEXT");
    }
}
