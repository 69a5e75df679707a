package org.migrex.exchange.sending;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.migrex.exchange.sending.ExchangeProperties;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroSerializer;

/**
 * Transactional producers to partners' own clusters, one per remote partner
 * ({@code migrex.exchange.partners.<CC>.bootstrap-servers} other than the node's cluster). Each delivery is one
 * transaction on the partner's cluster; it cannot share the node's Kafka Streams transaction, so a crash between the
 * two commits re-delivers the same revision after restart (receivers keep the newest revision per key).
 */
public final class KafkaRemoteInboxes implements RemoteInboxes, AutoCloseable {
    private final String node;
    private final String ownBootstrapServers;
    private final String ownRegistryUrl;
    private final boolean autoRegister;
    private final ExchangeProperties properties;
    private final Map<String, KafkaProducer<String, ExchangeDataset>> producers = new ConcurrentHashMap<>();

    public KafkaRemoteInboxes(String node, String ownBootstrapServers, String ownRegistryUrl, boolean autoRegister,
            ExchangeProperties properties) {
        this.node = node;
        this.ownBootstrapServers = ownBootstrapServers;
        this.ownRegistryUrl = ownRegistryUrl;
        this.autoRegister = autoRegister;
        this.properties = properties;
    }

    @Override
    public boolean isRemote(String partner) {
        return properties.partner(partner).remote(ownBootstrapServers);
    }

    @Override
    public void deliver(String partner, String key, ExchangeDataset dataset) throws Exception {
        KafkaProducer<String, ExchangeDataset> producer = producers.computeIfAbsent(partner, this::producer);
        try {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.inbox(partner).name(), key, dataset)).get(30, TimeUnit.SECONDS);
            producer.commitTransaction();
        } catch (Exception e) {
            // a fenced or broken producer is replaced on the next attempt
            producers.remove(partner);
            producer.close(Duration.ofSeconds(5));
            throw e;
        }
    }

    private KafkaProducer<String, ExchangeDataset> producer(String partner) {
        ExchangeProperties.Partner settings = properties.partner(partner);
        Map<String, Object> config = new HashMap<>(settings.properties() == null ? Map.of() : settings.properties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "migrex-" + node.toLowerCase() + "-exchange-to-" + partner);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        Map<String, Object> serde = new HashMap<>();
        serde.put("schema.registry.url", settings.registryUrl() == null || settings.registryUrl().isBlank()
                ? ownRegistryUrl : settings.registryUrl());
        serde.put("auto.register.schemas", autoRegister);
        ConfluentAvroSerializer<ExchangeDataset> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(serde, false);
        KafkaProducer<String, ExchangeDataset> producer = new KafkaProducer<>(config, new StringSerializer(),
                serializer);
        producer.initTransactions();
        return producer;
    }

    @Override
    public void close() {
        producers.values().forEach(p -> p.close(Duration.ofSeconds(5)));
        producers.clear();
    }
}
