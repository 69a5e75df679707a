package org.migrex.exchange.streams;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.node.MigrexNodeProperties;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.IntakeQualityDelta;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.RevisionRequest;
import org.migrex.schema.Topics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsRegistry;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every exchange function shares on the Kafka Streams binder: the Avro serdes the binder resolves by type
 * (native decoding and encoding, Confluent wire format, no message conversion), the settings each Kafka Streams
 * application gets, and the health indicator of all of them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExchangeStreamsProperties.class)
public class ExchangeStreamsConfiguration {

    /** Destinations, application ids and dead-letter topic of the functions' bindings, from {@code Topics}. */
    @Bean
    static ExchangeBindings exchangeBindings(org.springframework.core.env.Environment environment) {
        return new ExchangeBindings(environment);
    }

    @Bean
    Serde<HarmonizedMigrationEvent> harmonizedEventSerde(AvroSerdeFactory serdes, Topics topics) {
        return new PreconfiguredSerde<>(serdes.valueSerde(topics.harmonizedEvents()));
    }

    @Bean
    Serde<IntakeQualityDelta> intakeQualitySerde(AvroSerdeFactory serdes, Topics topics) {
        return new PreconfiguredSerde<>(serdes.valueSerde(topics.intakeQuality()));
    }

    @Bean
    Serde<org.migrex.schema.RemittanceRecord> remittanceSerde(AvroSerdeFactory serdes, Topics topics) {
        return new PreconfiguredSerde<>(serdes.valueSerde(topics.remittances()));
    }

    @Bean
    Serde<MigrationAggregate> aggregateSerde(AvroSerdeFactory serdes, Topics topics) {
        return new PreconfiguredSerde<>(serdes.valueSerde(topics.aggregates()));
    }

    @Bean
    Serde<RevisionRequest> revisionRequestSerde(AvroSerdeFactory serdes, Topics topics) {
        return new PreconfiguredSerde<>(serdes.valueSerde(topics.revisionRequests()));
    }

    @Bean
    Serde<ExchangeDataset> datasetSerde(AvroSerdeFactory serdes, Topics topics) {
        return new PreconfiguredSerde<>(serdes.valueSerde(topics.ownInbox()));
    }

    /**
     * Settings of every function's Kafka Streams: state folder, commit interval, replication of internal topics, the
     * {@code migrex.exchange.streams.*} overrides; the application id and processing guarantee come from the
     * bindings ({@link ExchangeBindings}) and are not overridable. A failing stream thread is replaced, so it starts
     * again from the last commit (under exactly-once nothing of the failed transaction is visible).
     */
    // primary: the binder takes the configurer only when it is unique, and other auto-configurations may add one
    @Bean
    @org.springframework.context.annotation.Primary
    StreamsBuilderFactoryBeanConfigurer exchangeStreamsConfigurer(ExchangeStreamsProperties properties,
            MigrexNodeProperties node, Topics topics, ObjectProvider<ExchangeStreamsHealth> health) {
        return factoryBean -> {
            Properties config = factoryBean.getStreamsConfiguration();
            Properties merged = new Properties();
            merged.putAll(properties.streams());
            if (config != null) {
                merged.putAll(withoutOverridable(config, properties));
            }
            merged.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, properties.stateDir() != null
                    ? properties.stateDir().toString()
                    : Path.of(System.getProperty("java.io.tmpdir"),
                            "migrex-" + topics.nodeCode().toLowerCase(java.util.Locale.ROOT) + "-exchange").toString());
            merged.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                    String.valueOf(properties.commitInterval().toMillis()));
            merged.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG,
                    String.valueOf(node.kafka().replicationFactor()));
            factoryBean.setStreamsConfiguration(merged);
            factoryBean.setStreamsUncaughtExceptionHandler(
                    e -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
            ExchangeStreamsHealth indicator = health.getIfAvailable();
            if (indicator != null) {
                factoryBean.setStateListener(indicator.listenerFor(
                        String.valueOf(merged.get(StreamsConfig.APPLICATION_ID_CONFIG))));
            }
        };
    }

    /**
     * The binder's settings minus those Migrex sets only when not overridden (the binder fills in its own defaults
     * for some of them, e.g. the commit interval, which must not win over {@code migrex.exchange.commit-interval}).
     */
    private static Properties withoutOverridable(Properties config, ExchangeStreamsProperties properties) {
        Properties copy = new Properties();
        copy.putAll(config);
        for (String key : new String[] {StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, StreamsConfig.STATE_DIR_CONFIG}) {
            if (!properties.streams().containsKey(key)) {
                copy.remove(key);
            }
        }
        properties.streams().forEach((key, value) -> {
            if (!key.equals(StreamsConfig.APPLICATION_ID_CONFIG)
                    && !key.equals(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)) {
                copy.put(key, value);
            }
        });
        return copy;
    }

    @Bean
    QueryableStores queryableStores(ObjectProvider<InteractiveQueryService> queries) {
        return new QueryableStores(queries);
    }

    /** Named so the readiness group can list it (application.yml). */
    @Bean("exchangeStreams")
    ExchangeStreamsHealth exchangeStreamsHealth(ObjectProvider<KafkaStreamsRegistry> registry) {
        return new ExchangeStreamsHealth(registry);
    }
}
