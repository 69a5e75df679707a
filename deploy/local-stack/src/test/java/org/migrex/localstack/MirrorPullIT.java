package org.migrex.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MirrorMaker 2 between two separate brokers, as two nodes' clusters: the source is secured (SCRAM, authorizer
 * denying by default) and grants the receiver's MirrorMaker principal only READ and DESCRIBE on the one outbox.
 * Committed records arrive in order under their own topic name, an aborted transaction's records never arrive, and
 * the same principal cannot read another topic of the source. Killed, MirrorMaker is started again by its supervisor
 * and copies what came meanwhile, without copying anything twice.
 */
class MirrorPullIT {
    private static final String OUTBOX = "kaz.exchange.outbox.kgz";
    private static final String RAW = "kaz.raw.records";
    private static final String MIRROR_USER = "kgz-mirror";

    private static LocalStack kaz;
    private static LocalStack kgz;
    private static Path work;

    @BeforeAll
    static void clusters() throws Exception {
        work = Files.createTempDirectory("migrex-mirror-pull-it");
        kaz = LocalStack.builder().workDir(work.resolve("kaz")).withRegistry(false)
                .kafkaSaslUsers(Map.of(MIRROR_USER, "mirror-secret", "kaz-exchange", "exchange-secret"))
                .kafkaAuthorizer(true).start();
        kgz = LocalStack.builder().workDir(work.resolve("kgz")).withRegistry(false).start();
        try (Admin admin = Admin.create(client(kaz.bootstrapServers(), kaz.kafkaSuperUserProperties()))) {
            admin.createTopics(List.of(new NewTopic(OUTBOX, 1, (short) 1), new NewTopic(RAW, 1, (short) 1)))
                    .all().get();
            admin.createAcls(List.of(
                    allow("User:" + MIRROR_USER, OUTBOX, AclOperation.READ),
                    allow("User:" + MIRROR_USER, OUTBOX, AclOperation.DESCRIBE),
                    allow("User:kaz-exchange", OUTBOX, AclOperation.WRITE),
                    allow("User:kaz-exchange", OUTBOX, AclOperation.DESCRIBE),
                    new AclBinding(new ResourcePattern(ResourceType.TRANSACTIONAL_ID, "kaz-delivery",
                            PatternType.LITERAL), new AccessControlEntry("User:kaz-exchange", "*",
                            AclOperation.WRITE, AclPermissionType.ALLOW)))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        if (kgz != null) {
            kgz.close();
        }
        if (kaz != null) {
            kaz.close();
        }
    }

    @Test
    void committedDeliveriesArriveInOrderAndAbortedOnesNever() throws Exception {
        Map<String, Object> producerConfig = client(kaz.bootstrapServers(), kaz.kafkaSaslClientProperties("kaz-exchange"));
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "kaz-delivery");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(OUTBOX, "KAZ|MIGR_FLOW|2026-03", "revision 1"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(OUTBOX, "KAZ|MIGR_FLOW|2026-03", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(OUTBOX, "KAZ|MIGR_FLOW|2026-03", "revision 2"));
            producer.commitTransaction();
        }
        try (Admin admin = Admin.create(client(kgz.bootstrapServers(), Map.of()))) {
            admin.createTopics(List.of(new NewTopic(OUTBOX, 1, (short) 1))).all().get();
        }

        try (MirrorPull pull = MirrorPull.start(work.resolve("kgz-mirror"),
                new MirrorPull.Cluster("KAZ", kaz.bootstrapServers(), kaz.kafkaSaslClientProperties(MIRROR_USER)),
                new MirrorPull.Cluster("KGZ", kgz.bootstrapServers(), Map.of()), List.of(OUTBOX),
                Duration.ofSeconds(120))) {
            List<String> copied = readCommitted(kgz.bootstrapServers(), OUTBOX, 2, Duration.ofSeconds(60));
            assertThat(copied).as("what KGZ's cluster holds, read_committed; log " + pull.log())
                    .containsExactly("revision 1", "revision 2");
            List<String> everything = read(kgz.bootstrapServers(), OUTBOX, "read_uncommitted", 2, Duration.ofSeconds(5));
            assertThat(everything).as("not even uncommitted: the aborted record was never copied")
                    .doesNotContain("aborted");

            // MirrorMaker dies (kill -9): the supervisor starts it again, and it goes on where it stopped
            pull.processes().forEach(ProcessHandle::destroyForcibly);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(OUTBOX, "KAZ|MIGR_FLOW|2026-03", "revision 3"));
                producer.commitTransaction();
            }
            assertThat(readCommitted(kgz.bootstrapServers(), OUTBOX, 3, Duration.ofSeconds(120)))
                    .as("after the restart; log " + pull.log())
                    .containsExactly("revision 1", "revision 2", "revision 3");
            assertThat(pull.restarts()).isEqualTo(1);
        }

        Map<String, Object> nosy = client(kaz.bootstrapServers(), kaz.kafkaSaslClientProperties(MIRROR_USER));
        nosy.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(nosy, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(RAW, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(RAW, 0)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .as("the receiver's MirrorMaker principal reading the sender's raw records")
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static List<String> readCommitted(String bootstrap, String topic, int expected, Duration timeout) {
        return read(bootstrap, topic, "read_committed", expected, timeout);
    }

    private static List<String> read(String bootstrap, String topic, String isolation, int expected, Duration timeout) {
        Map<String, Object> config = client(bootstrap, Map.of());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            // and a little longer, so that a record too many would show
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> values.add(r.value()));
        }
        return values;
    }

    private static AclBinding allow(String principal, String topic, AclOperation operation) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private static Map<String, Object> client(String bootstrap, Map<String, String> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put("bootstrap.servers", bootstrap);
        return config;
    }
}
