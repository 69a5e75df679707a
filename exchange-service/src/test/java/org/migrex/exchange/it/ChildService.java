package org.migrex.exchange.it;

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

/**
 * Another service of the node run from its packaged exec jar as a child JVM (as {@code LargeUploadIT} runs
 * ingestion), on a free port, its output in {@code target/portal-it-logs}; ended when closed, and by the local
 * stack's parent-watch agent if this JVM dies first.
 */
final class ChildService implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    final int port;

    private ChildService(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static ChildService start(String name, String jarProperty, Path parentWatch, List<String> arguments)
            throws IOException {
        Path jar = Path.of(System.getProperty(jarProperty, "../" + name + "/target/" + name + "-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + "'s exec jar is missing: " + jar.toAbsolutePath()
                    + " (build with -am so that the reactor packages it)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path logs = Files.createDirectories(Path.of("target", "portal-it-logs"));
        Path log = logs.resolve(name + ".log");
        Path tmp = Files.createTempDirectory("migrex-" + name);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-XX:TieredStopAtLevel=1", "-XX:ActiveProcessorCount=2", "-Djava.io.tmpdir=" + tmp));
        if (parentWatch != null && Files.isRegularFile(parentWatch)) {
            command.add("-javaagent:" + parentWatch + "=" + ProcessHandle.current().pid());
        }
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                "--management.endpoint.health.probes.enabled=true"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildService(name, process, log, port);
    }

    URI url() {
        return URI.create("http://localhost:" + port);
    }

    /** Waits until {@code /actuator/health/readiness} answers 200. */
    void awaitReady(Duration limit) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> health = client.send(HttpRequest.newBuilder(url().resolve(
                        "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready within " + limit + "; see " + log);
            }
            Thread.sleep(500);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
