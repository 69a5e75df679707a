package org.migrex.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link LocalStackMain} (broker only, to keep it short) in a separate JVM, as a sandbox or a
 * developer would, then ends that JVM: with SIGTERM (Ctrl-C does the same through the shutdown hook)
 * and with SIGKILL (no hook runs; the children must notice by themselves). Either way no child may survive.
 */
class ParentProcessDeathIT {

    private static final Duration CHILDREN_GONE_WITHIN = Duration.ofSeconds(30);

    @Test
    void sigtermOfTheParentStopsTheChildren(@TempDir Path workDir) throws Exception {
        Process main = startMain(workDir);
        List<ProcessHandle> children = main.toHandle().descendants().toList();
        assertThat(children).isNotEmpty().allMatch(ProcessHandle::isAlive);

        main.toHandle().destroy();

        assertThat(main.waitFor(CHILDREN_GONE_WITHIN.toSeconds(), TimeUnit.SECONDS)).as("main exited").isTrue();
        assertGone(children);
    }

    @Test
    void sigkillOfTheParentStillStopsTheChildren(@TempDir Path workDir) throws Exception {
        Process main = startMain(workDir);
        List<ProcessHandle> children = main.toHandle().descendants().toList();
        assertThat(children).isNotEmpty().allMatch(ProcessHandle::isAlive);

        main.toHandle().destroyForcibly();

        assertThat(main.waitFor(10, TimeUnit.SECONDS)).as("main killed").isTrue();
        assertGone(children);
    }

    private static Process startMain(Path workDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process main = new ProcessBuilder(java, "-cp", classpath, LocalStackMain.class.getName(),
                "--no-registry", "--work-dir", workDir.toString())
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(main.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (Exception e) {
                // the process ended
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (output.stream().noneMatch(line -> line.startsWith("Stop with Ctrl-C"))) {
            if (!main.isAlive() || System.nanoTime() > deadline) {
                main.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                main.destroyForcibly();
                reader.join(2000);
                throw new AssertionError("LocalStackMain did not report ready: " + String.join("\n", output));
            }
            Thread.sleep(100);
        }
        assertThat(output).anyMatch(line -> line.matches("\\s+Kafka bootstrap servers:\\s+localhost:\\d+"));
        return main;
    }

    private static void assertGone(List<ProcessHandle> children) throws InterruptedException {
        long deadline = System.nanoTime() + CHILDREN_GONE_WITHIN.toNanos();
        while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        List<ProcessHandle> survivors = children.stream().filter(ProcessHandle::isAlive).toList();
        survivors.forEach(ProcessHandle::destroyForcibly);
        assertThat(survivors).as("children still alive %s after the parent ended", CHILDREN_GONE_WITHIN).isEmpty();
    }
}
