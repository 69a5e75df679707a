package org.migrex.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml's MirrorMaker containers run deploy/compose/mirror-maker.sh, which writes its mm2.properties in
 * bash; PullDeliveryIT's MirrorMakers run with what {@link MirrorPull} writes. The two files must say the same: the
 * script is run here (render only) and both files are compared as properties, key by key.
 */
class MirrorPullComposeScriptTest {

    @Test
    void theComposeScriptWritesWhatMirrorPullWrites(@TempDir Path dir) throws Exception {
        Path script = repositoryRoot().resolve("deploy/compose/mirror-maker.sh");
        Path out = dir.resolve("mm2.properties");
        ProcessBuilder bash = new ProcessBuilder("bash", script.toString(), "KAZ", "KGZ").redirectErrorStream(true)
                .redirectOutput(dir.resolve("script.log").toFile());
        bash.environment().putAll(Map.of("MIGREX_MIRROR_RENDER_ONLY", "1", "MIGREX_MIRROR_PROPERTIES", out.toString(),
                "MIGREX_MIRROR_SOURCE_BOOTSTRAP", "kafka-kaz:9092", "MIGREX_MIRROR_SOURCE_PASSWORD", "at-kaz",
                "MIGREX_MIRROR_TARGET_BOOTSTRAP", "kafka-kgz:9092", "MIGREX_MIRROR_TARGET_PASSWORD", "at-kgz"));
        Process process = bash.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("script.log"))).isZero();

        MirrorPull.Cluster kaz = new MirrorPull.Cluster("KAZ", "kafka-kaz:9092", scram("kgz-mirror", "at-kaz"));
        MirrorPull.Cluster kgz = new MirrorPull.Cluster("KGZ", "kafka-kgz:9092", scram("kgz-mirror", "at-kgz"));
        String expected = MirrorPull.render(MirrorPull.configuration(kaz, kgz,
                List.of("kaz.exchange.outbox.kgz", "kaz.exchange.receipts.kgz"), 8083));

        Properties fromScript = load(Files.readString(out, StandardCharsets.UTF_8));
        Properties fromMirrorPull = load(expected);
        assertThat(fromScript).isEqualTo(fromMirrorPull);
        // and the values a wrong escape would break, written out by hand
        assertThat(fromScript.getProperty("KAZ->KGZ.topics"))
                .isEqualTo("\\Qkaz.exchange.outbox.kgz\\E, \\Qkaz.exchange.receipts.kgz\\E");
        assertThat(fromScript.getProperty("KAZ.sasl.jaas.config")).isEqualTo(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"kgz-mirror\""
                        + " password=\"at-kaz\";");
    }

    @Test
    void theComposeScriptRefusesACodeThatIsNotOne(@TempDir Path dir) throws Exception {
        Path script = repositoryRoot().resolve("deploy/compose/mirror-maker.sh");
        Path log = dir.resolve("script.log");
        Process process = new ProcessBuilder("bash", script.toString(), "kaz", "KGZ").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log)).contains("'kaz' is not accepted: an ISO alpha-3 code in capitals");
    }

    private static Map<String, String> scram(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                        + "\" password=\"" + password + "\";");
    }

    private static Properties load(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
