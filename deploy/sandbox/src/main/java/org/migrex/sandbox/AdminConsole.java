package org.migrex.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's Spring Boot Admin server (module {@code deploy/admin}) as a child JVM, and the registration of every
 * service with it.
 *
 * <p>The services carry no admin client: once they are UP, the launcher registers each one through the server's
 * {@code POST /instances} with its service, management and health URLs, and with the operator's credentials in the
 * metadata keys {@code user.name} / {@code user.password}, which the server uses to read the services' actuator
 * endpoints (all but health need role OPERATOR). Instances are named {@code <cc>-<service>} and grouped by node.
 */
public final class AdminConsole {
    /** JVM options of the console: it holds a few dozen instances' state, so a small heap is enough. */
    static final List<String> JVM_OPTIONS = List.of("-Xms16m", "-Xmx128m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:ReservedCodeCacheSize=48m", "-XX:MaxMetaspaceSize=160m");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final Path log;
    private final Process process;
    private final long launchedAt = System.nanoTime();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Duration readyAfter;

    private AdminConsole(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * The console's runnable jar: {@code deploy/admin/target/migrex-admin-exec.jar}, or under the build folder named by
     * the system property {@code migrex.target}.
     */
    public static Path execJar(Path repositoryRoot) {
        String target = System.getProperty("migrex.target", "target");
        return repositoryRoot.resolve("deploy").resolve("admin").resolve(target).resolve("migrex-admin-exec.jar");
    }

    /**
     * Starts the console on {@code port}; its one user is {@value SandboxUsers#OPERATOR} with the sandbox password,
     * passed only as its bcrypt hash. {@code extraOptions} go to the JVM after {@link #JVM_OPTIONS} (the parent-watch
     * agent).
     */
    static AdminConsole launch(Path java, List<String> extraOptions, Path jar, int port, String encodedPassword, Path dir,
                               Path log) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(JVM_OPTIONS);
        command.add("-Djava.io.tmpdir=" + dir);
        command.addAll(extraOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.add("--migrex.admin.user=" + SandboxUsers.OPERATOR);
        command.add("--migrex.admin.password=" + encodedPassword);
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new AdminConsole(port, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the admin console: " + e.getMessage(), e);
        }
    }

    /** {@code http://localhost:8080}. */
    public URI url() {
        return URI.create("http://localhost:" + port);
    }

    public Path log() {
        return log;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Current resident set of the console's JVM in MiB, if the system tells. */
    public Optional<Long> rssMb() {
        return ProcessMemory.rssMb(process.pid());
    }

    /** From launch until its health answered UP; null before. */
    public Duration readyAfter() {
        return readyAfter;
    }

    /** Waits until the console's health answers UP, or throws with the end of its log. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pollReady()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("it stopped during start-up; last lines of " + log + ":\n" + logTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("it was not UP within " + timeout.toSeconds()
                        + " s; last lines of " + log + ":\n" + logTail(40));
            }
            Sandbox.sleep(Duration.ofMillis(500));
        }
    }

    /** Whether the console's health answers UP (asked once; remembered once true, with the time since launch). */
    boolean pollReady() {
        if (readyAfter != null) {
            return true;
        }
        if (!process.isAlive()) {
            return false;
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url().resolve("/actuator/health"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                readyAfter = Duration.ofNanos(System.nanoTime() - launchedAt);
                return true;
            }
            return false;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the admin console", e);
        }
    }

    /** Registers one service (an instance named {@code <cc>-<service>}, group = its node); returns the instance id. */
    String register(ServiceProcess service) {
        String base = "http://localhost:" + service.port();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("user.name", SandboxUsers.OPERATOR);
        metadata.put("user.password", SandboxUsers.PASSWORD);
        metadata.put("group", service.country());
        metadata.put("tags.node", service.country());
        metadata.put("tags.service", service.kind().shortName());
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("name", instanceName(service.country(), service.kind()));
        registration.put("managementUrl", base + "/actuator");
        registration.put("healthUrl", base + "/actuator/health");
        registration.put("serviceUrl", base + "/");
        registration.put("metadata", metadata);
        HttpRequest request = HttpRequest.newBuilder(url().resolve("/instances"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (SandboxUsers.OPERATOR + ":" + SandboxUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(registration)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                throw new IllegalStateException("the admin console refused to register " + service.displayName()
                        + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).path("id").asString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register " + service.displayName() + " with the admin console: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering the services", e);
        }
    }

    /** Name of a service in the console: {@code kaz-ingestion}. */
    public static String instanceName(String country, ServiceKind kind) {
        return country.toLowerCase(Locale.ROOT) + "-" + kind.shortName();
    }

    /** SIGTERM to the console. */
    void requestStop() {
        process.destroy();
    }

    /** Waits until the console ended, or kills it once {@code grace} is over. */
    void awaitStopOrKill(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }
}
