package org.migrex.exchange.sending;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.KStream;
import org.migrex.exchange.sending.agreement.AgreementLoader;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.exchange.sending.Aggregation;
import org.migrex.exchange.streams.ExchangeStreamsProperties;
import org.migrex.exchange.sending.DatasetSigner;
import org.migrex.exchange.sending.Delivery;
import org.migrex.exchange.sending.ExchangeMetrics;
import org.migrex.exchange.sending.Forwarding;
import org.migrex.exchange.sending.KafkaRemoteInboxes;
import org.migrex.exchange.streams.ExchangeStreamsConfiguration;
import org.migrex.node.MigrexNodeProperties;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.IntakeQualityDelta;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.RevisionRequest;
import org.migrex.schema.Topics;
import org.migrex.node.AvroSerdeFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Wiring of the sending side: agreements, signing key, and the functions {@code aggregation}, {@code remittances},
 * {@code delivery} and
 * {@code forwarding} that the Kafka Streams binder runs (bindings: {@code ExchangeBindings}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExchangeProperties.class)
@Import(ExchangeStreamsConfiguration.class)
public class SendingConfiguration {

    /** The node's agreements, validated at start: a bad file stops the service naming the file, agreement and key. */
    @Bean
    List<ExchangeAgreement> exchangeAgreements(ExchangeProperties exchange, MigrexNodeProperties node) {
        return AgreementLoader.load(exchange.agreementsDir(), node.node().country());
    }

    @Bean
    DatasetSigner datasetSigner(ExchangeProperties exchange) {
        return new DatasetSigner(exchange.signing().keyId(), Ed25519Keys.readPrivate(exchange.signing().privateKey()));
    }

    @Bean(destroyMethod = "close")
    KafkaRemoteInboxes remoteInboxes(MigrexNodeProperties node, ExchangeProperties exchange) {
        return new KafkaRemoteInboxes(node.node().country(), node.kafka().bootstrapServers(), node.registry().url(),
                node.registry().autoRegister(), exchange);
    }

    @Bean
    ExchangeMetrics exchangeMetrics(MeterRegistry registry) {
        return new ExchangeMetrics(registry);
    }

    /** Harmonized events and intake quality deltas to cube cells on {@code <cc>.aggregates}. */
    @Bean
    BiConsumer<KStream<String, HarmonizedMigrationEvent>, KStream<String, IntakeQualityDelta>> aggregation(Topics topics,
            Serde<MigrationAggregate> aggregateSerde, ExchangeStreamsProperties streams, ExchangeProperties exchange,
            List<ExchangeAgreement> exchangeAgreements) {
        return new Aggregation(topics, aggregateSerde, streams.commitInterval(), exchange.stock(), exchangeAgreements);
    }

    /** Accepted remittance rows to REMITTANCES cells on {@code <cc>.aggregates} (docs/remittances.md). */
    @Bean
    Consumer<KStream<String, org.migrex.schema.RemittanceRecord>> remittances(Topics topics,
            Serde<MigrationAggregate> aggregateSerde) {
        return new RemittanceAggregation(topics, aggregateSerde);
    }

    /**
     * Cube cells to signed datasets per agreement, on topics of this node's cluster; operators' revision requests to
     * revisions of FINAL datasets.
     */
    @Bean
    BiConsumer<KStream<String, MigrationAggregate>, KStream<String, RevisionRequest>> delivery(Topics topics,
            List<ExchangeAgreement> exchangeAgreements,
            ExchangeProperties exchange, DatasetSigner signer, ExchangeMetrics metrics,
            AvroSerdeFactory serdes, Serde<ExchangeDataset> datasetSerde, MigrexNodeProperties node) {
        Serde<DeliveryAuditRecord> audit = serdes.valueSerde(topics.exchangeAudit());
        return new Delivery(topics, exchangeAgreements, new Delivery.Serdes2(datasetSerde, audit), signer,
                partner -> DeliveryRoute.of(partner, exchange, node.kafka().bootstrapServers()), metrics,
                exchange.scheduleInterval());
    }

    /** The outbox of each receiver that pulls ({@code <cc>.exchange.outbox.<partner>}), one partition. */
    @Bean
    org.migrex.node.ExtraTopics pullOutboxes(Topics topics, ExchangeProperties exchange) {
        return replicationFactor -> exchange.pullPartners().stream()
                .map(partner -> topics.outboxFor(partner).newTopic(1, replicationFactor)).toList();
    }

    /** Operators' revision requests onto {@code <cc>.exchange.revision-requests}, for the REST API. */
    @Bean(destroyMethod = "close")
    RevisionRequests revisionRequests(Topics topics, MigrexNodeProperties node, AvroSerdeFactory serdes) {
        return RevisionRequests.create(topics, node, serdes.valueSerializer(topics.revisionRequests()));
    }

    /** The outbox to partners' own clusters, off the delivery's stream thread. */
    @Bean
    Consumer<KStream<String, ExchangeDataset>> forwarding(KafkaRemoteInboxes remote, ExchangeMetrics metrics) {
        return new Forwarding(remote, metrics);
    }
}
