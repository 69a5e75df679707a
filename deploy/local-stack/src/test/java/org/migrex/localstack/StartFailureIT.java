package org.migrex.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stack that cannot start says why, with the child's own words, and leaves nothing running. */
class StartFailureIT {

    @Test
    void brokerThatCannotStartFailsWithTheTailOfItsLogAndTheRegistryIsStoppedToo(@TempDir Path fakeLib, @TempDir Path workDir)
            throws IOException {
        Files.writeString(fakeLib.resolve("kafka_2.13-" + Distributions.kafkaVersion() + ".jar"), "not a jar");
        Set<Long> childrenBefore = childPids();
        System.setProperty(Distributions.KAFKA_LIB_PROPERTY, fakeLib.toString());
        try {
            assertThatThrownBy(() -> LocalStack.builder().workDir(workDir).start())
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("Formatting the Kafka storage")
                    .hasMessageContaining("kafka.tools.StorageTool");
        } finally {
            System.clearProperty(Distributions.KAFKA_LIB_PROPERTY);
        }
        List<ProcessHandle> leftOver = ProcessHandle.current().children()
                .filter(p -> !childrenBefore.contains(p.pid())).filter(ProcessHandle::isAlive).toList();
        assertThat(leftOver).isEmpty();
        assertThat(workDir.resolve("registry/registry.log")).as("the registry had been launched").exists();
    }

    @Test
    void missingRegistryDistributionIsNamedBeforeAnythingIsLaunched(@TempDir Path empty) {
        Set<Long> childrenBefore = childPids();
        System.setProperty(Distributions.APICURIO_HOME_PROPERTY, empty.toString());
        try {
            assertThatThrownBy(() -> LocalStack.builder().start())
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageStartingWith("Apicurio Registry 3.3.3 is not unpacked in " + empty)
                    .hasMessageContaining("./mvnw -pl deploy/local-stack package");
        } finally {
            System.clearProperty(Distributions.APICURIO_HOME_PROPERTY);
        }
        assertThat(childPids()).isEqualTo(childrenBefore);
    }

    @Test
    void requestedPortInUseIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> LocalStack.builder().withRegistry(false).kafkaPort(port).start())
                    .isInstanceOf(LocalStackException.class)
                    .hasMessage("Kafka port " + port + " on localhost is already in use by another process");
        }
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
