package org.migrex.exchange.receiving;

import org.migrex.exchange.dataflow.AuditEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.migrex.node.deadletter.DeadLetter;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.DeliveryReceipt;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Observation;
import org.migrex.schema.Topics;
import org.migrex.serde.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receipt function: this node's inbox to a verified store, and its own aggregates to the view the mirror and
 * SDMX read; both are state stores read through interactive queries ({@link InboxStore}, {@code OwnAggregates}).
 *
 * <pre>
 * exchange.&lt;OWN&gt;.inbox ─ decode, verify, keep newest revision ("inbox") ─┬─&gt; &lt;cc&gt;.exchange.inbox.audit
 *   (and &lt;partner&gt;.exchange.outbox.&lt;cc&gt;, pull)                            ├─&gt; &lt;cc&gt;.exchange.inbox.dlq (undecodable)
 *                                                                       └─&gt; &lt;cc&gt;.exchange.receipts.&lt;partner&gt; (pull)
 * &lt;partner&gt;.exchange.receipts.&lt;cc&gt; ─ check the partner's signed receipt ──&gt; &lt;cc&gt;.exchange.audit
 * &lt;cc&gt;.aggregates ─ every cell, those fallen to 0 included ("own-aggregates")
 * </pre>
 * Outcomes, as audit event / reason / metric {@code migrex.inbox.datasets{outcome,reason}}:
 * <ul>
 *   <li>stored (first or newer revision): RECEIVED, no reason, {@code stored/none};</li>
 *   <li>same revision and content again: RECEIVED, {@code DUPLICATE: ...}, {@code ignored/duplicate};</li>
 *   <li>older revision than the stored one: REJECTED, {@code STALE_REVISION: ...}, {@code ignored/stale_revision};</li>
 *   <li>same revision, other content: REJECTED, {@code REVISION_CONFLICT: ...}, {@code ignored/revision_conflict};</li>
 *   <li>failed verification ({@link InboxVerifier}) or, signature valid, content this node does not accept
 *       ({@link DatasetValidator}): REJECTED, {@code <REASON>: ...}, {@code rejected/<reason>}, never stored;</li>
 *   <li>bytes that do not decode: the original key and value go to {@code <cc>.exchange.inbox.dlq} with node-common's
 *       {@link DeadLetter} headers, and REJECTED, {@code UNDECODABLE: ...}, {@code rejected/undecodable};</li>
 *   <li>a tombstone (anyone who may write the inbox can write one): REJECTED, {@code TOMBSTONE: ...},
 *       {@code rejected/tombstone}; the stored revision stays (the store is restored from its own changelog, so
 *       compaction of the inbox topic cannot remove it either).</li>
 * </ul>
 * The inbox is decoded here rather than by the binder because an undecodable dataset must also leave an audit record
 * for its sender; the dead letter is the same format the binder's {@code sendToDlq} writes. Under exactly-once the
 * store update, the audit record and the dead letter commit together with the inbox offset: one audit record per
 * inbox record, also across crashes, and a restart restores the store from its changelog instead of re-reading
 * the inbox. A schema registry that cannot be reached fails the stream thread, which is replaced and reads the
 * record again.
 */
public final class Receipt implements BiConsumer<KStream<byte[], byte[]>, KTable<String, MigrationAggregate>> {
    private static final Logger log = LoggerFactory.getLogger(Receipt.class);
    public static final String INBOX_STORE = "inbox";
    /**
     * Every revision the inbox ever stored, key {@code <SENDER>|<dataflow>|<period>|<revision, 19 digits>}: the
     * revision history that SDMX {@code includeHistory=true} returns ({@link InboxStore#history}).
     */
    public static final String INBOX_HISTORY_STORE = "inbox-history";
    public static final String OWN_AGGREGATES_STORE = org.migrex.exchange.receiving.OwnAggregates.STORE;
    public static final String METRIC = "migrex.inbox.datasets";

    /** Serdes of the inbox store, the audit topic and the aggregates view. */
    public record Serdes3(Serde<ExchangeDataset> datasets, Serde<DeliveryAuditRecord> audit,
            Serde<MigrationAggregate> aggregates) {
    }

    private final Topics topics;
    private final Serdes3 serdes;
    private final InboxVerifier verifier;
    private final DatasetValidator validator;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Acknowledgements acknowledgements;
    private final Serde<DeliveryReceipt> receiptSerde;

    /** A partner's receipt of this node's delivery, as this node's delivery audit records it. */
    record Acknowledged(DeliveryAuditRecord audit) {
    }

    public Receipt(Topics topics, Serdes3 serdes, InboxVerifier verifier, DatasetValidator validator,
            MeterRegistry meters, Clock clock) {
        this(topics, serdes, verifier, validator, meters, clock, Acknowledgements.none(topics), null);
    }

    /** As above, with the signed receipts of the pull protocol ({@link Acknowledgements}) and their serde. */
    Receipt(Topics topics, Serdes3 serdes, InboxVerifier verifier, DatasetValidator validator, MeterRegistry meters,
            Clock clock, Acknowledgements acknowledgements, Serde<DeliveryReceipt> receiptSerde) {
        this.acknowledgements = acknowledgements;
        this.receiptSerde = receiptSerde;
        this.topics = topics;
        this.serdes = serdes;
        this.verifier = verifier;
        this.validator = validator;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void accept(KStream<byte[], byte[]> inbox, KTable<String, MigrationAggregate> aggregates) {
        // cells fallen to 0 are kept with their updatedAt: SDMX updatedAfter reports them as deletions
        aggregates.filter((cell, aggregate) -> aggregate != null,
                Named.as("cells-that-count"),
                Materialized.<String, MigrationAggregate, KeyValueStore<Bytes, byte[]>>as(OWN_AGGREGATES_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(serdes.aggregates()));

        var outcomes = inbox.process(new Verification(), Named.as("verify"));
        outcomes.filter((key, value) -> value instanceof DeliveryAuditRecord, Named.as("audit-records"))
                .map((key, value) -> org.apache.kafka.streams.KeyValue.pair(
                        key == null ? null : new String(key, StandardCharsets.UTF_8), (DeliveryAuditRecord) value),
                        Named.as("as-audit"))
                .to(topics.inboxAudit().name(), Produced.with(Serdes.String(), serdes.audit()).withName("audit-sink"));
        outcomes.filter((key, value) -> value instanceof DeliveryReceipt, Named.as("receipts"))
                .map((key, value) -> org.apache.kafka.streams.KeyValue.pair(
                        Acknowledgements.keyOf((DeliveryReceipt) value), (DeliveryReceipt) value), Named.as("as-receipt"))
                .to((key, receipt, context) -> acknowledgements.topicOf(receipt),
                        Produced.with(Serdes.String(), receiptSerde == null ? new NoReceipts() : receiptSerde)
                                .withName("receipts-sink"));
        outcomes.filter((key, value) -> value instanceof Acknowledged, Named.as("acknowledgements"))
                .map((key, value) -> org.apache.kafka.streams.KeyValue.pair(
                        key == null ? null : new String(key, StandardCharsets.UTF_8), ((Acknowledged) value).audit()),
                        Named.as("as-delivery-audit"))
                .to(topics.exchangeAudit().name(), Produced.with(Serdes.String(), serdes.audit())
                        .withName("delivery-audit-sink"));
        outcomes.filter((key, value) -> value instanceof byte[], Named.as("dead-letters"))
                .mapValues(value -> (byte[]) value, Named.as("as-bytes"))
                .to(topics.inboxDeadLetter().name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("dlq-sink"));
    }

    /** Per inbox record: an audit record, and for undecodable bytes also the dead letter (original bytes). */
    final class Verification implements ProcessorSupplier<byte[], byte[], byte[], Object> {
        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INBOX_STORE), Serdes.String(),
                    serdes.datasets()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INBOX_HISTORY_STORE), Serdes.String(),
                    serdes.datasets()));
        }

        @Override
        public Processor<byte[], byte[], byte[], Object> get() {
            Deserializer<ExchangeDataset> decoder = serdes.datasets().deserializer();
            return new Processor<>() {
                private ProcessorContext<byte[], Object> context;
                private KeyValueStore<String, ExchangeDataset> store;
                private KeyValueStore<String, ExchangeDataset> history;

                @Override
                public void init(ProcessorContext<byte[], Object> context) {
                    this.context = context;
                    this.store = context.getStateStore(INBOX_STORE);
                    this.history = context.getStateStore(INBOX_HISTORY_STORE);
                }

                @Override
                public void process(Record<byte[], byte[]> record) {
                    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                    RecordMetadata source = context.recordMetadata().orElseThrow();
                    if (acknowledgements.isReceiptCopy(source.topic())) {
                        DeliveryAuditRecord audit = acknowledgements.acknowledge(source.topic(), record.headers(),
                                record.value(), key, clock.instant());
                        context.forward(new Record<byte[], Object>(record.key(), new Acknowledged(audit),
                                record.timestamp()));
                        log.info("receipt from {}: {} {} {} revision {}{}", audit.getReceiver(), audit.getEvent(),
                                audit.getDataflow(), audit.getPeriod(), audit.getRevision(),
                                audit.getReason() == null ? "" : ": " + audit.getReason());
                        return;
                    }
                    if (record.value() == null) {
                        // anyone who may write the inbox may write a tombstone; the verified store never deletes on one
                        refused(record, key, "TOMBSTONE", "a deletion record on " + source.topic() + " at "
                                + source.partition() + "@" + source.offset() + "; a stored dataset is only ever replaced"
                                + " by a newer verified revision, never deleted by a record on the inbox");
                        log.warn("inbox: REJECTED record at {}-{}@{} (key {}): TOMBSTONE", source.topic(),
                                source.partition(), source.offset(), key);
                        return;
                    }
                    ExchangeDataset dataset;
                    try {
                        dataset = decoder.deserialize(source.topic(), record.headers(), record.value());
                    } catch (RuntimeException e) {
                        if (SchemaRegistryException.isTransientCause(e)) {
                            throw new IllegalStateException("inbox " + source.topic() + ": schema registry unavailable"
                                    + " at offset " + source.offset() + "; the record is read again", e);
                        }
                        undecodable(record, key, source, e);
                        return;
                    }
                    String checksum = checksum(dataset, record.value());
                    InboxVerifier.Verdict verdict = verifier.verify(key, dataset);
                    if (verdict.accepted()) {
                        verdict = validator.validate(dataset);
                    }
                    if (!verdict.accepted()) {
                        outcome(record, dataset, checksum, AuditEvent.REJECTED, "rejected", verdict.reason().name(),
                                verdict.detail(), verdict.reason().quotesContent());
                        return;
                    }
                    String storeKey = InboxStore.key(dataset);
                    ExchangeDataset current = store.get(storeKey);
                    InboxStore.Offer offer = InboxStore.decide(current, dataset, checksum);
                    switch (offer) {
                        case STORED -> {
                            store.put(storeKey, dataset);
                            history.put(InboxStore.historyKey(dataset), dataset);
                            outcome(record, dataset, checksum, AuditEvent.RECEIVED, "stored", null, null, false);
                        }
                        case DUPLICATE -> outcome(record, dataset, checksum, AuditEvent.RECEIVED, "ignored", "DUPLICATE",
                                "revision " + dataset.getRevision() + " with the same content is already stored",
                                false);
                        case STALE -> outcome(record, dataset, checksum, AuditEvent.REJECTED, "ignored", "STALE_REVISION",
                                "revision " + dataset.getRevision() + " is older than the stored revision "
                                        + current.getRevision(), false);
                        case CONFLICT -> outcome(record, dataset, checksum, AuditEvent.REJECTED, "ignored",
                                "REVISION_CONFLICT", "revision " + dataset.getRevision()
                                        + " is already stored with other content; the first one is kept", false);
                    }
                }

                private void outcome(Record<byte[], byte[]> record, ExchangeDataset d, String checksum, AuditEvent event,
                        String metricOutcome, String reasonCode, String detail, boolean detailQuotesContent) {
                    int suppressed = 0;
                    for (Observation o : d.getObservations()) {
                        if (o.getValue() == null) {
                            suppressed++;
                        }
                    }
                    DeliveryAuditRecord audit = DeliveryAuditRecord.newBuilder()
                            .setEvent(event.name())
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
                    context.forward(new Record<byte[], Object>(record.key(), audit, record.timestamp()));
                    acknowledgements.receiptFor(audit).ifPresent(receipt -> context.forward(
                            new Record<byte[], Object>(record.key(), receipt, record.timestamp())));
                    count(metricOutcome, reasonCode);
                    if (reasonCode == null) {
                        log.info("inbox: {} {} {} revision {} from {}: stored ({} observations)", event,
                                d.getDataflow(), d.getPeriod(), d.getRevision(), d.getSender(),
                                d.getObservations().size());
                    } else if (detailQuotesContent) {
                        // logs never carry a dataset's values; the audit record has the full reason
                        log.warn("inbox: {} {} {} revision {} from {}: {} (detail in {})", event,
                                DatasetValidator.quoted(d.getDataflow()), DatasetValidator.quoted(d.getPeriod()),
                                d.getRevision(), d.getSender(), reasonCode, topics.inboxAudit().name());
                    } else {
                        log.warn("inbox: {} {} {} revision {} from {}: {}: {}", event, d.getDataflow(), d.getPeriod(),
                                d.getRevision(), d.getSender(), reasonCode, detail);
                    }
                }

                private void undecodable(Record<byte[], byte[]> record, String key, RecordMetadata source,
                        RuntimeException e) {
                    DeadLetter letter = new DeadLetter(source.topic(), source.partition(), source.offset(),
                            record.timestamp(), record.key(), record.value(), record.headers(),
                            context.applicationId());
                    context.forward(new Record<byte[], Object>(record.key(), record.value(), record.timestamp(),
                            letter.headers(e)));
                    refused(record, key, "UNDECODABLE", e.getMessage() + " (original bytes in "
                            + topics.inboxDeadLetter().name() + " at the same key)");
                    log.warn("inbox: REJECTED record at {}-{}@{} (key {}): UNDECODABLE: {}", source.topic(),
                            source.partition(), source.offset(), key, e.getMessage());
                }

                /** Audits and counts a record refused before it was a dataset: the sender and period from its key. */
                private void refused(Record<byte[], byte[]> record, String key, String reason, String detail) {
                    String[] parts = key == null ? new String[0] : key.split("\\|", -1);
                    DeliveryAuditRecord audit = DeliveryAuditRecord.newBuilder()
                            .setEvent(AuditEvent.REJECTED.name())
                            .setDatasetId("unknown")
                            .setSender(parts.length == 3 ? parts[0] : "unknown")
                            .setReceiver(topics.nodeCode())
                            .setAgreementId("unknown")
                            .setDataflow(parts.length == 3 ? parts[1] : "unknown")
                            .setPeriod(parts.length == 3 ? parts[2] : "unknown")
                            .setRevision(-1)
                            .setStatus("UNKNOWN")
                            .setObservationCount(0)
                            .setSuppressedCount(0)
                            .setChecksum(sha256(record.value() == null ? new byte[0] : record.value()))
                            .setReason(reason + ": " + detail)
                            .setAt(clock.instant())
                            .build();
                    // the audit record must not carry the dead-letter headers
                    context.forward(new Record<byte[], Object>(record.key(), audit, record.timestamp(),
                            new org.apache.kafka.common.header.internals.RecordHeaders()));
                    acknowledgements.receiptFor(audit).ifPresent(receipt -> context.forward(
                            new Record<byte[], Object>(record.key(), receipt, record.timestamp(),
                                    new org.apache.kafka.common.header.internals.RecordHeaders())));
                    count("rejected", reason);
                }
            };
        }
    }

    private void count(String outcome, String reason) {
        meters.counter(METRIC, "outcome", outcome,
                "reason", reason == null ? "none" : reason.toLowerCase(Locale.ROOT)).increment();
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

    /** The serde of a node without pull partners, which never sends a receipt. */
    private static final class NoReceipts implements Serde<DeliveryReceipt> {
        @Override
        public org.apache.kafka.common.serialization.Serializer<DeliveryReceipt> serializer() {
            return (topic, receipt) -> {
                throw new IllegalStateException("no receipt is sent without a pull partner");
            };
        }

        @Override
        public Deserializer<DeliveryReceipt> deserializer() {
            return (topic, bytes) -> {
                throw new IllegalStateException("no receipt is read without a pull partner");
            };
        }
    }
}
