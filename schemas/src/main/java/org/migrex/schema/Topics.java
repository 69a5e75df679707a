package org.migrex.schema;

import java.util.List;
import java.util.Locale;

/**
 * Every topic of a Migrex node, with its key and value types: the one place where topic names are made.
 *
 * <p>Node topics carry the node's ISO 3166-1 alpha-3 code in lower case as a prefix ({@code kaz.raw.records}), so
 * several nodes can share one cluster (the sandbox, a regional hub). Inboxes are named for the receiving country in
 * upper case ({@code exchange.KGZ.inbox}) because they are written by other nodes.
 */
public final class Topics {
    private final String node;

    private Topics(String node) {
        this.node = node;
    }

    /** Topics of the node with the given ISO alpha-3 code (any case). */
    public static Topics forNode(String countryCode) {
        return new Topics(CountryCode.of(countryCode).lowerCase());
    }

    /** The node's code, upper case (KAZ). */
    public String nodeCode() {
        return node.toUpperCase(Locale.ROOT);
    }

    /** Records as ingested; key {@code <source>|<record_id>}. Produced transactionally by ingestion or by agencies directly. */
    public Topic<String, RawMigrationRecord> rawRecords() {
        return new Topic<>(node + ".raw.records", String.class, RawMigrationRecord.class, false);
    }

    /** Raw-record bytes that could not be deserialized, with the exception in headers. */
    public Topic<byte[], byte[]> rawRecordsDeadLetter() {
        return new Topic<>(node + ".raw.records.dlq", byte[].class, byte[].class, false);
    }

    /** Harmonized events, keyed by the raw record key; compacted, since the latest version of a record is the truth. */
    public Topic<String, HarmonizedMigrationEvent> harmonizedEvents() {
        return new Topic<>(node + ".harmonized.events", String.class, HarmonizedMigrationEvent.class, true);
    }

    /** Harmonized-event bytes the aggregation could not deserialize. */
    public Topic<byte[], byte[]> harmonizedEventsDeadLetter() {
        return new Topic<>(node + ".harmonized.events.dlq", byte[].class, byte[].class, false);
    }

    /**
     * Records no rule could map, with reasons; keyed by the raw record key. Compacted: the latest verdict per record
     * is the state (a replay that maps a record writes a tombstone), and it must outlive time-based retention.
     */
    public Topic<String, QuarantinedRecord> quarantine() {
        return new Topic<>(node + ".quarantine", String.class, QuarantinedRecord.class, true);
    }

    /**
     * Changes of MIGR_QUALITY's intake counters ({@link IntakeQualityDelta}): written by ingestion (rows of each
     * committed upload) and harmonization (records entering or leaving quarantine), read by the exchange's
     * aggregation. Deltas, not states, so neither compacted nor ever deleted: a recount must read every one.
     */
    public Topic<String, IntakeQualityDelta> intakeQuality() {
        return new Topic<>(node + ".intake.quality", String.class, IntakeQualityDelta.class, false, true);
    }

    /** Key of an intake counter on {@link #intakeQuality()}: {@code <source>|<period>|<indicator>}. */
    public static String intakeQualityKey(IntakeQualityDelta delta) {
        return delta.getSource() + "|" + delta.getPeriod() + "|" + delta.getIndicator();
    }

    /**
     * Accepted rows of the remittance templates ({@link RemittanceRecord}: price points and corridor flows), keyed by
     * {@code <source>|<record_id>} like raw records. Compacted: the latest version of a row is the truth, as for raw
     * records. They carry no person, so they bypass harmonization.
     */
    public Topic<String, RemittanceRecord> remittances() {
        return new Topic<>(node + ".remittances", String.class, RemittanceRecord.class, true);
    }

    /** Cube cells, compacted; key: the cell's codes joined with '|' in dimension order. */
    public Topic<String, MigrationAggregate> aggregates() {
        return new Topic<>(node + ".aggregates", String.class, MigrationAggregate.class, true);
    }

    /** One entry per dataset delivered (or failed) by this node; kept with no time limit (an audit trail). */
    public Topic<String, DeliveryAuditRecord> exchangeAudit() {
        return new Topic<>(node + ".exchange.audit", String.class, DeliveryAuditRecord.class, false, true);
    }

    /**
     * Operators' requests to revise a FINAL dataset ({@link RevisionRequest}), written by the exchange's REST API and
     * read by its delivery as a second input. Key {@link #revisionRequestKey}; partitioned by period with the hash of
     * {@link #aggregates()}, so that a request reaches the task that holds its period's cells. Kept with no time
     * limit: who asked for which revision, and why, is part of the audit trail.
     */
    public Topic<String, RevisionRequest> revisionRequests() {
        return new Topic<>(node + ".exchange.revision-requests", String.class, RevisionRequest.class, false, true);
    }

    /**
     * Bytes of either delivery input ({@link #aggregates()}, {@link #revisionRequests()}) that the delivery could not
     * deserialize, with the exception and the source topic in headers. (The binder takes one deserialization handler
     * per Kafka Streams application, so both inputs have one dead-letter topic, as the aggregation's have.)
     */
    public Topic<byte[], byte[]> deliveryDeadLetter() {
        return new Topic<>(node + ".exchange.delivery.dlq", byte[].class, byte[].class, false);
    }

    /** Key of a request on {@link #revisionRequests()}: {@code <agreementId>|<period>}. */
    public static String revisionRequestKey(String agreementId, String period) {
        return agreementId + "|" + period;
    }

    /**
     * Signed datasets for partners on another Kafka cluster, written by the node's delivery in its exactly-once
     * transaction; a forwarder copies them to the partner's inbox. One topic for all such partners, key
     * {@code <RECEIVER>|<SENDER>|<dataflow>|<period>} (see {@link #outboxKey}), so the receiver needs no topic of its
     * own on this cluster. Not compacted: the forwarder must see every revision in order.
     */
    public Topic<String, ExchangeDataset> outbox() {
        return new Topic<>(node + ".exchange.outbox", String.class, ExchangeDataset.class, false);
    }

    /**
     * The outbox of one receiver that pulls its datasets (its MirrorMaker 2 copies this topic, under the same name,
     * into its own cluster): {@code <cc>.exchange.outbox.<receiver>}, e.g. {@code kaz.exchange.outbox.kgz}. Written by
     * the delivery in its exactly-once transaction, key {@code <SENDER>|<dataflow>|<period>} as in an inbox; the
     * receiver's principal may read this topic and nothing else of this cluster. Compacted like an inbox (the newest
     * revision per key is what matters), so a receiver that was away for longer than any retention still gets it.
     * One partition on both clusters: MirrorMaker keeps partition numbers, and datasets are few.
     */
    public Topic<String, ExchangeDataset> outboxFor(String receiverCode) {
        return new Topic<>(node + ".exchange.outbox." + CountryCode.of(receiverCode).code().toLowerCase(Locale.ROOT),
                String.class, ExchangeDataset.class, true);
    }

    /**
     * Signed receipts for a partner that pulls: {@code <cc>.exchange.receipts.<partner>}, one {@link DeliveryReceipt}
     * per dataset revision this node received from it (what the inbox audit says), which the partner's MirrorMaker 2
     * copies back into its cluster. Key {@code <SENDER>|<dataflow>|<period>|<revision>}; one partition; kept with no
     * time limit, like the audit it mirrors.
     */
    public Topic<String, DeliveryReceipt> receiptsFor(String partnerCode) {
        return new Topic<>(node + ".exchange.receipts." + CountryCode.of(partnerCode).code().toLowerCase(Locale.ROOT),
                String.class, DeliveryReceipt.class, false, true);
    }

    /** One entry per dataset this node received: accepted or refused, with the reason; kept with no time limit. */
    public Topic<String, DeliveryAuditRecord> inboxAudit() {
        return new Topic<>(node + ".exchange.inbox.audit", String.class, DeliveryAuditRecord.class, false, true);
    }

    /** Inbox bytes that could not be deserialized, with the exception in headers. */
    public Topic<byte[], byte[]> inboxDeadLetter() {
        return new Topic<>(node + ".exchange.inbox.dlq", byte[].class, byte[].class, false);
    }

    /** This node's own inbox, where partners deliver datasets. */
    public Topic<String, ExchangeDataset> ownInbox() {
        return inbox(nodeCode());
    }

    /**
     * The inbox of a country, written by its partners; key {@code <SENDER>|<dataflow>|<period>}. Compacted: the newest
     * revision per sender, dataflow and period is what matters.
     */
    public static Topic<String, ExchangeDataset> inbox(String receiverCode) {
        return new Topic<>("exchange." + CountryCode.of(receiverCode).code() + ".inbox",
                String.class, ExchangeDataset.class, true);
    }

    /** Every topic this node owns (not partners' inboxes), for explicit creation. */
    public List<Topic<?, ?>> all() {
        return List.of(rawRecords(), rawRecordsDeadLetter(), harmonizedEvents(), harmonizedEventsDeadLetter(),
                quarantine(), intakeQuality(), aggregates(), exchangeAudit(), revisionRequests(), deliveryDeadLetter(),
                outbox(), inboxAudit(), inboxDeadLetter(), ownInbox(), remittances());
    }

    /** Prefix of ingestion's transactional ids ({@code migrex-<cc>-ingestion-<instance>-<n>}). */
    public String ingestionTransactionalIdPrefix() {
        return "migrex-" + node + "-ingestion-";
    }

    /** Application id (and consumer group) of the harmonization stream. */
    public String harmonizationApplicationId() {
        return "migrex-" + node + "-harmonization";
    }

    /** Application id of an exchange function: {@code migrex-<cc>-exchange} plus the function's suffix. */
    public String exchangeApplicationId(String suffix) {
        return "migrex-" + node + "-exchange" + suffix;
    }

    /** Key of a raw record, harmonized event or quarantined record. */
    public static String recordKey(String source, String recordId) {
        return source + "|" + recordId;
    }

    /** Key of a dataset in an outbox: the receiver, then the inbox key. */
    public static String outboxKey(String receiver, String sender, String dataflow, String period) {
        return CountryCode.of(receiver).code() + "|" + datasetKey(sender, dataflow, period);
    }

    /** Key of a dataset in an inbox. */
    public static String datasetKey(String sender, String dataflow, String period) {
        return sender + "|" + dataflow + "|" + period;
    }
}
