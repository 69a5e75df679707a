package org.migrex.ingestion.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migrex.localstack.LocalStack;
import org.migrex.localstack.LocalStackExtension;
import org.migrex.schema.Topics;
import tools.jackson.databind.JsonNode;

/**
 * A 1,000,000-row upload through the packaged service running as its own JVM with a 256 MB heap
 * ({@code -Xmx256m -XX:+ExitOnOutOfMemoryError}), on the LocalStack broker and registry. The body is generated while
 * it is sent (chunked, no length), so neither side holds the file. Measures rows per second and writes them to
 * {@code <build dir>/ingestion-benchmark.txt}.
 */
@ExtendWith(LocalStackExtension.class)
class LargeUploadIT {
    static final long ROWS = Long.getLong("migrex.ingestion.benchmark.rows", 1_000_000);
    static final long BAD_EVERY = 250_000;
    static final String NODE = "TKM";

    static Process service;
    static int port;
    static Path log;

    @BeforeAll
    static void startServiceWith256MbHeap(LocalStack stack) throws Exception {
        Path jar = Path.of(System.getProperty("migrex.ingestion.jar", "target/ingestion-service-exec.jar"));
        assertThat(jar).as("the packaged service (mvn package)").exists();
        Path buildDir = jar.toAbsolutePath().getParent();
        log = buildDir.resolve("large-upload-service.log");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                // the local stack's agent ends the service if this test JVM is killed
                "-javaagent:" + stack.workDir().resolve("parent-watch.jar") + "=" + ProcessHandle.current().pid(),
                "-XX:ActiveProcessorCount=2", "-jar", jar.toString(),
                "--server.port=" + port,
                "--migrex.node.country=" + NODE,
                "--migrex.kafka.bootstrap-servers=" + stack.bootstrapServers(),
                "--migrex.registry.url=" + stack.registryConfluentUrl(),
                "--migrex.ingestion.pseudonym-secret=benchmark-secret-0123456789abcdefghij",
                "--migrex.ingestion.sources.template.owner=bench",
                "--migrex.security.users.bench.password={noop}pw-bench",
                "--migrex.security.users.bench.roles=AGENCY,OPERATOR"));
        service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            assertThat(service.isAlive()).as("service running; see " + log).isTrue();
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as("service ready within 120 s; see " + log).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stopService() throws InterruptedException {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    @Test
    void aMillionRowsPassWithA256MbHeap(LocalStack stack) throws Exception {
        RawRecordTopic topic = new RawRecordTopic(stack.bootstrapServers(), stack.registryConfluentUrl(),
                Topics.forNode(NODE).rawRecords().name());
        long endBefore = topic.endOffset();
        GeneratedRegistryExport body = new GeneratedRegistryExport(ROWS, BAD_EVERY);

        long started = System.nanoTime();
        Http.Answer answer = new Http("http://localhost:" + port).post("/api/v1/sources/template/records", "bench",
                "text/csv", HttpRequest.BodyPublishers.ofInputStream(() -> body));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(service.isAlive()).as("service survived; see " + log).isTrue();
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(200);
        JsonNode report = answer.json();
        long bad = ROWS / BAD_EVERY;
        assertThat(report.get("received").asLong()).isEqualTo(ROWS);
        assertThat(report.get("accepted").asLong()).isEqualTo(ROWS - bad);
        assertThat(report.get("rejected").asLong()).isEqualTo(bad);
        assertThat(report.get("errors").get(0).get("line").asLong()).isEqualTo(BAD_EVERY + 1);
        // all accepted rows and one commit marker
        assertThat(topic.endOffset() - endBefore).isEqualTo(ROWS - bad + 1);

        double heapMax = Http.JSON.readTree(new Http("http://localhost:" + port)
                .get("/actuator/metrics/jvm.memory.max?tag=area:heap", "bench"))
                .get("measurements").get(0).get("value").asDouble();
        assertThat(heapMax).as("the service's heap limit").isLessThanOrEqualTo(260.0 * (1 << 20));
        String result = String.format(Locale.ROOT, "%d rows in %.1f s = %.0f rows/s through the packaged service"
                + " (heap max %.0f MiB, 2 cores shared with broker, registry and test JVM)%n",
                ROWS, seconds, ROWS / seconds, heapMax / (1 << 20));
        System.out.print(result);
        Files.writeString(log.resolveSibling("ingestion-benchmark.txt"), result);
    }
}
