package org.migrex.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Cross-site form posts and failed-login throttling, over real HTTP against a started application. */
class NodeHardeningTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext app;
    private static int port;

    @SpringBootApplication
    @RestController
    static class TestApp {
        @PostMapping("/api/v1/things")
        String change() {
            return "changed";
        }
    }

    @BeforeAll
    static void start() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("secret");
        app = SpringApplication.run(TestApp.class, "--server.port=0", "--migrex.node.country=KAZ",
                "--migrex.kafka.create-topics=false",
                "--migrex.security.login.max-failures=3", "--migrex.security.login.lockout=3s",
                "--migrex.security.users.kaz-agency.password=" + hash,
                "--migrex.security.users.kaz-agency.roles=AGENCY",
                "--migrex.security.users.victim.password=" + hash,
                "--migrex.security.users.victim.roles=AGENCY",
                "--migrex.security.users.operator.password=" + hash,
                "--migrex.security.users.operator.roles=OPERATOR");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void formPostsOfASignedInBrowserAreRefusedWithoutTheMarkerHeader() throws Exception {
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nrecord_id\r\nK-1\r\n--b--\r\n";
        for (String type : new String[]{"multipart/form-data; boundary=b", "application/x-www-form-urlencoded",
                "text/plain;charset=UTF-8", null}) {
            HttpResponse<String> refused = post(type, multipart, null);
            assertThat(refused.statusCode()).as(String.valueOf(type)).isEqualTo(403);
            assertThat(refused.body()).contains("X-Requested-By").contains("text/csv or application/json");
            assertThat(post(type, multipart, "curl").statusCode()).as(type + " with the header").isEqualTo(200);
        }
        assertThat(post("text/csv", "record_id\nK-1\n", null).statusCode()).isEqualTo(200);
        assertThat(post("application/json", "[]", null).statusCode()).isEqualTo(200);
    }

    @Test
    void failedLoginsOfOneUserFromOneClientAreThrottledWith429AndRetryAfterThenAllowedAgain() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(post("text/csv", "x", null, "victim:wrong-" + i).statusCode()).isEqualTo(401);
        }
        // the right password too: the pair is locked, no password check is made
        HttpResponse<String> locked = post("text/csv", "x", null, "victim:secret");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Long.parseLong(v)).isBetween(1L, 3L));
        assertThat(locked.body()).contains("too many failed logins of user 'victim'").doesNotContain("secret");
        // another user from the same client is not affected
        assertThat(post("text/csv", "x", null, "kaz-agency:secret").statusCode()).isEqualTo(200);
        // after the lockout the right password works again
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            status = post("text/csv", "x", null, "victim:secret").statusCode();
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        assertThat(status).isEqualTo(200);
    }

    private static HttpResponse<String> post(String type, String body, String marker) throws Exception {
        return post(type, body, marker, "kaz-agency:secret");
    }

    private static HttpResponse<String> post(String type, String body, String marker, String credentials)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/things"))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (marker != null) {
            request.header("X-Requested-By", marker);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
