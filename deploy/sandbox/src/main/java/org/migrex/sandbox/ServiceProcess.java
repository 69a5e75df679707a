package org.migrex.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One service of one node, running as a child JVM whose output goes to its own log file. */
public final class ServiceProcess {
    private final String country;
    private final ServiceKind kind;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceProcess(String country, ServiceKind kind, int port, Path log, Process process) {
        this.country = country;
        this.kind = kind;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code command} in {@code dir} with extra environment variables, its output appended to {@code log}. */
    static ServiceProcess launch(String country, ServiceKind kind, int port, List<String> command,
                                 Map<String, String> environment, Path dir, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            return new ServiceProcess(country, kind, port, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + country + " " + kind.shortName() + ": " + e.getMessage(), e);
        }
    }

    public String country() {
        return country;
    }

    public ServiceKind kind() {
        return kind;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** {@code KAZ ingestion}. */
    public String displayName() {
        return country + " " + kind.shortName();
    }

    /** Peak resident set of the process in MiB ({@code VmHWM} of /proc/<pid>/status), if the system tells. */
    public Optional<Long> peakRssMb() {
        return ProcessMemory.peakRssMb(process.pid());
    }

    /** Current resident set of the process in MiB ({@code VmRSS}), if the system tells. */
    public Optional<Long> rssMb() {
        return ProcessMemory.rssMb(process.pid());
    }

    /** The last lines of the service's log, to show why it failed. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** Asks the JVM to stop (SIGTERM): Spring Boot then closes the Kafka clients and streams in order. */
    void requestStop() {
        for (ProcessHandle child : process.descendants().toList()) {
            child.destroy();
        }
        process.destroy();
    }

    /** Waits until the process ended, or kills it and its descendants (SIGKILL) once {@code grace} is over. */
    void awaitStopOrKill(Duration grace) {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        try {
            if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                family.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
