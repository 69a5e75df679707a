package org.migrex.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console as the sandbox uses it, over real HTTP on a random port: it starts, its REST API needs the operator's
 * credentials, a service registered through {@code POST /instances} appears under {@code /applications} and is
 * polled until UP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"migrex.admin.password=test-secret", "spring.boot.admin.monitor.status-interval=3s",
                "spring.boot.admin.monitor.status-lifetime=3s"})
class MigrexAdminTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void applicationsNeedTheOperatorsCredentials() throws Exception {
        assertThat(get("/applications", null).statusCode()).isEqualTo(401);
        assertThat(get("/applications", basic("operator", "wrong")).statusCode()).isEqualTo(401);

        HttpResponse<String> answer = get("/applications", basic("operator", "test-secret"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).isArray()).isTrue();
    }

    @Test
    void ownHealthIsPublic() throws Exception {
        HttpResponse<String> answer = get("/actuator/health", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"UP\"");
    }

    @Test
    void aRegisteredServiceAppearsAndIsPolledUntilUp() throws Exception {
        String base = "http://localhost:" + port;
        // the console registers itself as the 'service': its actuator is a real one that answers health
        String registration = """
                {"name": "kaz-ingestion-under-test", "managementUrl": "%1$s/actuator", "healthUrl": "%1$s/actuator/health",
                 "serviceUrl": "%1$s/", "metadata": {"user.name": "operator", "user.password": "test-secret"}}
                """.formatted(base);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/instances"))
                        .header("Authorization", basic("operator", "test-secret"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(registration)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("id").asString()).isNotBlank();

        String status = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < deadline && !"UP".equals(status)) {
            Thread.sleep(500);
            for (JsonNode app : JSON.readTree(get("/applications", basic("operator", "test-secret")).body())) {
                if (app.path("name").asString().equals("kaz-ingestion-under-test")) {
                    status = app.path("status").asString();
                }
            }
        }
        assertThat(status).as("status of the registered instance in /applications").isEqualTo("UP");
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
