package org.migrex.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One stack for the whole class: what a service test relies on (transactions on a single node, the
 * Confluent API with BACKWARD compatibility, a broker outage that keeps the data), then close() leaving
 * no child process behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String TOPIC = "it.transactions";

    private LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        stack = LocalStack.builder().start();
    }

    @AfterAll
    void closeIfStillOpen() {
        if (stack != null) {
            stack.close();
        }
        http.close();
    }

    @Test
    @Order(1)
    void urlsPointAtLocalhost() {
        assertThat(stack.bootstrapServers()).matches("localhost:\\d+");
        assertThat(stack.registryBaseUrl()).matches("http://localhost:\\d+");
        assertThat(stack.registryConfluentUrl()).isEqualTo(stack.registryBaseUrl() + "/apis/ccompat/v7");
        assertThat(stack.processes()).hasSize(2);
    }

    @Test
    @Order(2)
    void readCommittedConsumerSeesOnlyCommittedTransactions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "k1", "committed-1"));
            producer.send(new ProducerRecord<>(TOPIC, "k2", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "k3", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "k4", "committed-3"));
            producer.commitTransaction();
        }
        assertThat(consumeAll("read_committed", 3)).containsExactly("committed-1", "committed-2", "committed-3");
        // the aborted record is in the log: a read_uncommitted consumer sees it
        assertThat(consumeAll("read_uncommitted", 4)).containsExactly("committed-1", "committed-2", "aborted", "committed-3");
    }

    @Test
    @Order(3)
    void registryRegistersFetchesAndRefusesBackwardIncompatibleSchema() throws Exception {
        String subject = "it.person-value";
        String v1 = "{\"type\":\"record\",\"name\":\"Person\",\"namespace\":\"it\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}";
        String v2Compatible = "{\"type\":\"record\",\"name\":\"Person\",\"namespace\":\"it\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},"
                + "{\"name\":\"age\",\"type\":[\"null\",\"int\"],\"default\":null}]}";
        String v2Incompatible = "{\"type\":\"record\",\"name\":\"Person\",\"namespace\":\"it\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},"
                + "{\"name\":\"age\",\"type\":\"int\"}]}";

        assertThat(get("/config").body()).contains("\"BACKWARD\"");

        HttpResponse<String> registered = post("/subjects/" + subject + "/versions", schemaRequest(v1));
        assertThat(registered.statusCode()).isEqualTo(200);
        long id = idOf(registered.body());

        HttpResponse<String> fetched = get("/schemas/ids/" + id);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).contains("Person").contains("name");

        HttpResponse<String> refused = post("/subjects/" + subject + "/versions", schemaRequest(v2Incompatible));
        assertThat(refused.statusCode()).isEqualTo(409);

        HttpResponse<String> accepted = post("/subjects/" + subject + "/versions", schemaRequest(v2Compatible));
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(idOf(accepted.body())).isNotEqualTo(id);
        assertThat(get("/subjects/" + subject + "/versions").body().replace(" ", "")).isEqualTo("[1,2]");
    }

    @Test
    @Order(4)
    void brokerRestartKeepsPortAndData() throws Exception {
        String bootstrap = stack.bootstrapServers();
        ProcessHandle before = stack.processes().stream()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("kafka.Kafka")).orElse(false))
                .findFirst().orElseThrow();

        stack.stopKafka();
        assertThat(before.isAlive()).isFalse();
        assertThat(FreePorts.isListening(Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1)))).isFalse();
        assertThat(stack.processes()).hasSize(1);

        stack.startKafka();
        assertThat(stack.bootstrapServers()).isEqualTo(bootstrap);
        assertThat(stack.processes()).hasSize(2);
        assertThat(consumeAll("read_committed", 3)).containsExactly("committed-1", "committed-2", "committed-3");
    }

    @Test
    @Order(5)
    void closeLeavesNoChildProcess() {
        List<ProcessHandle> children = new ArrayList<>(stack.processes());
        assertThat(children).hasSize(2);
        var workDir = stack.workDir();

        stack.close();

        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(stack.processes()).isEmpty();
        assertThat(ProcessHandle.current().children()).noneMatch(p -> children.stream().anyMatch(c -> c.pid() == p.pid()));
        assertThat(workDir).doesNotExist();
    }

    private List<String> consumeAll(String isolationLevel, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + isolationLevel + "-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(Set.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            // one more poll: nothing beyond the expected records may arrive
            consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
        }
        return values;
    }

    private Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-tx");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    private static String schemaRequest(String schema) {
        return "{\"schema\":\"" + schema.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static long idOf(String body) {
        Matcher matcher = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(body);
        assertThat(matcher.find()).as("id in %s", body).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.registryConfluentUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.registryConfluentUrl() + path))
                        .header("Content-Type", CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
