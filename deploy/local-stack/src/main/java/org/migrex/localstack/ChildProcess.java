package org.migrex.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One child process whose standard output and error are appended to a log file. Stopping sends SIGTERM
 * to the process and its descendants, waits a grace period, then sends SIGKILL to whatever is left.
 */
final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path log;
    private final long logOffsetAtStart;

    private ChildProcess(String name, Process process, Path log, long logOffsetAtStart) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.logOffsetAtStart = logOffsetAtStart;
    }

    static ChildProcess start(String name, List<String> command, Path workingDir, Path log) {
        try {
            Files.createDirectories(log.getParent());
            long offset = Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            Process process = builder.start();
            return new ChildProcess(name, process, log, offset);
        } catch (IOException e) {
            throw new LocalStackException("Cannot start " + name + " (" + String.join(" ", command) + "): " + e.getMessage(), e);
        }
    }

    /**
     * A log4j2 configuration for a Kafka child (broker, MirrorMaker): everything at INFO to standard output, which
     * goes to the child's log file, and the configuration dumps at WARN; {@code extra} lines are appended.
     */
    static String log4j2Properties(String where, String... extra) {
        List<String> lines = new ArrayList<>(List.of(
                "# written by org.migrex.localstack.LocalStack; " + where,
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = OUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.out.ref = OUT",
                "logger.config.name = org.apache.kafka.common.config.AbstractConfig",
                "logger.config.level = WARN"));
        lines.addAll(Arrays.asList(extra));
        lines.add("");
        return String.join("\n", lines);
    }

    /** {@code <dir>/tmp}, created: the child's {@code java.io.tmpdir}, so that its scratch files stay in the work folder too. */
    static Path tmpDir(Path dir) {
        Path tmp = dir.resolve("tmp").toAbsolutePath();
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new LocalStackException("Cannot create " + tmp + ": " + e.getMessage(), e);
        }
        return tmp;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Waits for the process to end; false when it is still running after {@code timeout}. */
    boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The process and its live descendants. */
    List<ProcessHandle> liveProcesses() {
        List<ProcessHandle> live = new ArrayList<>();
        ProcessHandle handle = process.toHandle();
        if (handle.isAlive()) {
            live.add(handle);
        }
        handle.descendants().filter(ProcessHandle::isAlive).forEach(live::add);
        return live;
    }

    /** What the process wrote since it was started (read from that offset on, so a long log of earlier runs costs nothing). */
    String logSinceStart() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.min(logOffsetAtStart, file.length());
            byte[] bytes = new byte[(int) Math.min(file.length() - from, 64L * 1024 * 1024)];
            file.seek(from);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code lines} lines of the log, for error messages. */
    String tail(int lines) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(logOffsetAtStart <= length ? logOffsetAtStart : 0, length - 32 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            return String.join(System.lineSeparator(), Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * SIGTERM to the process and its descendants, SIGKILL to those still alive after {@code grace}.
     * Returns when all are gone, or after a further 10 s if the kernel did not reap them.
     */
    void stop(Duration grace) {
        List<ProcessHandle> all = Stream.concat(Stream.of(process.toHandle()), process.toHandle().descendants()).toList();
        all.forEach(ProcessHandle::destroy);
        if (!awaitExit(all, grace)) {
            all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            awaitExit(all, Duration.ofSeconds(10));
        }
    }

    private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
        CompletableFuture<?>[] exits = handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return handles.stream().noneMatch(ProcessHandle::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return handles.stream().noneMatch(ProcessHandle::isAlive);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
