package org.migrex.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command line of docker-compose.yml's setup-<cc> containers; the setup itself runs in ComposeIT. */
class ClusterSetupMainTest {

    @Test
    void composesCommandLineIsRead() {
        ClusterSetupMain.Options options = ClusterSetupMain.parse(new String[] {
            "--bootstrap-servers=kafka-kaz:9092", "--node=kaz", "--pull-partners=KGZ, tjk",
            "--client.security.protocol=SASL_PLAINTEXT", "--client.sasl.mechanism=SCRAM-SHA-512",
            "--client.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"admin\" password=\"a=b\";"});

        assertThat(options.bootstrapServers()).isEqualTo("kafka-kaz:9092");
        assertThat(options.node()).isEqualTo("KAZ");
        assertThat(options.pullPartners()).isEqualTo(Set.of("KGZ", "TJK"));
        assertThat(options.partitions()).isEqualTo(1);
        assertThat(options.replicationFactor()).isEqualTo((short) 1);
        assertThat(options.waitFor()).isEqualTo(Duration.ofSeconds(120));
        assertThat(options.client()).isEqualTo(Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\""
                        + " password=\"a=b\";"));
    }

    @Test
    void badInputIsRefusedNamingWhatIsAccepted() {
        assertThatThrownBy(() -> parse("--node=KAZ")).hasMessageContaining("--bootstrap-servers is missing");
        assertThatThrownBy(() -> parse("--bootstrap-servers=k:9092")).hasMessageContaining("--node is missing");
        assertThatThrownBy(() -> parse("--bootstrap-servers=k:9092", "--node=KZ"))
                .hasMessageContaining("'KZ' is not an ISO 3166-1 alpha-3 code");
        assertThatThrownBy(() -> parse("--bootstrap-servers=k:9092", "--node=KAZ", "--pull-partners=KAZ"))
                .hasMessageContaining("names the node itself (KAZ)");
        assertThatThrownBy(() -> parse("--bootstrap-servers=k:9092", "--node=KAZ", "--client.acks=all"))
                .hasMessageContaining("client setting 'acks' is not accepted: only security.protocol, sasl.* and"
                        + " ssl.*");
        assertThatThrownBy(() -> parse("--bootstrap-servers=k:9092", "--node=KAZ", "--partitions=0"))
                .hasMessageContaining("--partitions '0' is not accepted: a whole number from 1 to 1000");
        assertThatThrownBy(() -> parse("--bootstrap-servers=k:9092", "--node=KAZ", "--colour=red"))
                .hasMessageContaining("option --colour is not accepted");
        assertThatThrownBy(() -> parse("kafka:9092")).hasMessageContaining("expected --name=value");
    }

    private static ClusterSetupMain.Options parse(String... args) {
        return ClusterSetupMain.parse(args);
    }
}
