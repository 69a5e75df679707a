package org.migrex.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Apicurio Registry in its own JVM, with global compatibility BACKWARD and its H2 database in
 * {@code data/} of its folder (so schema ids survive a restart on the same work folder, as the Kafka
 * data that refer to them do). Its log is {@code registry.log}.
 */
final class ApicurioRegistry {

    static final String CONFLUENT_PATH = "/apis/ccompat/v7";
    static final List<String> JVM_OPTIONS = List.of(
            "-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true");
    /** Extra JVM options for the registry, space separated, appended after {@link #JVM_OPTIONS} (so they win). */
    static final String EXTRA_JVM_OPTIONS_PROPERTY = "migrex.localstack.registry.jvm-options";

    private final Path java;
    private final Path home;
    private final Path agentJar;
    private final Path dir;
    private final int requestedPort;
    private int port;
    private int managementPort;
    private ChildProcess process;

    ApicurioRegistry(Path java, Path home, Path agentJar, Path dir, int requestedPort) {
        this.java = java;
        this.home = home;
        this.agentJar = agentJar;
        this.dir = dir;
        this.requestedPort = requestedPort;
        this.port = FreePorts.resolve(requestedPort, "Registry");
        this.managementPort = otherFreePort(port);
    }

    synchronized String baseUrl() {
        return "http://localhost:" + port;
    }

    synchronized ChildProcess process() {
        return process;
    }

    synchronized void launch() {
        if (requestedPort == 0 && FreePorts.isListening(port)) {
            port = otherFreePort(managementPort);
        }
        FreePorts.requireFree(port, "Registry");
        if (FreePorts.isListening(managementPort)) {
            managementPort = otherFreePort(port);
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(KafkaBroker.extraJvmOptions(EXTRA_JVM_OPTIONS_PROPERTY));
        command.add("-javaagent:" + agentJar + "=" + ProcessHandle.current().pid());
        command.add("-Djava.io.tmpdir=" + ChildProcess.tmpDir(dir));
        command.add("-Dquarkus.http.host=localhost");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.management.host=localhost");
        command.add("-Dquarkus.management.port=" + managementPort);
        command.add("-Dapicurio.rules.global.compatibility=BACKWARD");
        command.add("-Dapicurio.datasource.url=jdbc:h2:file:" + dir.resolve("data").resolve("registry").toAbsolutePath());
        command.add("-jar");
        command.add(home.resolve("quarkus-run.jar").toAbsolutePath().toString());
        process = ChildProcess.start("Apicurio registry", command, dir, dir.resolve("registry.log"));
    }

    /**
     * Blocks until the registry logged that it listens on its port and its Confluent API answers
     * {@code GET /subjects} with 200 (the log line makes sure that it is our child that answers). If it
     * could not bind a port that this stack had picked itself, it is started again on other free ports,
     * at most twice.
     */
    void awaitReady(Instant deadline) {
        ChildProcess child = process();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            awaitReady(child, http, deadline);
        }
    }

    private void awaitReady(ChildProcess child, HttpClient http, Instant deadline) {
        int relaunches = 0;
        while (true) {
            if (!child.isAlive()) {
                if (relaunches < 2 && requestedPort == 0 && KafkaBroker.isBindFailure(child.logSinceStart())) {
                    relaunches++;
                    synchronized (this) {
                        port = otherFreePort(managementPort);
                        managementPort = otherFreePort(port);
                    }
                    launch();
                    child = process();
                    continue;
                }
                throw new LocalStackException("The Apicurio registry exited with code " + child.exitValue()
                        + " before it was ready. Last lines of " + child.log() + ":" + System.lineSeparator() + child.tail(40));
            }
            try {
                HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + CONFLUENT_PATH + "/subjects"))
                        .timeout(Duration.ofSeconds(2)).GET().build();
                if (child.logSinceStart().contains("Listening on: " + baseUrl())
                        && http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("Interrupted while waiting for the Apicurio registry", e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new LocalStackException("The Apicurio registry at " + baseUrl() + " was not ready in time. Last lines of "
                        + child.log() + ":" + System.lineSeparator() + child.tail(40));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("Interrupted while waiting for the Apicurio registry", e);
            }
        }
    }

    private static int otherFreePort(int taken) {
        int port;
        do {
            port = FreePorts.any();
        } while (port == taken);
        return port;
    }

    synchronized void stop(Duration grace) {
        if (process != null) {
            process.stop(grace);
        }
    }
}
