package org.migrex.ingestion.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migrex.ingestion.IngestionApplication;
import org.migrex.localstack.LocalStackExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What an agency is told when the registry, not Kafka, refuses an upload: a registry that answers 4xx (here 401, the
 * node's credentials refused) is the node's configuration, a 500 that says so and sends nobody to retry; one that
 * answers 5xx is a moment to wait out, a 503 with Retry-After. Real Kafka (local stack), a real HTTP registry stand-in.
 */
@ExtendWith(LocalStackExtension.class)
class RegistryRefusalIT {
    private static final String CSV = """
            record_id,event_type,event_date,person_id,sex,birth_date,citizenship,country_of_birth,counterpart_country,purpose,intended_duration_days,region
            R1,RESIDENCE_REGISTRATION,2025-03-15,P-1,F,1990-05-02,KAZ,KAZ,KAZ,WORK,400,TJ-DU
            """;

    private static Http.Answer uploadWithRegistryAnswering(int status) throws Exception {
        HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger calls = new AtomicInteger();
        registry.createContext("/", exchange -> {
            calls.incrementAndGet();
            byte[] body = ("{\"error_code\":" + status + ",\"message\":\"refused by the test\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(IngestionApplication.class).run(
                List.of("--server.port=0", "--migrex.node.country=TJK",
                        "--migrex.kafka.bootstrap-servers=" + LocalStackExtension.shared().bootstrapServers(),
                        "--migrex.registry.url=http://127.0.0.1:" + registry.getAddress().getPort() + "/apis/ccompat/v7",
                        "--migrex.ingestion.pseudonym-secret=migrex-test-secret-0123456789abcdef",
                        "--migrex.ingestion.sources.template.owner=kaz-agency",
                        "--migrex.security.users.kaz-agency.password={noop}pw-kaz-agency",
                        "--migrex.security.users.kaz-agency.roles=AGENCY").toArray(String[]::new))) {
            Http http = new Http("http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort());
            Http.Answer answer = http.post("/api/v1/sources/template/records", "kaz-agency", "text/csv", CSV);
            assertThat(calls.get()).as("the registry was asked").isPositive();
            return answer;
        } finally {
            registry.stop(0);
        }
    }

    @Test
    void aRegistryThatRefusesTheNodeIsA500ThatSendsNobodyToRetry() throws Exception {
        Http.Answer answer = uploadWithRegistryAnswering(401);

        assertThat(answer.status()).as(answer.response().body()).isEqualTo(500);
        assertThat(answer.header("Retry-After")).isNull();
        assertThat(answer.json().get("message").asString()).contains("schema registry refused")
                .contains("nothing of this upload was kept").contains("will not help");
    }

    @Test
    void aRegistryThatIsDownIsA503WithRetryAfter() throws Exception {
        Http.Answer answer = uploadWithRegistryAnswering(503);

        assertThat(answer.status()).as(answer.response().body()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isNotNull();
        assertThat(answer.json().get("message").asString()).contains("nothing of this upload was kept");
    }
}
