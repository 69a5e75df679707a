package org.migrex.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code kafka-storage format} with a cluster id that starts with '-' (about one random id in 64 did): the
 * storage tool must take it as the option's value, not as another option.
 */
class ClusterIdFormatIT {

    @Test
    void aClusterIdStartingWithADashFormatsTheStorage(@TempDir Path dir) throws IOException {
        String clusterId = "-" + KafkaBroker.newClusterId().substring(1);
        Path data = dir.resolve("data");
        Path serverProperties = dir.resolve("server.properties");
        Path log4j = dir.resolve("log4j2.properties");
        Files.createDirectories(data);
        Files.writeString(serverProperties, KafkaBroker.serverProperties(FreePorts.resolve(0, "Kafka"),
                FreePorts.resolve(0, "Kafka controller"), data), StandardCharsets.UTF_8);
        Files.writeString(log4j, "rootLogger.level=WARN\n", StandardCharsets.UTF_8);

        ChildProcess format = ChildProcess.start("Kafka storage format", KafkaBroker.formatCommand(JavaRuntime.find(),
                Distributions.kafkaLib(), log4j, serverProperties, clusterId), dir, dir.resolve("format.log"));

        assertThat(format.waitFor(Duration.ofSeconds(120))).as("format finished").isTrue();
        assertThat(format.exitValue()).as("exit code; log:%n%s", format.tail(20)).isZero();
        Properties meta = new Properties();
        try (Reader reader = Files.newBufferedReader(data.resolve("meta.properties"))) {
            meta.load(reader);
        }
        assertThat(meta.getProperty("cluster.id")).isEqualTo(clusterId);
    }
}
