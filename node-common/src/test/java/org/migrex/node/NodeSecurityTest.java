package org.migrex.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.migrex.schema.Topics;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The node's HTTP security, over real HTTP against a started application. */
class NodeSecurityTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext app;
    private static int port;

    @SpringBootApplication
    @RestController
    static class TestApp {
        @GetMapping("/api/v1/hello")
        String hello() {
            return "hello";
        }
    }

    @BeforeAll
    static void start() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode("secret");
        app = SpringApplication.run(TestApp.class, "--server.port=0", "--migrex.node.country=KAZ",
                "--migrex.kafka.create-topics=false",
                "--migrex.security.users.kaz-agency.password=" + hash,
                "--migrex.security.users.kaz-agency.roles=AGENCY",
                "--migrex.security.users.operator.password=" + hash,
                "--migrex.security.users.operator.roles=OPERATOR");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void healthIsPublic() throws Exception {
        // no Kafka in this test, so the kafkaCluster indicator makes the status DOWN (503); public means: no 401
        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).isIn(200, 503);
        assertThat(health.body()).contains("\"status\"");
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void apiNeedsCredentialsAndSaysSo() throws Exception {
        HttpResponse<String> response = get("/api/v1/hello", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(response.body()).contains("HTTP Basic");
        assertThat(get("/api/v1/hello", "kaz-agency:wrong").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/hello", "kaz-agency:secret").body()).isEqualTo("hello");
    }

    @Test
    void metricsAreForOperatorsOnly() throws Exception {
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        HttpResponse<String> agency = get("/actuator/prometheus", "kaz-agency:secret");
        assertThat(agency.statusCode()).isEqualTo(403);
        assertThat(agency.body()).contains("kaz-agency");
        HttpResponse<String> operator = get("/actuator/prometheus", "operator:secret");
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("node=\"KAZ\"");
    }

    @Test
    void topicsBeanIsTheNodes() {
        assertThat(app.getBean(Topics.class).rawRecords().name()).isEqualTo("kaz.raw.records");
    }

    @Test
    void aBadCountryStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> SpringApplication.run(TestApp.class, "--server.port=0", "--migrex.node.country=kz",
                "--migrex.kafka.create-topics=false").close())
                .hasStackTraceContaining("migrex.node.country");
    }

    @Test
    void aClearTextPasswordWithoutEncoderIdStopsStartUp() {
        assertThatThrownBy(() -> SpringApplication.run(TestApp.class, "--server.port=0", "--migrex.node.country=KAZ",
                "--migrex.kafka.create-topics=false", "--migrex.security.users.bob.password=sandbox",
                "--migrex.security.users.bob.roles=AGENCY").close())
                .hasStackTraceContaining("migrex.security").hasStackTraceContaining("users[bob].password")
                .hasStackTraceContaining("{bcrypt}");
    }

    private static HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
