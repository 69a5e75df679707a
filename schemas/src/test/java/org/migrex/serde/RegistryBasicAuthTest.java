package org.migrex.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.migrex.schema.RawMigrationRecord;

/**
 * HTTP Basic to the registry, configured with Confluent's keys: a registry that demands credentials (over real HTTP)
 * serves the client that has them and refuses, with the status named, one that has the wrong ones.
 */
class RegistryBasicAuthTest {
    private static final String USER_INFO = "kaz-exchange:s3cret-registry-pass";
    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String expected = "Basic " + Base64.getEncoder().encodeToString(USER_INFO.getBytes(StandardCharsets.UTF_8));
        String schema = RawMigrationRecord.getClassSchema().toString();
        server.createContext("/apis/ccompat/v7/schemas/ids/", exchange -> {
            String given = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(given));
            boolean allowed = expected.equals(given);
            byte[] body = (allowed ? "{\"schema\":\"" + schema.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}"
                    : "{\"error_code\":401,\"message\":\"Unauthorized\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(allowed ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Map<String, Object> config(String userInfo) {
        return Map.of(RegistryClientConfig.URL, "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7",
                RegistryClientConfig.CREDENTIALS_SOURCE, "USER_INFO", RegistryClientConfig.USER_INFO, userInfo,
                RegistryClientConfig.MAX_ATTEMPTS, 1);
    }

    @Test
    void theClientSendsTheConfiguredCredentials() {
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryClientConfig.fromKafkaConfig(config(USER_INFO)));

        Schema fetched = client.schemaById(7);

        assertThat(fetched).isEqualTo(RawMigrationRecord.getClassSchema());
        assertThat(authorizations).containsExactly("Basic a2F6LWV4Y2hhbmdlOnMzY3JldC1yZWdpc3RyeS1wYXNz");
    }

    @Test
    void wrongCredentialsAreRefusedWithTheStatusNamed() {
        SchemaRegistryClient client = new SchemaRegistryClient(
                RegistryClientConfig.fromKafkaConfig(config("kaz-exchange:wrong")));

        assertThatThrownBy(() -> client.schemaById(7)).isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("401");
    }

    @Test
    void theConfigurationNeverRendersThePassword() {
        RegistryClientConfig config = RegistryClientConfig.fromKafkaConfig(config(USER_INFO));

        assertThat(config.toString()).contains("kaz-exchange:***").doesNotContain("s3cret");
    }

    @Test
    void anotherCredentialsSourceOrAMalformedUserInfoIsNamed() {
        Map<String, Object> url = Map.of(RegistryClientConfig.URL, "http://localhost:1");
        Map<String, Object> source = new java.util.HashMap<>(url);
        source.put(RegistryClientConfig.CREDENTIALS_SOURCE, "SASL_INHERIT");
        Map<String, Object> malformed = new java.util.HashMap<>(url);
        malformed.put(RegistryClientConfig.USER_INFO, "no-colon");

        assertThatThrownBy(() -> RegistryClientConfig.fromKafkaConfig(source))
                .hasMessageContaining("basic.auth.credentials.source").hasMessageContaining("USER_INFO");
        assertThatThrownBy(() -> RegistryClientConfig.fromKafkaConfig(malformed))
                .hasMessageContaining("basic.auth.user.info").hasMessageContaining("user:password");
    }
}
