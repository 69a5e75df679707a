package org.migrex.harmonization.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.KStream;
import org.migrex.harmonization.reference.ReferenceDataLoader;
import org.migrex.harmonization.rules.Harmonizer;
import org.migrex.harmonization.stream.HarmonizationMetrics;
import org.migrex.harmonization.stream.HarmonizationTopology;
import org.migrex.harmonization.stream.NodeSerdes;
import org.migrex.harmonization.stream.QuarantineReplay;
import org.migrex.harmonization.stream.ReferenceDataHolder;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.node.MigrexNodeProperties;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

import java.time.Clock;
import java.util.function.Function;

/**
 * Wiring of the harmonization stream: the {@code harmonize} function on the Spring Cloud Stream Kafka Streams binder
 * (bindings named in application.yml and by {@link HarmonizationBindingsEnvironmentPostProcessor}), its serdes
 * (node-common's Confluent-wire Avro serde, found by the binder through their types) and the plain domain objects it
 * calls.
 */
@Configuration(proxyBeanMethods = false)
public class HarmonizationConfiguration {
    private static final Logger log = LoggerFactory.getLogger(HarmonizationConfiguration.class);

    @Bean
    Clock harmonizationClock() {
        return Clock.systemUTC();
    }

    @Bean
    ReferenceDataHolder referenceDataHolder(HarmonizationProperties properties) {
        return new ReferenceDataHolder(new ReferenceDataLoader(properties.referenceDataDir()));
    }

    @Bean
    Harmonizer harmonizer(MigrexNodeProperties node, Clock clock) {
        return new Harmonizer(node.node().country(), clock);
    }

    @Bean
    HarmonizationMetrics harmonizationMetrics(MeterRegistry registry) {
        return new HarmonizationMetrics(registry);
    }

    @Bean
    QuarantineReplay quarantineReplay() {
        return new QuarantineReplay();
    }

    /** Inbound values of {@code harmonize-in-0}. */
    @Bean
    Serde<RawMigrationRecord> rawRecordSerde(AvroSerdeFactory serdes, Topics topics, HarmonizationMetrics metrics) {
        return NodeSerdes.rawRecords(serdes, topics, metrics);
    }

    /** Outbound values of {@code harmonize-out-0} and {@code harmonize-out-1}. */
    @Bean
    Serde<SpecificRecord> harmonizationOutputSerde(AvroSerdeFactory serdes) {
        return NodeSerdes.outputs(serdes);
    }

    @Bean
    Function<KStream<String, RawMigrationRecord>, KStream<String, SpecificRecord>[]> harmonize(
            Harmonizer harmonizer, ReferenceDataHolder reference, Clock clock, HarmonizationMetrics metrics,
            QuarantineReplay replay, AvroSerdeFactory serdes, Topics topics, HarmonizationProperties properties) {
        return new HarmonizationTopology(harmonizer, reference::current, clock, metrics, replay,
                NodeSerdes.quarantineStore(serdes, topics), properties.replayBatchSize(),
                properties.replayCheckInterval());
    }

    /**
     * A stream thread that dies of an error its records did not cause (the registry unreachable while writing, a
     * broker timeout) is replaced: it resumes from the last committed transaction, so nothing is lost or doubled.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer harmonizationStreamsConfigurer() {
        return factory -> factory.setStreamsUncaughtExceptionHandler(e -> {
            log.error("harmonization stream thread failed; replacing it, it resumes from the last commit", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    @Bean("harmonization")
    HarmonizationStreamHealth harmonizationHealth(KafkaStreamsRegistry registry, QuarantineReplay replay) {
        return new HarmonizationStreamHealth(registry, replay);
    }
}
