package org.migrex.exchange.receiving;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import java.util.function.BiConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.migrex.exchange.streams.ExchangeStreamsConfiguration;
import org.migrex.exchange.streams.QueryableStores;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.schema.DeliveryReceipt;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.MigrationAggregate;
import org.springframework.context.annotation.Import;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.Topic;
import org.migrex.schema.Topics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the receiving side: the partners' keys (read from {@code migrex.exchange.partners.<CC>.public-key} and
 * {@code .key-id}, the same properties the sending side uses for delivery; a partner without them is only a delivery
 * target and its datasets are refused), the verifier, the {@code receipt} function the Kafka Streams binder runs, and
 * the inbox store and own aggregates over its state stores. An unreadable key file stops the start with the property's name.
 */
@Configuration(proxyBeanMethods = false)
@Import(ExchangeStreamsConfiguration.class)
@EnableConfigurationProperties(ReceivingProperties.class)
public class ReceivingConfiguration {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReceivingConfiguration.class);

    @Bean
    PartnerKeys inboxPartnerKeys(ReceivingProperties properties) {
        Map<String, ReceivingProperties.Partner> entries = properties.partners();
        Map<String, PartnerKeys.PartnerKey> keys = new HashMap<>();
        entries.forEach((country, entry) -> {
            String cc = country.toUpperCase(Locale.ROOT);
            if (entry.publicKey() == null || entry.publicKey().toString().isBlank()
                    || entry.keyId() == null || entry.keyId().isBlank()) {
                log.warn("partner {} has no public-key or key-id (migrex.exchange.partners.{}.public-key / .key-id):"
                        + " datasets from it will be refused as UNKNOWN_SENDER", cc, country);
                return;
            }
            try {
                keys.put(cc, new PartnerKeys.PartnerKey(entry.keyId(), Ed25519Keys.readPublic(entry.publicKey())));
            } catch (RuntimeException e) {
                throw new IllegalStateException("migrex.exchange.partners." + country + ".public-key: " + e.getMessage(), e);
            }
        });
        return new PartnerKeys(keys);
    }

    /**
     * Per pulling partner, one partition each: the copy of its outbox for this node ({@code <partner>.exchange.outbox
     * .<cc>}), this node's receipts for it ({@code <cc>.exchange.receipts.<partner>}) and the copy of its receipts.
     */
    @Bean
    org.migrex.node.ExtraTopics pulledOutboxCopies(Topics topics, ReceivingProperties properties) {
        return replicationFactor -> properties.pullPartners().stream()
                .flatMap(partner -> java.util.stream.Stream.of(Topics.forNode(partner).outboxFor(topics.nodeCode()),
                        topics.receiptsFor(partner), Topics.forNode(partner).receiptsFor(topics.nodeCode())))
                .map(topic -> topic.newTopic(1, replicationFactor))
                .toList();
    }

    /**
     * The serdes for what a pulling partner's MirrorMaker copied here: bound to the partner's registry, whose schema ids
     * the copied bytes carry, or to this node's when the partner names none (one shared registry).
     */
    private static AvroSerdeFactory partnerRegistry(AvroSerdeFactory own, ReceivingProperties properties,
            String partner) {
        String registry = properties.partners().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(partner))
                .map(e -> e.getValue().registryUrl()).filter(java.util.Objects::nonNull).findFirst().orElse("");
        return registry.isBlank() ? own : own.forRegistry(registry);
    }

    @Bean
    InboxStore inboxStore(QueryableStores stores) {
        return new InboxStore(stores);
    }

    @Bean
    InboxVerifier inboxVerifier(Topics topics, PartnerKeys partnerKeys) {
        return new InboxVerifier(topics.nodeCode(), partnerKeys);
    }

    @Bean
    DatasetValidator datasetValidator(ReceivingProperties properties) {
        return new DatasetValidator(properties.inbox().maxObservations());
    }

    @Bean
    OwnAggregates ownAggregates(QueryableStores stores) {
        return new OwnAggregates(stores);
    }

    /** The inbox to the verified store and its audit; the node's aggregates to the mirror's view. */
    @Bean
    BiConsumer<KStream<byte[], byte[]>, KTable<String, MigrationAggregate>> receipt(Topics topics,
            AvroSerdeFactory serdes, Serde<ExchangeDataset> datasetSerde, Serde<MigrationAggregate> aggregateSerde,
            InboxVerifier verifier, DatasetValidator validator, ObjectProvider<MeterRegistry> meters,
            ReceivingProperties properties, PartnerKeys partnerKeys) {
        Map<String, org.apache.kafka.common.serialization.Deserializer<ExchangeDataset>> pulled = new HashMap<>();
        for (String partner : properties.pullPartners()) {
            Topic<String, ExchangeDataset> copy = Topics.forNode(partner).outboxFor(topics.nodeCode());
            pulled.put(copy.name(), partnerRegistry(serdes, properties, partner).valueDeserializer(copy));
        }
        Serde<ExchangeDataset> inbound = org.apache.kafka.common.serialization.Serdes.serdeFrom(
                datasetSerde.serializer(), new InboundDatasets(datasetSerde.deserializer(), pulled));
        Map<String, org.apache.kafka.common.serialization.Deserializer<DeliveryReceipt>> receiptDecoders = new HashMap<>();
        for (String partner : properties.pullPartners()) {
            Topic<String, DeliveryReceipt> copy = Topics.forNode(partner).receiptsFor(topics.nodeCode());
            receiptDecoders.put(partner, partnerRegistry(serdes, properties, partner).valueDeserializer(copy));
        }
        ReceivingProperties.Signing signing = properties.signing();
        Acknowledgements.Signer signer = signing == null || signing.keyId() == null || signing.privateKey() == null
                ? null : new Acknowledgements.Signer(signing.keyId(), Ed25519Keys.readPrivate(signing.privateKey()));
        Acknowledgements acknowledgements = new Acknowledgements(topics, Set.copyOf(properties.pullPartners()),
                signer, partnerKeys, receiptDecoders);
        return new Receipt(topics, new Receipt.Serdes3(inbound, serdes.valueSerde(topics.inboxAudit()),
                aggregateSerde), verifier, validator, meters.getIfAvailable(SimpleMeterRegistry::new), Clock.systemUTC(),
                acknowledgements, serdes.valueSerde(topics.receiptsFor(topics.nodeCode())));
    }
}
