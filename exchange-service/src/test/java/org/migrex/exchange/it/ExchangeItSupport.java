package org.migrex.exchange.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.migrex.localstack.LocalStack;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroDeserializer;

/** What the two-node exchange ITs do alike: ask the receiver over HTTP Basic, read topics, wait for an audit record. */
final class ExchangeItSupport {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ExchangeItSupport() {
    }

    /** GET {@code path} on {@code localhost:port} as {@code user}, with {@code accept} unless null. */
    static HttpResponse<String> get(int port, String path, String user, String password, String accept)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A read_committed consumer of its own new group, from the earliest offset. */
    static Map<String, Object> consumerConfig(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    /** The receiver's inbox audit record of {@code datasetId}, within 30 s. */
    static DeliveryAuditRecord awaitInboxAudit(LocalStack stack, Topics receiver, String datasetId) {
        var audit = new ConfluentAvroDeserializer<DeliveryAuditRecord>();
        audit.configure(Map.of("schema.registry.url", stack.registryConfluentUrl(), "auto.register.schemas", true),
                false);
        try (var consumer = new KafkaConsumer<>(consumerConfig(stack.bootstrapServers()), new StringDeserializer(),
                audit)) {
            consumer.subscribe(List.of(receiver.inboxAudit().name()));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, DeliveryAuditRecord> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value().getDatasetId().equals(datasetId)) {
                        return r.value();
                    }
                }
            }
        }
        throw new AssertionError("no inbox audit record for " + datasetId + " within 30 s");
    }
}
