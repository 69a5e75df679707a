package org.migrex.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migrex.localstack.LocalStack;
import org.migrex.localstack.LocalStackExtension;
import org.migrex.node.deadletter.DeadLetter;
import org.migrex.schema.Provenance;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.Topic;
import org.migrex.schema.Topics;
import org.migrex.serde.SchemaRegistryClient;
import org.migrex.serde.RegistryClientConfig;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The allocation bomb of issue 15 on a real broker and registry, read by a spring-kafka consumer with the node's
 * value deserializer ({@link AvroSerdeFactory}) in a 96 MB heap: the 10-byte record declaring a 2 GB string goes to
 * the dead-letter topic with its original bytes and the error, and the next record is read.
 */
@ExtendWith(LocalStackExtension.class)
class HostileRecordDeadLetterIT {

    @Test
    void aRecordDeclaringA2GbStringGoesToTheDeadLetterTopicAndTheStreamGoesOn() throws Exception {
        LocalStack stack = LocalStackExtension.shared();
        Topics topics = Topics.forNode("BMB");
        Topic<String, RawMigrationRecord> raw = topics.rawRecords();
        String dlq = topics.rawRecordsDeadLetter().name();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(raw.name(), 1, (short) 1), new NewTopic(dlq, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        AvroSerdeFactory serdes = new AvroSerdeFactory(stack.registryConfluentUrl(), true);
        int id = new SchemaRegistryClient(RegistryClientConfig.of(stack.registryConfluentUrl()))
                .register(raw.name() + "-value", RawMigrationRecord.getClassSchema());
        byte[] bomb = ByteBuffer.allocate(10).put((byte) 0).putInt(id)
                .put(new byte[]{(byte) 0xf0, (byte) 0xf5, (byte) 0xff, (byte) 0xff, 0x0f}).array();
        RawMigrationRecord good = record("after-the-bomb");
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (var bytes = new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer())) {
            bytes.send(new ProducerRecord<>(raw.name(), "k-bomb".getBytes(StandardCharsets.UTF_8), bomb)).get();
            bytes.send(new ProducerRecord<>(raw.name(), "k-good".getBytes(StandardCharsets.UTF_8),
                    serdes.valueSerializer(raw).serialize(raw.name(), good))).get();
        }

        BlockingQueue<RawMigrationRecord> read = new LinkedBlockingQueue<>();
        Map<String, Object> byteProducer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        var template = new KafkaTemplate<Object, Object>(new DefaultKafkaProducerFactory<>(byteProducer));
        var handler = new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(dlq, 0)), new FixedBackOff(0, 0));
        // as the services do: the serde settings travel in the consumer's configuration
        Map<String, Object> consumer = new java.util.HashMap<>(serdes.serdeConfig());
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "bomb-" + UUID.randomUUID());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // keys stay bytes, so that the dead letter keeps the original key bytes as well
        var consumers = new DefaultKafkaConsumerFactory<byte[], RawMigrationRecord>(consumer,
                new ByteArrayDeserializer(), new ErrorHandlingDeserializer<>(serdes.valueDeserializer(raw)));
        var properties = new ContainerProperties(raw.name());
        properties.setMessageListener((MessageListener<byte[], RawMigrationRecord>) r -> read.add(r.value()));
        var container = new KafkaMessageListenerContainer<>(consumers, properties);
        container.setCommonErrorHandler(handler);
        container.start();
        try {
            assertThat(read.poll(60, TimeUnit.SECONDS)).as("the record after the bomb").isEqualTo(good);
        } finally {
            container.stop();
        }

        List<ConsumerRecord<byte[], byte[]>> dead = readAll(stack, dlq);
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> letter = dead.getFirst();
        assertThat(letter.value()).isEqualTo(bomb);
        assertThat(letter.key()).isEqualTo("k-bomb".getBytes(StandardCharsets.UTF_8));
        assertThat(DeadLetter.text(letter.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(raw.name());
        assertThat(DeadLetter.originalOffset(letter.headers())).isZero();
        // spring-kafka's DeserializationException wraps the serde's SerializationException: its message is in the trace
        assertThat(DeadLetter.text(letter.headers(), KafkaHeaders.DLT_EXCEPTION_STACKTRACE))
                .contains("org.apache.kafka.common.errors.SerializationException: could not decode a record on topic '"
                        + raw.name() + "' with writer schema id " + id)
                .contains("declares 2147483000 bytes, but only 0 bytes of the record remain");
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(LocalStack stack, String topic) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
        }
        return all;
    }

    private static RawMigrationRecord record(String id) {
        return RawMigrationRecord.newBuilder()
                .setRecordId(id).setEventType("ENTRY").setEventDate("2025-03-14")
                .setPersonPseudonym("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .setProvenance(Provenance.newBuilder().setNode("BMB").setSource("template").setBatchId("b-1")
                        .setLine(2).setProfile("template").setProfileVersion("1")
                        .setIngestedAt(java.time.Instant.parse("2025-04-01T10:00:00Z")).build())
                .build();
    }
}
