package org.migrex.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void serverPropertiesDescribeOneCombinedNodeOnLocalhostWithoutAutoCreation() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(KafkaBroker.serverProperties(19092, 19093, Path.of("/data/kafka"))));

        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://localhost:19092,CONTROLLER://localhost:19093");
        assertThat(p.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("localhost:19093");
        assertThat(p.getProperty("controller.quorum.voters")).as("--standalone refuses static voters").isNull();
        assertThat(p.getProperty("log.dirs")).isEqualTo("/data/kafka");
        assertThat(p.getProperty("auto.create.topics.enable")).isEqualTo("false");
        assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
        assertThat(p.getProperty("group.initial.rebalance.delay.ms")).isEqualTo("0");
    }

    @Test
    void withAnAuthorizerEveryListenerAuthenticatesAndOnlyTheBrokerIsSuperUser() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(KafkaBroker.serverProperties(19092, 19093, Path.of("/data/kafka"),
                java.util.Map.of("kaz-ingestion", "pw"), true, null)));

        assertThat(p.getProperty("listeners")).isEqualTo("SASL_PLAINTEXT://localhost:19092,CONTROLLER://localhost:19093");
        assertThat(p.getProperty("listener.security.protocol.map"))
                .isEqualTo("SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        assertThat(p.getProperty("authorizer.class.name"))
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(p.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
        assertThat(p.getProperty("super.users")).isEqualTo("User:migrex-local-broker");
        assertThat(p.getProperty("listener.name.sasl_plaintext.sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
        assertThat(String.join(" ", KafkaBroker.scramArguments(java.util.Map.of("kaz-ingestion", "pw"))))
                .as("users' credentials go into the metadata log at format, not into server.properties")
                .isEqualTo("--add-scram=SCRAM-SHA-512=[name=kaz-ingestion,password=pw]"
                        + " --add-scram=SCRAM-SHA-512=[name=migrex-local-broker,password=local-broker-only]");
        assertThat(p.values()).noneMatch(value -> String.valueOf(value).contains("kaz-ingestion"));
        assertThat(p.getProperty("listener.name.controller.plain.sasl.jaas.config"))
                .as("only the broker may talk to its controller").doesNotContain("kaz-ingestion");
    }

    @Test
    void aRelayListenerIsAdvertisedAtTheRelaysPortWithTheSameSecurity() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(KafkaBroker.serverProperties(19092, 19093, Path.of("/data/kafka"),
                java.util.Map.of("kgz-mirror", "pw"), true, null, 19094, 19095)));

        assertThat(p.getProperty("listeners"))
                .isEqualTo("SASL_PLAINTEXT://localhost:19092,RELAY://localhost:19094,CONTROLLER://localhost:19093");
        assertThat(p.getProperty("advertised.listeners")).as("clients of the relay are sent back to the relay")
                .isEqualTo("SASL_PLAINTEXT://localhost:19092,RELAY://localhost:19095,CONTROLLER://localhost:19093");
        assertThat(p.getProperty("listener.security.protocol.map"))
                .isEqualTo("SASL_PLAINTEXT:SASL_PLAINTEXT,RELAY:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        assertThat(p.getProperty("inter.broker.listener.name")).isEqualTo("SASL_PLAINTEXT");
        assertThat(p.getProperty("listener.name.relay.sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
        assertThat(p.getProperty("listener.name.relay.scram-sha-512.sasl.jaas.config"))
                .isEqualTo(p.getProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config"));

        Properties plain = new Properties();
        plain.load(new StringReader(KafkaBroker.serverProperties(19092, 19093, Path.of("/data/kafka"))));
        assertThat(plain.getProperty("listeners")).as("no relay unless asked for")
                .isEqualTo("PLAINTEXT://localhost:19092,CONTROLLER://localhost:19093");
    }

    @Test
    void withTlsTheClientListenerIsSaslSslWithTheLocalKeyStore(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        LocalTls tls = LocalTls.in(dir, JavaRuntime.find());
        Properties p = new Properties();
        p.load(new StringReader(KafkaBroker.serverProperties(19092, 19093, Path.of("/data/kafka"),
                java.util.Map.of("kaz-ingestion", "pw"), true, tls)));

        assertThat(p.getProperty("listeners")).isEqualTo("SASL_SSL://localhost:19092,CONTROLLER://localhost:19093");
        assertThat(p.getProperty("inter.broker.listener.name")).isEqualTo("SASL_SSL");
        assertThat(p.getProperty("listener.security.protocol.map"))
                .isEqualTo("SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT");
        assertThat(p.getProperty("listener.name.sasl_ssl.sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
        assertThat(p.getProperty("ssl.keystore.location")).isEqualTo(tls.keyStore().toAbsolutePath().toString());
        // the key store holds a key and a certificate for localhost, readable with the password the broker is given
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(tls.keyStore())) {
            store.load(in, LocalTls.PASSWORD.toCharArray());
        }
        var certificate = (java.security.cert.X509Certificate) store.getCertificate("broker");
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(certificate.getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1))
                .contains((Object) "localhost", (Object) "127.0.0.1");
        assertThat(store.isKeyEntry("broker")).isTrue();
        assertThat(LocalTls.in(dir, JavaRuntime.find()).keyStore()).as("made once per work directory")
                .hasSameBinaryContentAs(tls.keyStore());
    }

    @Test
    void clusterIdsAreSixteenRandomBytesInUrlSafeBase64() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String id = KafkaBroker.newClusterId();
            assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]+");
            assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
            ids.add(id);
        }
        assertThat(ids).hasSize(100);
    }

    @Test
    void clusterIdsNeverStartWithADashAndAreJoinedToTheirOption() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(KafkaBroker.newClusterId()).doesNotStartWith("-");
        }
        assertThat(KafkaBroker.formatCommand(Path.of("java"), Path.of("lib"), Path.of("log4j2.properties"),
                Path.of("server.properties"), "-abc")).contains("--cluster-id=-abc").doesNotContain("--cluster-id");
    }

    @Test
    void recognisesBindFailuresOfKafkaAndQuarkus() {
        // as logged by kafka 4.3.1 and Apicurio 3.3.3 (Quarkus 3.33) when the port was held by another process
        assertThat(KafkaBroker.isBindFailure(
                "org.apache.kafka.common.KafkaException: Socket server failed to bind to localhost:19192: Address already in use.")).isTrue();
        assertThat(KafkaBroker.isBindFailure("ERROR [io.quarkus.runtime.ApplicationLifecycleManager] (main) Port 19192 seems to be "
                + "in use by another process. Quarkus may already be running or the port is used by another application.")).isTrue();
        assertThat(KafkaBroker.isBindFailure("ERROR Exiting Kafka due to fatal exception (kafka.Kafka$)\n"
                + "java.lang.IllegalArgumentException: requirement failed")).isFalse();
    }

    @Test
    void extraJvmOptionsAreSplitOnWhitespace() {
        String property = "migrex.localstack.test.jvm-options";
        System.setProperty(property, " -Xmx1g  -XX:TieredStopAtLevel=4 ");
        try {
            assertThat(KafkaBroker.extraJvmOptions(property)).containsExactly("-Xmx1g", "-XX:TieredStopAtLevel=4");
        } finally {
            System.clearProperty(property);
        }
        assertThat(KafkaBroker.extraJvmOptions(property)).isEmpty();
    }
}
