package org.migrex.localstack;

import java.util.Map;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A free port picked by the stack can be taken by another process before the child binds it (parallel
 * test JVMs, outgoing connections). The children are then started again on other free ports. The port is
 * taken here right after launch, before the child JVM gets to bind it.
 */
class PortTakenMeanwhileIT {

    @Test
    void childrenMoveToOtherPortsWhenTheirPickedPortIsTakenBeforeTheyBindIt(@TempDir Path workDir) throws Exception {
        Path java = JavaRuntime.find();
        Path agent = Distributions.writeParentWatchAgent(workDir);
        KafkaBroker broker = new KafkaBroker(java, Distributions.kafkaLib(), agent, workDir.resolve("kafka"), 0,
                Map.of(), false, null);
        ApicurioRegistry registry = new ApicurioRegistry(java, Distributions.apicurioHome(), agent, workDir.resolve("registry"), 0);
        try {
            registry.launch();
            String registryUrl = registry.baseUrl();
            int registryPort = Integer.parseInt(registryUrl.substring(registryUrl.lastIndexOf(':') + 1));
            broker.launch();
            int brokerPort = broker.port();
            try (ServerSocket takenFromRegistry = new ServerSocket(registryPort, 1, InetAddress.getLoopbackAddress());
                 ServerSocket takenFromBroker = new ServerSocket(brokerPort, 1, InetAddress.getLoopbackAddress())) {
                Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
                broker.awaitReady(deadline);
                registry.awaitReady(deadline);

                assertThat(broker.port()).isNotEqualTo(brokerPort);
                assertThat(FreePorts.isListening(broker.port())).isTrue();
                assertThat(registry.baseUrl()).isNotEqualTo(registryUrl);
                assertThat(broker.process().logSinceStart()).contains(KafkaBroker.READY_LINE);
                assertThat(registry.process().logSinceStart()).contains("Listening on: " + registry.baseUrl());
            }
        } finally {
            broker.stop(Duration.ofSeconds(20));
            registry.stop(Duration.ofSeconds(20));
        }
        assertThat(broker.process().isAlive()).isFalse();
        assertThat(registry.process().isAlive()).isFalse();
    }
}
