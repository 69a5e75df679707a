package org.migrex.ingestion.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migrex.ingestion.IngestionApplication;
import org.migrex.localstack.LocalStack;
import org.migrex.localstack.LocalStackExtension;
import org.migrex.schema.ClusterSetup;
import org.migrex.schema.NodeAcls;
import org.migrex.schema.Topics;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The node's Kafka clients on a broker that demands SASL/SCRAM over TLS (SASL_SSL, the local stack's self-signed
 * certificate) and authorizes by ACL, as each country's own cluster is specified: ingestion, configured only with
 * {@code migrex.kafka.client.*} and holding only what {@link NodeAcls} grants it, reports the cluster up (health's
 * admin client) and publishes an upload in its transaction (its own producer). The broker refuses a client with a
 * wrong password, and refuses ingestion's principal what the definition does not grant.
 */
@ExtendWith(LocalStackExtension.class)
class SaslKafkaIT {
    private static final String NODE = "KGZ";
    private static final Map<String, String> USERS = Map.of("kgz-ingestion", "pw-kgz-ingestion",
            "kgz-reader", "pw-kgz-reader");
    private static final Topics TOPICS = Topics.forNode(NODE);
    private static LocalStack sasl;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        sasl = LocalStack.builder().withRegistry(false).kafkaSaslUsers(USERS).kafkaAuthorizer(true).kafkaTls(true)
                .start();
        try (Admin operator = Admin.create(client(sasl.kafkaSuperUserProperties()))) {
            ClusterSetup.apply(operator, new NodeAcls(TOPICS, Set.of()), 1, (short) 1);
        }
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--migrex.node.country=" + NODE,
                "--migrex.kafka.create-topics=false",
                "--migrex.kafka.bootstrap-servers=" + sasl.bootstrapServers(),
                "--migrex.registry.url=" + LocalStackExtension.shared().registryConfluentUrl(),
                "--migrex.ingestion.pseudonym-secret=migrex-test-secret-0123456789abcdef",
                "--migrex.ingestion.sources.template.owner=kaz-agency",
                "--migrex.security.users.kaz-agency.password={noop}pw-kaz-agency",
                "--migrex.security.users.kaz-agency.roles=AGENCY",
                "--migrex.security.users.operator.password={noop}pw-operator",
                "--migrex.security.users.operator.roles=OPERATOR"));
        sasl.kafkaSaslClientProperties("kgz-ingestion").forEach((key, value) ->
                args.add("--migrex.kafka.client." + key + "=" + value));
        app = new SpringApplicationBuilder(IngestionApplication.class).run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (sasl != null) {
            sasl.close();
        }
    }

    private static Map<String, Object> client(Map<String, String> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sasl.bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return config;
    }

    @Test
    void anUploadIsPublishedOverSaslAndTheClusterReportsUp() throws Exception {
        Http http = new Http("http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort());

        Http.Answer answer = http.post("/api/v1/sources/template/records", "kaz-agency", "text/csv", """
                record_id,event_type,event_date,person_id,sex,birth_date,citizenship,country_of_birth,counterpart_country,purpose,intended_duration_days,region
                S1,RESIDENCE_REGISTRATION,2025-03-15,P-1,F,1990-05-02,KAZ,KAZ,KAZ,WORK,400,KG-B
                S2,RESIDENCE_REGISTRATION,2025-03-16,P-2,M,1985-01-20,UZB,UZB,UZB,STUDY,300,KG-B
                """);

        assertThat(answer.status()).as(answer.response().body()).isEqualTo(200);
        assertThat(answer.json().get("accepted").asLong()).isEqualTo(2);
        assertThat(http.get("/actuator/health/readiness", "operator")).contains("\"kafkaCluster\"")
                .contains("\"UP\"").doesNotContain("DOWN");

        Map<String, Object> reader = client(sasl.kafkaSuperUserProperties());
        reader.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        String topic = TOPICS.rawRecords().name();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(reader, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).extracting(r -> new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))
                .containsExactly("template|S1", "template|S2");
    }

    @Test
    void ingestionsPrincipalMayNeitherReadTheRawRecordsNorDeleteTheirTopic() {
        Map<String, Object> ingestion = client(sasl.kafkaSaslClientProperties("kgz-ingestion"));
        TopicPartition partition = new TopicPartition(TOPICS.rawRecords().name(), 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ingestion, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        try (Admin admin = Admin.create(ingestion)) {
            assertThatThrownBy(() -> admin.deleteTopics(List.of(TOPICS.rawRecords().name())).all()
                    .get(15, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theListenerSpeaksOnlyTlsAndOnlyToClientsThatTrustItsCertificate() {
        Map<String, String> settings = sasl.kafkaSaslClientProperties("kgz-reader");
        assertThat(settings).containsEntry("security.protocol", "SASL_SSL").containsKey("ssl.truststore.location");

        Map<String, String> untrusting = new HashMap<>(settings);
        untrusting.remove("ssl.truststore.location");
        untrusting.remove("ssl.truststore.password");
        untrusting.remove("ssl.truststore.type");
        try (Admin admin = Admin.create(client(untrusting))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(15, TimeUnit.SECONDS))
                    .as("the JDK's default trust store does not know the local certificate")
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.SslAuthenticationException.class);
        }
        Map<String, String> cleartext = new HashMap<>(settings);
        cleartext.put("security.protocol", "SASL_PLAINTEXT");
        try (Admin admin = Admin.create(client(cleartext))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .as("SASL without TLS gets no answer from a TLS listener").isInstanceOf(Exception.class);
        }
    }

    @Test
    void theBrokerRefusesAClientWithAWrongPassword() {
        Map<String, String> wrong = new HashMap<>(sasl.kafkaSaslClientProperties("kgz-reader"));
        wrong.put("sasl.jaas.config", wrong.get("sasl.jaas.config").replace("pw-kgz-reader", "guessed"));

        try (Admin admin = Admin.create(client(wrong))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(15, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }
}
