package org.migrex.exchange.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.migrex.exchange.agreement.AgreementLoader;
import org.migrex.exchange.agreement.ExchangeAgreement;
import org.migrex.exchange.delivery.DatasetSigner;
import org.migrex.exchange.delivery.ExchangeMetrics;
import org.migrex.exchange.delivery.ExchangeStreams;
import org.migrex.exchange.delivery.ExchangeTopology;
import org.migrex.exchange.delivery.KafkaRemoteInboxes;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.node.MigrexNodeProperties;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.Topics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the sending side: agreements, signing key, the exchange topology and its delivery targets. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExchangeProperties.class)
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

    @Bean
    ExchangeStreams exchangeStreams(MigrexNodeProperties node, ExchangeProperties exchange, Topics topics,
            AvroSerdeFactory serdes, List<ExchangeAgreement> exchangeAgreements, DatasetSigner signer,
            KafkaRemoteInboxes remote, ExchangeMetrics metrics) {
        String stateDir = exchange.stateDir() != null ? exchange.stateDir().toString()
                : Path.of(System.getProperty("java.io.tmpdir"), "migrex-" + topics.nodeCode().toLowerCase() + "-exchange")
                        .toString();
        var topicSerdes = new ExchangeTopology.Serdes4(serdes.valueSerde(topics.harmonizedEvents()),
                serdes.valueSerde(topics.aggregates()), serdes.valueSerde(topics.ownInbox()),
                serdes.valueSerde(topics.exchangeAudit()));
        return new ExchangeStreams(
                () -> ExchangeTopology.build(topics, exchangeAgreements, topicSerdes, signer, remote, metrics,
                        exchange.scheduleInterval()),
                ExchangeStreams.config(topics.nodeCode(), node.kafka().bootstrapServers(), stateDir,
                        exchange.commitInterval(), node.kafka().replicationFactor(),
                        topics.harmonizedEventsDeadLetter().name(), exchange.streams()));
    }
}
