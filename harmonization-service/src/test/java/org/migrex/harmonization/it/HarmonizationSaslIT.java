package org.migrex.harmonization.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroSerializer;
import org.migrex.serde.RegistryClientConfig;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code harmonize} function on the Kafka Streams binder against a broker that demands SASL, configured only with
 * {@code migrex.kafka.client.*}: topics created, the exactly-once stream (its consumer, transactional producer and
 * admin client) running, a raw record harmonized.
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
    static void start() {
        sasl = LocalStack.builder().withRegistry(false)
                .kafkaSaslUsers(Map.of("uzb-harmonization", "pw-harmonization", "uzb-test", "pw-test")).start();
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--migrex.node.country=" + NODE,
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

    @Test
    void aRawRecordIsHarmonizedOverSasl() throws Exception {
        Map<String, Object> client = new HashMap<>(sasl.kafkaSaslClientProperties("uzb-test"));
        client.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sasl.bootstrapServers());
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
