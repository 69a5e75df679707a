package org.migrex.ingestion;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.migrex.ingestion.kafka.LowestFreeSuffix;
import org.migrex.ingestion.kafka.RawRecordPublisher;
import org.migrex.ingestion.kafka.TopicRoutingSerializer;
import org.migrex.ingestion.profile.ProfileCatalog;
import org.migrex.ingestion.record.PseudonymSecretPolicy;
import org.migrex.ingestion.record.Pseudonymizer;
import org.migrex.ingestion.web.UploadService;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.node.MigrexNodeProperties;
import org.migrex.schema.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Wiring: profiles and sources, the pseudonymizer, the transactional producer of raw records, the upload service. */
@Configuration(proxyBeanMethods = false)
class IngestionConfiguration {
    private static final Logger log = LoggerFactory.getLogger(IngestionConfiguration.class);

    /**
     * A client that sends {@code Expect: 100-continue} (curl does for bodies over 1 MB) is told to go on only when the
     * upload is read, i.e. after role, owner, type and declared size are checked: a refused upload is answered before
     * its body is sent. Tomcat's default answers 100 at once, so the body came anyway.
     */
    @Bean
    TomcatConnectorCustomizer continueWhenTheBodyIsRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }

    @Bean
    ProfileCatalog profileCatalog(IngestionProperties properties) {
        ProfileCatalog catalog = ProfileCatalog.load(properties.profilesDir());
        log.info("profiles: {}", catalog.all().keySet());
        return catalog;
    }

    @Bean
    Sources sources(IngestionProperties properties, ProfileCatalog profiles) {
        Sources sources = new Sources(properties.sources(), profiles);
        sources.all().values().forEach(s -> log.info("source {}: profile {} v{}, owner {}", s.id(), s.profile().id(),
                s.profile().version(), s.owner()));
        return sources;
    }

    /** Under profile {@code prod}, a published or weak pseudonym secret stops start-up (see PseudonymSecretPolicy). */
    @Bean
    Pseudonymizer pseudonymizer(IngestionProperties properties, org.springframework.core.env.Environment environment) {
        if (environment.matchesProfiles("prod")) {
            PseudonymSecretPolicy.withPublishedSecrets().weakness(properties.pseudonymSecret()).ifPresent(why -> {
                throw new IllegalStateException("migrex.ingestion.pseudonym-secret (MIGREX_INGESTION_PSEUDONYM_SECRET) "
                        + why + "; profile prod needs a secret of its own with at least "
                        + PseudonymSecretPolicy.MIN_BITS + " random bits, e.g. the output of `openssl rand -hex 32`");
            });
        }
        return new Pseudonymizer(properties.pseudonymSecret(), properties.pseudonymKeyVersion());
    }

    /**
     * Idempotent transactional producer, acks=all; transactional ids {@code migrex-<cc>-ingestion-<instance>-<n>}, one
     * per concurrent upload, the lowest free {@code n} first (see {@link LowestFreeSuffix}). Timeouts are short so that an unavailable cluster is reported (503) within seconds.
     */
    @Bean
    DefaultKafkaProducerFactory<String, SpecificRecord> rawRecordProducerFactory(MigrexNodeProperties node,
            IngestionProperties properties, AvroSerdeFactory serdes, Topics topics) {
        IngestionProperties.Kafka kafka = properties.kafka();
        // the serde settings travel in the producer config too, since the factory configures the serializer with it
        Map<String, Object> config = new HashMap<>(serdes.serdeConfig());
        config.putAll(node.kafka().security().clientProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, node.kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) kafka.maxBlock().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) kafka.requestTimeout().toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) kafka.deliveryTimeout().toMillis());
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) kafka.transactionTimeout().toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) kafka.linger().toMillis());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, (int) kafka.batchSize().toBytes());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, kafka.compression());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "migrex-" + topics.nodeCode().toLowerCase(Locale.ROOT) + "-ingestion");
        // the raw records and MIGR_QUALITY's intake counters of an upload commit in one transaction
        DefaultKafkaProducerFactory<String, SpecificRecord> factory = new DefaultKafkaProducerFactory<>(config,
                StringSerializer::new, () -> new TopicRoutingSerializer(Map.of(
                        topics.rawRecords().name(), serdes.valueSerializer(topics.rawRecords()),
                        topics.intakeQuality().name(), serdes.valueSerializer(topics.intakeQuality()),
                        topics.remittances().name(), serdes.valueSerializer(topics.remittances()))));
        String instance = properties.instanceId() == null || properties.instanceId().isBlank()
                ? UUID.randomUUID().toString() : properties.instanceId().strip();
        factory.setTransactionIdPrefix(topics.ingestionTransactionalIdPrefix() + instance + "-");
        factory.setTransactionIdSuffixStrategy(new LowestFreeSuffix(properties.maxConcurrentUploads()));
        factory.setPhysicalCloseTimeout((int) Math.max(1, kafka.maxBlock().toSeconds()));
        return factory;
    }

    @Bean
    KafkaTemplate<String, SpecificRecord> rawRecordTemplate(
            DefaultKafkaProducerFactory<String, SpecificRecord> rawRecordProducerFactory) {
        KafkaTemplate<String, SpecificRecord> template = new KafkaTemplate<>(rawRecordProducerFactory);
        template.setMicrometerEnabled(false);
        return template;
    }

    @Bean
    RawRecordPublisher rawRecordPublisher(KafkaTemplate<String, SpecificRecord> rawRecordTemplate, Topics topics) {
        return new RawRecordPublisher(rawRecordTemplate, topics.rawRecords(), topics.intakeQuality(),
                topics.remittances());
    }

    @Bean
    UploadService uploadService(Sources sources, Pseudonymizer pseudonymizer, RawRecordPublisher publisher,
                                Topics topics, IngestionProperties properties, MeterRegistry meters) {
        return new UploadService(sources, pseudonymizer, publisher, topics, properties, meters);
    }
}
