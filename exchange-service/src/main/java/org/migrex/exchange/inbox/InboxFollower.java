package org.migrex.exchange.inbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.Observation;
import org.migrex.schema.Topic;
import org.migrex.schema.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.migrex.exchange.follow.TopicFollower;

/**
 * Reads this node's inbox ({@code exchange.<OWN>.inbox}, read_committed), verifies every dataset, stores the accepted
 * ones in the {@link InboxStore}, and writes one {@link DeliveryAuditRecord} per dataset to
 * {@code <cc>.exchange.inbox.audit}.
 *
 * <p>Start-up: the store lives in memory, so the follower assigns itself every partition of the compacted inbox and
 * reads it from the beginning. Records below the consumer group's committed offset were audited in an earlier run:
 * they are verified again and stored silently (no audit, no metric). Records from the committed offset on are new:
 * they are verified, audited, counted, and their offsets committed after the audit records are acknowledged
 * (at-least-once: a crash between the two repeats an audit record, never loses one).
 *
 * <p>Outcomes, as audit event / reason / metric {@code migrex.inbox.datasets{outcome,reason}}:
 * <ul>
 *   <li>stored (first or newer revision): RECEIVED, no reason, {@code stored/none};</li>
 *   <li>same revision and content again: RECEIVED, {@code DUPLICATE: ...}, {@code ignored/duplicate};</li>
 *   <li>older revision than the stored one: REJECTED, {@code STALE_REVISION: ...}, {@code ignored/stale_revision};</li>
 *   <li>same revision, other content: REJECTED, {@code REVISION_CONFLICT: ...}, {@code ignored/revision_conflict};</li>
 *   <li>failed verification ({@link InboxVerifier.Reason}): REJECTED, {@code <REASON>: ...}, {@code rejected/<reason>};</li>
 *   <li>bytes that do not decode: the original key, value and headers go to {@code <cc>.exchange.inbox.dlq} with the
 *       exception in headers, and REJECTED, {@code UNDECODABLE: ...}, {@code rejected/undecodable}.</li>
 * </ul>
 * Logs name sender, dataflow, period, revision and outcome, never observation values.
 */
public final class InboxFollower extends TopicFollower {
    private static final Logger log = LoggerFactory.getLogger(InboxFollower.class);
    public static final String METRIC = "migrex.inbox.datasets";
    public static final String HEADER_EXCEPTION_CLASS = "migrex.dlq.exception.class";
    public static final String HEADER_EXCEPTION_MESSAGE = "migrex.dlq.exception.message";
    public static final String HEADER_ORIGINAL_TOPIC = "migrex.dlq.original.topic";
    public static final String HEADER_ORIGINAL_PARTITION = "migrex.dlq.original.partition";
    public static final String HEADER_ORIGINAL_OFFSET = "migrex.dlq.original.offset";

    private final String bootstrapServers;
    private final String groupId;
    private final Topics topics;
    private final String ownNode;
    private final Deserializer<ExchangeDataset> datasetDeserializer;
    private final Serializer<DeliveryAuditRecord> auditSerializer;
    private final InboxVerifier verifier;
    private final InboxStore store;
    private final MeterRegistry meters;
    private final Duration pollTimeout;
    private final Clock clock;


    public InboxFollower(String bootstrapServers, String groupId, Topics topics, AvroSerdeFactory serdes,
                         InboxVerifier verifier, InboxStore store, MeterRegistry meters, Duration pollTimeout, Clock clock) {
        super("inbox-" + topics.nodeCode());
        this.bootstrapServers = bootstrapServers;
        this.groupId = groupId;
        this.topics = topics;
        this.ownNode = topics.nodeCode();
        this.datasetDeserializer = serdes.valueDeserializer(topics.ownInbox());
        this.auditSerializer = serdes.valueSerializer(topics.inboxAudit());
        this.verifier = verifier;
        this.store = store;
        this.meters = meters;
        this.pollTimeout = pollTimeout;
        this.clock = clock;
    }

    @Override
    protected void follow() {
        Topic<String, ExchangeDataset> inbox = topics.ownInbox();
        Map<String, Object> consumerConfig = new HashMap<>();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            attach(c);
            List<TopicPartition> partitions = waitForPartitions(c, inbox.name());
            if (partitions.isEmpty()) {
                return;
            }
            c.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = c.committed(Set.copyOf(partitions));
            Map<TopicPartition, Long> auditedUpTo = new HashMap<>();
            partitions.forEach(p -> auditedUpTo.put(p,
                    committed.get(p) == null ? 0L : committed.get(p).offset()));
            Map<TopicPartition, Long> endAtStart = c.endOffsets(partitions);
            c.seekToBeginning(partitions);
            log.info("inbox {}: rebuilding from the beginning; audited up to {}, end at start {}",
                    inbox.name(), auditedUpTo, endAtStart);
            while (isRunning()) {
                ConsumerRecords<String, byte[]> records = c.poll(pollTimeout);
                Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
                for (TopicPartition p : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> r : records.records(p)) {
                        boolean replay = r.offset() < auditedUpTo.get(p);
                        if (!handle(r, replay, producer)) {
                            // the registry is unreachable: read this record again after a pause
                            c.seek(p, r.offset());
                            pause(2_000);
                            break;
                        }
                        if (!replay) {
                            toCommit.put(p, new OffsetAndMetadata(r.offset() + 1));
                        }
                    }
                }
                if (!toCommit.isEmpty()) {
                    producer.flush();
                    c.commitSync(toCommit);
                }
                if (!isCaughtUp() && partitions.stream().allMatch(p -> c.position(p) >= endAtStart.get(p))) {
                    markCaughtUp();
                    log.info("inbox {}: rebuilt, {} datasets stored", inbox.name(), store.all().size());
                }
            }
        }
    }

    /** Handles one record; false when it must be read again later (schema registry unreachable). */
    boolean handle(ConsumerRecord<String, byte[]> r, boolean replay, KafkaProducer<byte[], byte[]> producer) {
        if (r.value() == null) {
            return true;
        }
        ExchangeDataset dataset;
        try {
            dataset = datasetDeserializer.deserialize(r.topic(), r.headers(), r.value());
        } catch (RuntimeException e) {
            if (registryUnavailable(e)) {
                log.warn("inbox {}: schema registry unavailable, will retry offset {}: {}", r.topic(), r.offset(),
                        e.getMessage());
                return false;
            }
            if (!replay) {
                undecodable(r, e, producer);
            }
            return true;
        }
        String checksum = checksum(dataset, r.value());
        InboxVerifier.Verdict verdict = verifier.verify(r.key(), dataset);
        if (!verdict.accepted()) {
            if (!replay) {
                outcome(producer, r.key(), dataset, checksum, "REJECTED", "rejected",
                        verdict.reason().name(), verdict.detail());
            }
            return true;
        }
        InboxStore.Offer offer = store.offer(dataset, checksum);
        if (replay) {
            return true;
        }
        long stored = store.revision(dataset.getSender(), dataset.getDataflow(), dataset.getPeriod()).orElse(-1L);
        switch (offer) {
            case STORED -> outcome(producer, r.key(), dataset, checksum, "RECEIVED", "stored", null, null);
            case DUPLICATE -> outcome(producer, r.key(), dataset, checksum, "RECEIVED", "ignored", "DUPLICATE",
                    "revision " + dataset.getRevision() + " with the same content is already stored");
            case STALE -> outcome(producer, r.key(), dataset, checksum, "REJECTED", "ignored", "STALE_REVISION",
                    "revision " + dataset.getRevision() + " is older than the stored revision " + stored);
            case CONFLICT -> outcome(producer, r.key(), dataset, checksum, "REJECTED", "ignored", "REVISION_CONFLICT",
                    "revision " + dataset.getRevision() + " is already stored with other content; the first one is kept");
        }
        return true;
    }

    private void outcome(KafkaProducer<byte[], byte[]> producer, String key, ExchangeDataset d, String checksum,
                         String event, String metricOutcome, String reasonCode, String detail) {
        int suppressed = 0;
        for (Observation o : d.getObservations()) {
            if (o.getValue() == null) {
                suppressed++;
            }
        }
        DeliveryAuditRecord audit = DeliveryAuditRecord.newBuilder()
                .setEvent(event)
                .setDatasetId(d.getDatasetId())
                .setSender(d.getSender())
                .setReceiver(d.getReceiver())
                .setAgreementId(d.getAgreementId())
                .setDataflow(d.getDataflow())
                .setPeriod(d.getPeriod())
                .setRevision(d.getRevision())
                .setStatus(d.getStatus())
                .setObservationCount(d.getObservations().size())
                .setSuppressedCount(suppressed)
                .setChecksum(checksum)
                .setReason(reasonCode == null ? null : reasonCode + ": " + detail)
                .setAt(clock.instant())
                .build();
        sendAudit(producer, key, audit);
        count(metricOutcome, reasonCode);
        if (reasonCode == null) {
            log.info("inbox: {} {} {} revision {} from {}: stored ({} observations)", event, d.getDataflow(),
                    d.getPeriod(), d.getRevision(), d.getSender(), d.getObservations().size());
        } else {
            log.warn("inbox: {} {} {} revision {} from {}: {}: {}", event, d.getDataflow(), d.getPeriod(),
                    d.getRevision(), d.getSender(), reasonCode, detail);
        }
    }

    private void undecodable(ConsumerRecord<String, byte[]> r, RuntimeException e, KafkaProducer<byte[], byte[]> producer) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            headers.add(h);
        }
        headers.add(HEADER_EXCEPTION_CLASS, e.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_EXCEPTION_MESSAGE, String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_ORIGINAL_TOPIC, r.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_ORIGINAL_PARTITION, String.valueOf(r.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_ORIGINAL_OFFSET, String.valueOf(r.offset()).getBytes(StandardCharsets.UTF_8));
        byte[] key = r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topics.inboxDeadLetter().name(), null, key, r.value(), headers));

        String[] parts = r.key() == null ? new String[0] : r.key().split("\\|", -1);
        DeliveryAuditRecord audit = DeliveryAuditRecord.newBuilder()
                .setEvent("REJECTED")
                .setDatasetId("unknown")
                .setSender(parts.length == 3 ? parts[0] : "unknown")
                .setReceiver(ownNode)
                .setAgreementId("unknown")
                .setDataflow(parts.length == 3 ? parts[1] : "unknown")
                .setPeriod(parts.length == 3 ? parts[2] : "unknown")
                .setRevision(-1)
                .setStatus("UNKNOWN")
                .setObservationCount(0)
                .setSuppressedCount(0)
                .setChecksum(sha256(r.value()))
                .setReason("UNDECODABLE: " + e.getMessage() + " (original bytes in " + topics.inboxDeadLetter().name()
                        + " at the same key)")
                .setAt(clock.instant())
                .build();
        sendAudit(producer, r.key(), audit);
        count("rejected", "UNDECODABLE");
        log.warn("inbox: REJECTED record at {}-{}@{} (key {}): UNDECODABLE: {}", r.topic(), r.partition(), r.offset(),
                r.key(), e.getMessage());
    }

    private void sendAudit(KafkaProducer<byte[], byte[]> producer, String key, DeliveryAuditRecord audit) {
        String topic = topics.inboxAudit().name();
        byte[] value = auditSerializer.serialize(topic, audit);
        producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
    }

    private void count(String outcome, String reason) {
        meters.counter(METRIC, "outcome", outcome,
                "reason", reason == null ? "none" : reason.toLowerCase(java.util.Locale.ROOT)).increment();
    }

    private static String checksum(ExchangeDataset d, byte[] raw) {
        try {
            return DatasetSignatures.checksum(d);
        } catch (IllegalArgumentException incomplete) {
            return sha256(raw);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
