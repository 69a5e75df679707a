package org.migrex.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, as a user runs it: a two-node sandbox (KAZ, KGZ) started by the code behind {@code ./migrex sandbox}
 * (on free ports, so it runs beside a sandbox), records uploaded over HTTP by each agency, the dataset KAZ delivers
 * to KGZ and KGZ's mirror table checked against counts made from the uploaded rows ({@link TwoNodeScenario}), then no
 * process left once the sandbox is closed.
 */
class SandboxIT {
    @Test
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void twoNodesExchangeWhatTheirAgenciesUploaded(@TempDir Path work) throws Exception {
        List<String> countries = List.of("KAZ", "KGZ");
        SandboxConfig config = SandboxConfig.standard(countries, work, repositoryRoot()).withPorts(PortPlan.free(countries));

        Set<ProcessHandle> started;
        try (Sandbox sandbox = Sandbox.start(config, System.out)) {
            started = sandbox.processes();
            assertThat(started).hasSizeGreaterThanOrEqualTo(8); // 6 services, broker, registry
            TwoNodeScenario.run(sandbox.endpoints("KAZ").ingestion(), sandbox.endpoints("KAZ").exchange(),
                    sandbox.endpoints("KGZ").ingestion(),
                    sandbox.endpoints("KGZ").exchange());
        }
        for (ProcessHandle process : started) {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(process.isAlive()).as("process %d after close", process.pid()).isFalse();
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("child processes left behind").isEmpty();
    }

    static Path repositoryRoot() {
        Path root = Path.of(System.getProperty("migrex.repository.root", "../..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("migrex"))) {
            throw new IllegalStateException("not the repository root: " + root);
        }
        return root;
    }
}
