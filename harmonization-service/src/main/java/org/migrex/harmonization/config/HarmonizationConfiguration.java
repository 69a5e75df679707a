package org.migrex.harmonization.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.migrex.harmonization.reference.ReferenceDataLoader;
import org.migrex.harmonization.rules.Harmonizer;
import org.migrex.harmonization.stream.DeadLetters;
import org.migrex.harmonization.stream.HarmonizationMetrics;
import org.migrex.harmonization.stream.HarmonizationProcessor;
import org.migrex.harmonization.stream.HarmonizationRunner;
import org.migrex.harmonization.stream.NodeRecordSerializer;
import org.migrex.harmonization.stream.QuarantineReplayer;
import org.migrex.harmonization.stream.QuarantineView;
import org.migrex.harmonization.stream.QuarantineViewLoader;
import org.migrex.harmonization.stream.ReferenceDataHolder;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.node.MigrexNodeProperties;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.util.backoff.FixedBackOff;

import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Wiring of the harmonization stream: a transactional spring-kafka batch listener container on
 * {@code <cc>.raw.records} (group {@code migrex-<cc>-harmonization}, read_committed, offsets committed in the
 * producer's transaction, exactly_once_v2), the Confluent-wire Avro serde of node-common, and the quarantine view and
 * replay that share its producer factory.
 */
@Configuration(proxyBeanMethods = false)
public class HarmonizationConfiguration {

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
    QuarantineView quarantineView() {
        return new QuarantineView();
    }

    @Bean
    ProducerFactory<Object, Object> harmonizationProducerFactory(MigrexNodeProperties node,
                                                                 HarmonizationProperties properties,
                                                                 AvroSerdeFactory serdes) {
        Map<String, Object> config = new HashMap<>(serdes.serdeConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, node.kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        NodeRecordSerializer keys = new NodeRecordSerializer();
        keys.configure(serdes.serdeConfig(), true);
        NodeRecordSerializer values = new NodeRecordSerializer();
        values.configure(serdes.serdeConfig(), false);
        DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(config, keys, values);
        factory.setTransactionIdPrefix(transactionIdPrefix(node, properties));
        return factory;
    }

    @Bean
    KafkaTemplate<Object, Object> harmonizationTemplate(ProducerFactory<Object, Object> factory) {
        return new KafkaTemplate<>(factory);
    }

    @Bean
    KafkaTransactionManager<Object, Object> harmonizationTransactionManager(ProducerFactory<Object, Object> factory) {
        return new KafkaTransactionManager<>(factory);
    }

    @Bean
    DeadLetters deadLetters(Topics topics, HarmonizationMetrics metrics) {
        return new DeadLetters(topics, groupId(topics), metrics);
    }

    @Bean
    HarmonizationProcessor harmonizationProcessor(Topics topics, Harmonizer harmonizer, ReferenceDataHolder reference,
                                                  QuarantineView view, KafkaTemplate<Object, Object> template,
                                                  HarmonizationMetrics metrics, Clock clock, DeadLetters deadLetters) {
        return new HarmonizationProcessor(topics, harmonizer, reference, view, template, metrics, clock, deadLetters);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, RawMigrationRecord> rawRecordsContainer(
            MigrexNodeProperties node, HarmonizationProperties properties, Topics topics, AvroSerdeFactory serdes,
            KafkaTransactionManager<Object, Object> transactionManager, KafkaTemplate<Object, Object> template,
            HarmonizationProcessor processor, DeadLetters deadLetters) {
        Map<String, Object> config = new HashMap<>(serdes.serdeConfig());
        config.put(ConfluentAvroDeserializer.READER_TYPE, RawMigrationRecord.class);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, node.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(topics));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // every poll is one transaction (offsets included): with Kafka's default of 500 records a large upload paid
        // hundreds of commits, and the commits, not the rules, bounded the throughput (docs/performance.md)
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        var values = new ErrorHandlingDeserializer<>(serdes.valueDeserializer(topics.rawRecords()));
        var consumers = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), values);

        ContainerProperties containerProperties = new ContainerProperties(topics.rawRecords().name());
        containerProperties.setKafkaAwareTransactionManager(transactionManager);
        containerProperties.setEosMode(ContainerProperties.EOSMode.V2);
        containerProperties.setMessageListener(processor);
        var container = new ConcurrentMessageListenerContainer<>(consumers, containerProperties);
        container.setConcurrency(properties.concurrency());
        container.setAutoStartup(false); // HarmonizationRunner starts it once the quarantine view is loaded
        // a record that fails for another reason than its bytes (the registry down while writing, a bug) is retried
        // with its batch 5 times, 2 s apart, then dead-lettered (re-encoded as it was read) in a new transaction
        var serializer = new NodeRecordSerializer();
        serializer.configure(serdes.serdeConfig(), false);
        container.setAfterRollbackProcessor(new DefaultAfterRollbackProcessor<>(
                (record, exception) -> deadLetters.send(template, record,
                        serializer.serialize(topics.rawRecords().name(), record.value()),
                        exception.getCause() != null ? exception.getCause() : exception),
                new FixedBackOff(2000, 4), template, true));
        return container;
    }

    @Bean
    QuarantineViewLoader quarantineViewLoader(MigrexNodeProperties node, Topics topics, AvroSerdeFactory serdes) {
        return new QuarantineViewLoader(node.kafka().bootstrapServers(), topics, serdes);
    }

    @Bean
    HarmonizationRunner harmonization(QuarantineViewLoader loader, QuarantineView view,
                                      ConcurrentMessageListenerContainer<String, RawMigrationRecord> container) {
        return new HarmonizationRunner(loader, view, container);
    }

    @Bean
    QuarantineReplayer quarantineReplayer(Topics topics, Harmonizer harmonizer, ReferenceDataHolder reference,
                                          QuarantineView view, KafkaTemplate<Object, Object> template,
                                          HarmonizationMetrics metrics, Clock clock,
                                          HarmonizationProperties properties) {
        return new QuarantineReplayer(topics, harmonizer, reference, view, template, metrics, clock,
                properties.replayBatchSize());
    }

    static String groupId(Topics topics) {
        return "migrex-" + topics.nodeCode().toLowerCase(Locale.ROOT) + "-harmonization";
    }

    static String transactionIdPrefix(MigrexNodeProperties node, HarmonizationProperties properties) {
        if (properties.transactionIdPrefix() != null && !properties.transactionIdPrefix().isBlank()) {
            return properties.transactionIdPrefix();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return "migrex-" + node.node().country().toLowerCase(Locale.ROOT) + "-harmonization-" + host + "-";
    }
}
