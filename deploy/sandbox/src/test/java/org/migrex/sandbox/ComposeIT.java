package org.migrex.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.lifecycle.Startable;
import tools.jackson.databind.JsonNode;

/**
 * The {@link TwoNodeScenario} on the docker-compose deployment (two SCRAM clusters with deny-by-default ACLs from
 * NodeAcls, two registries, delivery by pull through each receiver's MirrorMaker 2 container), then checks that the
 * datasets went by pull (the copies of the outboxes and receipts hold records, the inboxes none) and that a partner's
 * principal is refused, by the broker, what NodeAcls does not grant it.
 * Needs a Docker engine (or Podman's Docker API, {@code DOCKER_HOST}) and the services' exec jars
 * ({@code ./mvnw package}); skipped without one. The same scenario runs without Docker in {@link SandboxIT}.
 *
 * <p>The compose files are docker-compose.yml, plus the override that the environment variable
 * {@code MIGREX_COMPOSE_OVERRIDE} names (a path relative to the repository root): {@code .ci/run} gives
 * docker-compose.local.yml, whose images are all built locally (docs/deployment.md). With {@code docker-compose}
 * (v1) on the PATH it runs that; else {@code docker compose} (v2).
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeIT {
    /** The services the scenario needs ready (their port 8080 is published by docker-compose.yml). */
    private static final List<String> SERVICES = List.of("ingestion-kaz", "harmonization-kaz", "exchange-kaz",
            "ingestion-kgz", "harmonization-kgz", "exchange-kgz");

    /**
     * Containers whose output the test log shows: those that run once before the services (docker-compose.yml:
     * service_completed_successfully) and the two MirrorMakers.
     */
    private static final List<String> LOGGED = List.of("keys-init", "setup-kaz", "setup-kgz", "mirror-kaz",
            "mirror-kgz");

    /** The host ports of the brokers' second listener (docker-compose.yml: kafka-secured.sh's EXTERNAL_PORT). */
    private static final int KAZ_KAFKA = 19192;
    private static final int KGZ_KAFKA = 19292;

    private static final Logger LOG = LoggerFactory.getLogger(ComposeIT.class);

    @Container
    private static final Startable COMPOSE = compose();

    @Test
    void twoClustersExchangeWhatTheirAgenciesUploaded() {
        TwoNodeScenario.run(url("ingestion-kaz"), url("exchange-kaz"), url("ingestion-kgz"), url("exchange-kgz"));

        // and the other way: KGZ's flow to KAZ (its 18 emigrants to KAZ), delivered by pull and verified by KAZ
        MigrexHttp kaz = MigrexHttp.sandboxUser("kaz-agency");
        JsonNode fromKgz = null;
        Instant until = Instant.now().plus(Duration.ofMinutes(2));
        while (fromKgz == null && Instant.now().isBefore(until)) {
            for (JsonNode dataset : kaz.getJson(url("exchange-kaz"), "/api/v1/inbox",
                    Map.of("sender", "KGZ", "period", TwoNodeScenario.PERIOD))) {
                if ("KGZ-KAZ-MIGR_FLOW".equals(dataset.path("agreementId").asString())) {
                    fromKgz = dataset;
                }
            }
            Sandbox.sleep(Duration.ofSeconds(1));
        }
        assertThat(fromKgz).as("KGZ's MIGR_FLOW of " + TwoNodeScenario.PERIOD + " in KAZ's verified store").isNotNull();
        assertThat(fromKgz.path("receiver").asString()).isEqualTo("KAZ");

        // delivered by pull: each cluster holds the copy of the partner's outbox for it (written by its own
        // MirrorMaker) and of the partner's receipts for its own datasets, and nothing was written to either inbox,
        // which only a push from the partner's exchange would fill
        Map<String, Long> atKgz = awaitEndOffsets(KGZ_KAFKA, password("MIGREX_KGZ_KAFKA_ADMIN_PASSWORD",
                "kgz-admin-compose-change-me"), List.of("kaz.exchange.outbox.kgz", "kgz.exchange.receipts.kaz"),
                List.of("exchange.KGZ.inbox"));
        assertThat(atKgz.get("exchange.KGZ.inbox")).as("KGZ's inbox: no partner writes there").isZero();
        Map<String, Long> atKaz = awaitEndOffsets(KAZ_KAFKA, password("MIGREX_KAZ_KAFKA_ADMIN_PASSWORD",
                "kaz-admin-compose-change-me"), List.of("kgz.exchange.outbox.kaz", "kaz.exchange.receipts.kgz"),
                List.of("exchange.KAZ.inbox"));
        assertThat(atKaz.get("exchange.KAZ.inbox")).as("KAZ's inbox: no partner writes there").isZero();
    }

    /**
     * The end offsets (read_committed) of {@code filled} and {@code others} on a cluster, as its admin, once every
     * topic of {@code filled} holds a record (2 minutes at most; the receipts come back after the datasets).
     */
    private static Map<String, Long> awaitEndOffsets(int port, String adminPassword, List<String> filled,
                                                     List<String> others) {
        List<String> all = new ArrayList<>(filled);
        all.addAll(others);
        Instant until = Instant.now().plus(Duration.ofMinutes(2));
        Map<String, Long> offsets = endOffsets(port, "admin", adminPassword, all);
        while (filled.stream().anyMatch(t -> offsets.getOrDefault(t, 0L) == 0) && Instant.now().isBefore(until)) {
            Sandbox.sleep(Duration.ofSeconds(2));
            offsets.putAll(endOffsets(port, "admin", adminPassword, all));
        }
        for (String topic : filled) {
            assertThat(offsets.get(topic)).as(topic + " on the cluster at port " + port).isPositive();
        }
        return offsets;
    }

    /**
     * Each broker refuses a partner what NodeAcls does not grant it, with real clients on the brokers' published
     * listeners: KGZ's MirrorMaker principal on KAZ's cluster reads the outbox kept for KGZ, but neither KAZ's raw
     * records nor may it write to that outbox or join a group of KAZ's; KAZ's exchange is not even a user of KGZ's
     * cluster.
     */
    @Test
    void aPartnerIsRefusedWhatIsNotKeptForIt() {
        String mirrorAtKaz = password("MIGREX_KGZ_MIRROR_AT_KAZ_PASSWORD", "kgz-mirror-at-kaz-compose-change-me");
        Map<String, Object> mirror = client(KAZ_KAFKA, "kgz-mirror", mirrorAtKaz);
        mirror.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        mirror.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(mirror)) {
            // the control: authenticated, and allowed the one topic kept for KGZ
            assertThat(consumer.partitionsFor("kaz.exchange.outbox.kgz", Duration.ofSeconds(30))).hasSize(1);
            consumer.assign(List.of(new TopicPartition("kaz.raw.records", 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThatThrownBy(() -> {
                Instant until = Instant.now().plusSeconds(30);
                while (Instant.now().isBefore(until)) {
                    consumer.poll(Duration.ofSeconds(1));
                }
            }).as("KGZ's MirrorMaker reading KAZ's person-level records")
                    .isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining("kaz.raw.records");
        }
        // nor may it join a group of KAZ's, even to read the topic it may read
        mirror.put(ConsumerConfig.GROUP_ID_CONFIG, "migrex-kaz-exchange-receipt");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(mirror)) {
            consumer.subscribe(List.of("kaz.exchange.outbox.kgz"));
            assertThatThrownBy(() -> {
                Instant until = Instant.now().plusSeconds(30);
                while (Instant.now().isBefore(until)) {
                    consumer.poll(Duration.ofSeconds(1));
                }
            }).as("KGZ's MirrorMaker joining a consumer group of KAZ's exchange")
                    .isInstanceOf(GroupAuthorizationException.class);
        }
        Map<String, Object> producerConfig = client(KAZ_KAFKA, "kgz-mirror", mirrorAtKaz);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        // not idempotent: an idempotent producer first asks for a producer id, which a principal without any write
        // right is refused at cluster level (ClusterAuthorizationException) before the topic is even named
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("kaz.exchange.outbox.kgz", new byte[] {1}))
                    .get(30, TimeUnit.SECONDS)).as("KGZ's MirrorMaker writing KAZ's outbox")
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        Map<String, Object> exchangeAtKgz = client(KGZ_KAFKA, "kaz-exchange", password(
                "MIGREX_KAZ_EXCHANGE_KAFKA_PASSWORD", "kaz-exchange-compose-change-me"));
        try (Admin admin = Admin.create(exchangeAtKgz)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                    .as("KAZ's exchange on KGZ's cluster").hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static Map<String, Long> endOffsets(int port, String user, String password, List<String> topics) {
        Map<String, Object> config = client(port, user, password);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            Map<String, Long> offsets = new java.util.TreeMap<>();
            consumer.endOffsets(topics.stream().map(t -> new TopicPartition(t, 0)).toList(), Duration.ofSeconds(30))
                    .forEach((partition, offset) -> offsets.put(partition.topic(), offset));
            return offsets;
        }
    }

    /** SCRAM over SASL_PLAINTEXT to a broker's published listener, as docker-compose.yml configures it. */
    private static Map<String, Object> client(int port, String user, String password) {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, engineHost() + ":" + port);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"" + user + "\" password=\"" + password + "\";");
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return config;
    }

    /** A password docker-compose.yml reads from the environment, with its default there. */
    private static String password(String variable, String composeDefault) {
        String value = System.getenv(variable);
        return value == null || value.isEmpty() ? composeDefault : value;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Startable compose() {
        File root = SandboxIT.repositoryRoot().toFile();
        List<File> files = new ArrayList<>(List.of(new File(root, "docker-compose.yml")));
        String override = System.getenv("MIGREX_COMPOSE_OVERRIDE");
        if (override != null && !override.isBlank()) {
            File file = new File(root, override);
            if (!file.isFile()) {
                throw new IllegalStateException("MIGREX_COMPOSE_OVERRIDE names " + file + ", which is not a file; "
                        + "expected a compose file relative to the repository root, e.g. docker-compose.local.yml");
            }
            files.add(file);
        }
        // a local override builds every image here: nothing to pull. No withExposedService: that starts Testcontainers'
        // ambassador container, which Podman refuses ("link is not supported"); the services' ports that
        // docker-compose.yml publishes are used instead (url below), and readiness is polled over HTTP (awaitReady).
        boolean pull = files.size() == 1;
        if (onPath("docker-compose")) {
            DockerComposeContainer compose = new DockerComposeContainer(files).withBuild(true).withPull(pull);
            // the one-shot containers' output, so that a failed cluster setup or key generation says why here, and
            // the MirrorMakers'

            for (String logged : LOGGED) {
                compose.withLogConsumer(logged, new Slf4jLogConsumer(LOG).withPrefix(logged));
            }
            return compose;
        }
        ComposeContainer compose = new ComposeContainer(files).withBuild(true).withPull(pull);
        for (String logged : LOGGED) {
            compose.withLogConsumer(logged, new Slf4jLogConsumer(LOG).withPrefix(logged));
        }
        return compose;
    }

    @BeforeAll
    static void awaitReady() throws InterruptedException {
        // six Spring Boot services, two brokers and two registries start at once: minutes on a 2-core CI machine
        Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (String service : SERVICES) {
            URI readiness = url(service).resolve("/actuator/health/readiness");
            String last = "no answer";
            while (true) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(readiness)
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        break;
                    }
                    last = "HTTP " + response.statusCode() + " " + response.body();
                } catch (IOException e) {
                    last = e.toString();
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(service + " was not ready in 8 minutes at " + readiness + ": " + last);
                }
                Thread.sleep(1000);
            }
        }
    }

    private static URI url(String service) {
        Optional<ContainerState> container = COMPOSE instanceof DockerComposeContainer<?> v1
                ? v1.getContainerByServiceName(service)
                : ((ComposeContainer) COMPOSE).getContainerByServiceName(service);
        ContainerState state = container.orElseThrow(() -> new IllegalStateException("no container of " + service));
        // the port docker-compose.yml publishes for the container's 8080 (the compose target's getMappedPort knows only
        // ports given to withExposedService)
        Ports.Binding[] bindings = state.getContainerInfo().getNetworkSettings().getPorts().getBindings()
                .get(ExposedPort.tcp(8080));
        if (bindings == null || bindings.length == 0) {
            throw new IllegalStateException(service + " publishes no host port for 8080 (docker-compose.yml: ports)");
        }
        return URI.create("http://" + engineHost() + ":" + bindings[0].getHostPortSpec());
    }

    /**
     * Where the published ports are: the engine's host for a {@code tcp://} DOCKER_HOST, else this machine. Not
     * Testcontainers' host, which inside a CI container is the gateway of Podman's default network (10.88.0.1), where
     * the ports published on 0.0.0.0 of this machine are not reached.
     */
    private static String engineHost() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && dockerHost.startsWith("tcp://")) {
            return URI.create(dockerHost).getHost();
        }
        return "localhost";
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
