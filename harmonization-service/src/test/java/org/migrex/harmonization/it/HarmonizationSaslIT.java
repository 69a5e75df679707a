package org.migrex.harmonization.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migrex.harmonization.HarmonizationApplication;
import org.migrex.localstack.LocalStack;
import org.migrex.localstack.LocalStackExtension;
import org.migrex.schema.ClusterSetup;
import org.migrex.schema.NodeAcls;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroSerializer;
import org.migrex.serde.RegistryClientConfig;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code harmonize} function on the Kafka Streams binder against a broker that demands SASL and authorizes by ACL,
 * configured only with {@code migrex.kafka.client.*} and holding only what {@link NodeAcls} grants harmonization: the
 * exactly-once stream (its consumer, transactional producer, admin client, internal topics) runs and harmonizes a raw
 * record, and the broker refuses it a write to the raw records.
 */
@ExtendWith(LocalStackExtension.class)
class HarmonizationSaslIT {
    private static final String NODE = "UZB";
    private static final Topics TOPICS = Topics.forNode(NODE);
    private static LocalStack sasl;
    private static ConfigurableApplicationContext app;
    @TempDir
    static Path state;

    @BeforeAll
    static void start() throws Exception {
        sasl = LocalStack.builder().withRegistry(false).kafkaSaslUsers(Map.of("uzb-harmonization", "pw-harmonization"))
                .kafkaAuthorizer(true).start();
        try (Admin operator = Admin.create(client(sasl.kafkaSuperUserProperties()))) {
            ClusterSetup.apply(operator, new NodeAcls(TOPICS, Set.of()), 1, (short) 1);
        }
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--migrex.node.country=" + NODE,
                "--migrex.kafka.create-topics=false",
                "--migrex.kafka.bootstrap-servers=" + sasl.bootstrapServers(),
                "--migrex.registry.url=" + LocalStackExtension.shared().registryConfluentUrl(),
                "--spring.cloud.stream.kafka.streams.binder.configuration.state.dir=" + state,
                "--migrex.harmonization.sources.template.owner=uzb-agency",
                "--migrex.security.users.uzb-agency.password={noop}pw-agency",
                "--migrex.security.users.uzb-agency.roles=AGENCY"));
        sasl.kafkaSaslClientProperties("uzb-harmonization").forEach((key, value) ->
                args.add("--migrex.kafka.client." + key + "=" + value));
        app = new SpringApplicationBuilder(HarmonizationApplication.class).run(args.toArray(String[]::new));
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
        Map<String, Object> client = new HashMap<>(security);
        client.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sasl.bootstrapServers());
        client.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        return client;
    }

    @Test
    void harmonizationsPrincipalMayNotWriteRawRecords() {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                client(sasl.kafkaSaslClientProperties("uzb-harmonization")), new StringSerializer(),
                new ByteArraySerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPICS.rawRecords().name(), "template|forged",
                    new byte[] {0})).get(20, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aRawRecordIsHarmonizedOverSasl() throws Exception {
        Map<String, Object> client = client(sasl.kafkaSuperUserProperties());
        ConfluentAvroSerializer<RawMigrationRecord> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(Map.of(RegistryClientConfig.URL, LocalStackExtension.shared().registryConfluentUrl(),
                RegistryClientConfig.AUTO_REGISTER, true), false);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(client, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPICS.rawRecords().name(), "template|sasl-1", serializer.serialize(
                    TOPICS.rawRecords().name(), HarmonizationIT.raw("sasl-1").build()))).get();
        }

        Map<String, Object> reader = new HashMap<>(client);
        reader.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> harmonized = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(reader, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPICS.harmonizedEvents().name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (harmonized.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(harmonized::add);
            }
        }
        assertThat(harmonized).as("the harmonized event, committed by the exactly-once stream").hasSize(1);
        assertThat(new String(harmonized.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("template|sasl-1");
        assertThat(harmonized.get(0).value()).isNotNull();
    }
}
