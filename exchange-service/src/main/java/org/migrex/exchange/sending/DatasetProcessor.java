package org.migrex.exchange.sending;

import org.migrex.exchange.dataflow.AuditEvent;
import org.migrex.exchange.dataflow.DatasetStatus;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.exchange.sending.cube.DatasetTable;
import org.migrex.exchange.dataflow.Cell;
import org.migrex.exchange.sending.cube.DisclosureCheck;
import org.migrex.exchange.sending.cube.LinkedTables;
import org.migrex.exchange.sending.cube.PublishedTable;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.RevisionRequest;
import org.migrex.schema.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns cell counts into delivered datasets.
 *
 * <p>Input: the typed cube cell of any dataflow (from the aggregate's dataflow and dimension map) and its count,
 * partitioned by period, so that every cell of a period is in this task. It keeps the period's cells of every dataflow
 * in {@value #PERIOD_CELLS} (key {@code <period>|<cell key>}, {@link Cell#key()}) and marks the (agreement, period)
 * datasets whose agreement covers the cell (its dataflow and filter) as changed in {@value #DATASET_STATE}.
 *
 * <p>Every schedule interval (wall clock) it delivers each changed dataset whose agreement's re-send interval has
 * passed since the last delivery, and re-delivers as FINAL each PROVISIONAL one whose period has closed. A delivery
 * is skipped when observations and status equal the last delivered ones. Each delivery gets the next revision, is
 * signed, and goes with its {@link DeliveryAuditRecord} downstream (same transaction under exactly-once). Nothing here
 * talks to another cluster: the stream thread never waits on a partner.
 *
 * <p><b>FINAL is final.</b> Once a dataset was delivered FINAL, a change of its cells (a late record, a correction)
 * does not make it due: the change is counted as held ({@link DatasetState#lateChangesHeld()}, the metric, and one
 * LATE_CHANGES_HELD audit record per schedule interval in which more were held), and the partner keeps the FINAL
 * table. Only an operator's {@link RevisionRequest} (the second input) publishes them: the table as it is now, as the
 * next FINAL revision carrying the request's reason, if it passes the disclosure check; otherwise REVISION_DECLINED
 * (fail closed). A new agreement version does not re-deliver a FINAL dataset either.
 *
 * <p><b>Linked tables.</b> Each table is suppressed and checked together with every table already published to the
 * partner for its period ({@value #PUBLISHED_TABLES}): see {@link LinkedTables} and
 * {@link DisclosureCheck#check(ExchangeAgreement, DatasetTable, List)}.
 */
final class DatasetProcessor implements Processor<String, DatasetInput, String, SpecificRecord> {
    static final String PERIOD_CELLS = "period-cells";
    static final String DATASET_STATE = "dataset-state";
    /** Every delivered revision's table ({@link PublishedTable}, keyed partner|period|agreement|revision), for the audit. */
    public static final String PUBLISHED_TABLES = "published-tables";
    private static final Logger log = LoggerFactory.getLogger(DatasetProcessor.class);

    private final String sender;
    private final Map<String, ExchangeAgreement> agreements = new LinkedHashMap<>();
    /** The receivers of every agreement, whose tables a new table may be linked with. */
    private final List<String> receivers;
    private final DatasetSigner signer;
    private final DeliveryListener listener;
    private final Duration scheduleInterval;
    /** Times each attempt ({@link System#nanoTime} but in tests). */
    private final java.util.function.LongSupplier nanoClock;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Long> cells;
    private KeyValueStore<String, String> states;
    private KeyValueStore<String, String> published;
    /** Content hash of the last refused table per dataset: an unchanged refused table is not refused (audited) again. */
    private final Map<String, String> refused = new HashMap<>();
    /**
     * How much longer than its last attempt took a provisional dataset waits before it is made again: disclosure
     * control of a large table costs seconds of a core (docs/performance.md), and a month that changes with every
     * upload would otherwise be suppressed and checked without pause, taking a core from counting. With 4, re-sends
     * of one dataset use at most a fifth of a core; FINAL deliveries, a closing period and an operator's revision do
     * not wait.
     */
    static final int RESEND_COST_FACTOR = 4;
    /** Per dataset, the wall-clock instant before which it is not made again while PROVISIONAL (not stored). */
    private final Map<String, Long> costlyUntil = new HashMap<>();

    DatasetProcessor(String sender, List<ExchangeAgreement> agreements, DatasetSigner signer,
            DeliveryListener listener, Duration scheduleInterval, java.util.function.LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.sender = sender;
        agreements.forEach(a -> this.agreements.put(a.id(), a));
        this.receivers = agreements.stream().map(ExchangeAgreement::partner).distinct().toList();
        this.signer = signer;
        this.listener = listener;
        this.scheduleInterval = scheduleInterval;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.cells = context.getStateStore(PERIOD_CELLS);
        this.states = context.getStateStore(DATASET_STATE);
        this.published = context.getStateStore(PUBLISHED_TABLES);
        reconcile();
        context.schedule(scheduleInterval, PunctuationType.WALL_CLOCK_TIME, this::deliverDue);
    }

    /**
     * After a restart: datasets of agreements that are new or have a new version are re-evaluated for every period
     * this task holds, since their cells arrived before the agreement existed.
     */
    private void reconcile() {
        Set<String> periods = new HashSet<>();
        try (KeyValueIterator<String, Long> all = cells.all()) {
            while (all.hasNext()) {
                String key = all.next().key;
                periods.add(key.substring(0, key.indexOf('|')));
            }
        }
        for (ExchangeAgreement agreement : agreements.values()) {
            for (String period : periods) {
                String stateKey = stateKey(agreement, period);
                DatasetState state = DatasetState.parse(states.get(stateKey));
                if (state == null) {
                    states.put(stateKey, DatasetState.NEW.format());
                } else if (state.agreementVersion() != agreement.version() && !state.isFinal()) {
                    // a FINAL dataset stays as delivered: only an operator's revision publishes it anew
                    states.put(stateKey, state.markDirty().format());
                }
            }
        }
    }

    @Override
    public void process(Record<String, DatasetInput> record) {
        switch (record.value()) {
            case DatasetInput.CellCount change -> cellChanged(change.cell(), change.count());
            case DatasetInput.Revision revision -> revise(revision.request(), context.currentSystemTimeMs());
        }
    }

    private void cellChanged(Cell cell, long count) {
        String cellKey = cell.period() + "|" + cell.key();
        if (count > 0) {
            cells.put(cellKey, count);
        } else {
            cells.delete(cellKey);
        }
        for (ExchangeAgreement agreement : agreements.values()) {
            if (agreement.covers(cell)) {
                String stateKey = stateKey(agreement, cell.period());
                DatasetState state = DatasetState.parse(states.get(stateKey));
                if (state != null && state.isFinal()) {
                    states.put(stateKey, state.holdLateChange().format());
                    listener.lateChangeHeld(agreement.partner());
                    continue;
                }
                long now = context.currentSystemTimeMs();
                if ((state == null || state.revision() == 0)
                        && now >= agreement.finalFrom(cell.period()).toEpochMilli()) {
                    // the first delivery of a closed period is FINAL at once, and FINAL is final: it waits until
                    // the period's cells were quiet for the re-send interval, so that a backfill goes out whole
                    // (the attempt time stands for the last change; rewritten at most four times per interval)
                    long quiet = agreement.resendMinInterval().toMillis();
                    DatasetState current = state == null ? DatasetState.NEW : state;
                    if (now - current.lastAttemptAt() >= Math.max(1, quiet / 4) || !current.dirty()) {
                        states.put(stateKey, current.markDirty().attemptedAt(now).format());
                    }
                    continue;
                }
                if (state != null && state.dirty()) {
                    continue; // already due: rewriting the same state would only add a changelog record per cell
                }
                states.put(stateKey, (state == null ? DatasetState.NEW : state.markDirty()).format());
            }
        }
    }

    private void deliverDue(long now) {
        List<KeyValue<String, String>> entries = new ArrayList<>();
        try (KeyValueIterator<String, String> all = states.all()) {
            all.forEachRemaining(entries::add);
        }
        for (KeyValue<String, String> entry : entries) {
            int split = entry.key.lastIndexOf('|');
            ExchangeAgreement agreement = agreements.get(entry.key.substring(0, split));
            if (agreement == null) {
                continue; // agreement withdrawn: nothing more leaves the node under it
            }
            String period = entry.key.substring(split + 1);
            DatasetState state = DatasetState.parse(entry.value);
            boolean closed = now >= agreement.finalFrom(period).toEpochMilli();
            boolean debounced = now >= state.lastAttemptAt() + agreement.resendMinInterval().toMillis()
                    && now >= costlyUntil.getOrDefault(entry.key, 0L);
            boolean closing = closed && state.status() == DatasetStatus.PROVISIONAL;
            if (state.isFinal()) {
                if (state.lateChangesHeld() > state.lateChangesAudited()) {
                    auditHeld(agreement, period, state, now, entry.key);
                }
            } else if ((state.dirty() && debounced) || closing) {
                long took = timed(agreement, () -> deliver(agreement, period, state,
                        closed ? DatasetStatus.FINAL : DatasetStatus.PROVISIONAL, now, entry.key, null));
                if (closed) {
                    costlyUntil.remove(entry.key);
                } else {
                    costlyUntil.put(entry.key, now + (1 + RESEND_COST_FACTOR) * TimeUnit.NANOSECONDS.toMillis(took));
                }
            }
        }
    }

    /**
     * LATE_CHANGES_HELD: how many changes of the FINAL dataset's cells wait for an operator's revision. No value and
     * no coordinate is logged or audited; the counts of the audit record are those of the FINAL revision delivered.
     */
    private void auditHeld(ExchangeAgreement agreement, String period, DatasetState state, long now, String stateKey) {
        String reason = state.lateChangesHeld() + " change(s) of the cells of FINAL revision " + state.revision()
                + " held: not sent until an operator requests a revision (POST /api/v1/datasets/" + agreement.id()
                + "/" + period + "/revisions)";
        String datasetId = datasetId(agreement, period, state.revision());
        DeliveryAuditRecord record = DeliveryAuditRecord.newBuilder()
                .setEvent(AuditEvent.LATE_CHANGES_HELD.name())
                .setDatasetId(datasetId)
                .setSender(sender)
                .setReceiver(agreement.partner())
                .setAgreementId(agreement.id())
                .setDataflow(agreement.dataflow().id())
                .setPeriod(period)
                .setRevision(state.revision())
                .setStatus(DatasetStatus.FINAL.name())
                .setObservationCount(0)
                .setSuppressedCount(0)
                .setChecksum(state.contentHash())
                .setReason(reason)
                .setAt(Instant.ofEpochMilli(now))
                .setLateChangesHeld(state.lateChangesHeld())
                .build();
        context.forward(new Record<>(datasetId, record, now));
        states.put(stateKey, state.markLateChangesAudited().format());
        log.info("{}: {}", stateKey, reason);
    }

    /**
     * An operator's revision of a FINAL dataset: the table as it is now goes out as the next FINAL revision with the
     * request's reason, unless the dataset is not FINAL, the table is unchanged, or it fails the disclosure check
     * (each REVISION_DECLINED in the audit, with the reason).
     */
    private void revise(RevisionRequest request, long now) {
        ExchangeAgreement agreement = agreements.get(request.getAgreementId());
        if (agreement == null) {
            log.warn("revision request for agreement '{}' ({}), which this node does not have (agreements: {}): "
                    + "ignored", request.getAgreementId(), request.getPeriod(), agreements.keySet());
            return;
        }
        String period = request.getPeriod();
        String stateKey = stateKey(agreement, period);
        DatasetState state = DatasetState.parse(states.get(stateKey));
        if (state == null || !state.isFinal()) {
            String reason = "revision requested by " + request.getRequestedBy() + " declined: the dataset is "
                    + (state == null || state.status() == null ? "not delivered yet"
                            : state.status() + " (revision " + state.revision() + ")")
                    + "; only a FINAL dataset is revised on request, a PROVISIONAL one follows its cells";
            declineRevision(agreement, period, state, request, now, reason, null);
            return;
        }
        timed(agreement, () -> deliver(agreement, period, state, DatasetStatus.FINAL, now, stateKey, request));
    }

    /**
     * Runs one delivery attempt and tells the listener how long it took on the stream thread: the table from the
     * period's cells, disclosure control with its linked tables, the pre-delivery check and the signature.
     */
    private long timed(ExchangeAgreement agreement, java.util.function.Supplier<DeliveryListener.Outcome> attempt) {
        long start = nanoClock.getAsLong();
        DeliveryListener.Outcome outcome = attempt.get();
        long took = nanoClock.getAsLong() - start;
        listener.attempted(agreement.partner(), agreement.dataflow().id(), outcome, took);
        return took;
    }

    private void declineRevision(ExchangeAgreement agreement, String period, DatasetState state,
            RevisionRequest request, long now, String reason, DatasetTable table) {
        DatasetTable audited = table != null ? table : DatasetTable.of(agreement, Map.of());
        long revision = state == null ? 0 : state.revision();
        ExchangeDataset unsent = dataset(agreement, period, revision + 1, DatasetStatus.FINAL, now, audited,
                request.getReason());
        DeliveryAuditRecord record = audit(unsent, audited, AuditEvent.REVISION_DECLINED, reason, now,
                state == null ? 0 : state.lateChangesHeld());
        context.forward(new Record<>(unsent.getDatasetId(), record, now));
        log.warn("{}: {}", stateKey(agreement, period), reason);
    }

    private DeliveryListener.Outcome deliver(ExchangeAgreement agreement, String period, DatasetState state,
            DatasetStatus status, long now, String stateKey, RevisionRequest revisionRequest) {
        Map<Cell, Long> periodCells = new LinkedHashMap<>();
        try (KeyValueIterator<String, Long> scan = cells.prefixScan(period + "|", new StringSerializer())) {
            while (scan.hasNext()) {
                KeyValue<String, Long> next = scan.next();
                Cell cell = Cell.parse(next.key.substring(period.length() + 1));
                if (cell.dataflow() == agreement.dataflow()) {
                    periodCells.put(cell, next.value);
                }
            }
        }
        List<PublishedTable> earlier = publishedBefore(agreement.partner(), period);
        DatasetTable table = DatasetTable.of(agreement, periodCells, earlier);
        String contentHash = contentHash(agreement, period, status, table);
        if (contentHash.equals(state.contentHash()) || (state.revision() == 0 && table.observations().isEmpty())) {
            if (revisionRequest != null) {
                declineRevision(agreement, period, state, revisionRequest, now, "revision requested by "
                        + revisionRequest.getRequestedBy() + " declined: nothing to revise, the table equals FINAL "
                        + "revision " + state.revision() + " (the held changes, if any, cancel out)", table);
                states.put(stateKey, new DatasetState(state.revision(), state.lastAttemptAt(), false, state.status(),
                        state.contentHash(), state.agreementVersion(), 0, 0, state.revisionReason()).format());
                return DeliveryListener.Outcome.DECLINED;
            }
            states.put(stateKey, state.clean(agreement.version()).format());
            return DeliveryListener.Outcome.UNCHANGED;
        }
        long revision = state.revision() + 1;
        DisclosureCheck.Verdict verdict = DisclosureCheck.check(agreement, table, earlier);
        if (!verdict.passes()) {
            if (revisionRequest != null) {
                states.put(stateKey, state.attempted(now).format());
                declineRevision(agreement, period, state, revisionRequest, now, "revision requested by "
                        + revisionRequest.getRequestedBy() + " declined: " + refusal(agreement, verdict), table);
                listener.refused(agreement.partner());
                return DeliveryListener.Outcome.DECLINED;
            }
            refuse(agreement, period, state, status, now, stateKey, table, contentHash, revision, verdict);
            return DeliveryListener.Outcome.REFUSED;
        }
        refused.remove(stateKey);
        String reason = revisionRequest == null ? null : revisionRequest.getReason();
        ExchangeDataset dataset = signer.sign(dataset(agreement, period, revision, status, now, table, reason));
        // to the partner's inbox on this cluster or, for a partner on another one, to the outbox; either way a topic
        // of this node's cluster, in the same transaction as the revision and the audit record (Delivery routes it)
        context.forward(new Record<>(Topics.datasetKey(sender, agreement.dataflow().id(), period), dataset, now));
        context.forward(new Record<>(dataset.getDatasetId(), audit(dataset, table, AuditEvent.DELIVERED, null, now,
                revisionRequest == null ? null : state.lateChangesHeld()), now));
        listener.delivered(agreement.partner(), table.observations().size(), table.suppressed());
        listener.suppression(agreement.partner(), table.disclosure().report());
        published.put(PublishedTable.key(agreement.partner(), period, agreement.id(), revision),
                PublishedTable.of(agreement, period, revision, status.name(), table).format());
        states.put(stateKey, new DatasetState(revision, now, false, status, contentHash, agreement.version(), 0, 0,
                reason != null ? reason : state.revisionReason()).format());
        log.info("delivered {} revision {} ({}{}) to {}: {} observations, {}", stateKey, revision, status,
                reason == null ? "" : ", an operator's revision requested by " + revisionRequest.getRequestedBy(),
                agreement.partner(), table.observations().size(), table.disclosure().report().summary());
        return DeliveryListener.Outcome.DELIVERED;
    }

    /**
     * Every table the partner holds for the period (each revision of each agreement): its own and, since every partner
     * holds the public release, those of {@link PublishedTable#linkedReceivers}; oldest key first per receiver.
     */
    private List<PublishedTable> publishedBefore(String partner, String period) {
        List<PublishedTable> tables = new ArrayList<>();
        for (String holder : PublishedTable.linkedReceivers(partner, receivers)) {
            try (KeyValueIterator<String, String> scan = published.prefixScan(PublishedTable.prefix(holder, period),
                    new StringSerializer())) {
                scan.forEachRemaining(entry -> {
                    PublishedTable table = PublishedTable.parse(entry.value);
                    tables.add(table.recorded(agreements.get(table.agreementId())));
                });
            }
        }
        return tables;
    }

    private static String refusal(ExchangeAgreement agreement, DisclosureCheck.Verdict verdict) {
        return "disclosure check failed: " + verdict.problems().size() + " of " + verdict.suppressed()
                + " suppressed cells fail the protection rule (k " + agreement.k() + ", p "
                + agreement.protectionPercent() + " %) alone or with the tables published before; not sent";
    }

    /**
     * Fails closed: the table is not sent, the audit records DISCLOSURE_REFUSED, the metric counts it, and the log
     * says how many cells failed but no value and no coordinate. The revision is not used up; the dataset is tried
     * again when its cells change.
     */
    private void refuse(ExchangeAgreement agreement, String period, DatasetState state, DatasetStatus status, long now,
            String stateKey, DatasetTable table, String contentHash, long revision, DisclosureCheck.Verdict verdict) {
        states.put(stateKey, state.attempted(now).format());
        if (contentHash.equals(refused.put(stateKey, contentHash))) {
            return; // the same table was refused before (a closing period retries it each schedule interval)
        }
        ExchangeDataset unsent = dataset(agreement, period, revision, status, now, table, null);
        String reason = refusal(agreement, verdict);
        context.forward(new Record<>(unsent.getDatasetId(), audit(unsent, table, AuditEvent.DISCLOSURE_REFUSED, reason,
                now, null), now));
        listener.refused(agreement.partner());
        log.warn("refused {} revision {} ({}) to {}: {}", stateKey, revision, status, agreement.partner(), reason);
    }

    private ExchangeDataset dataset(ExchangeAgreement agreement, String period, long revision, DatasetStatus status,
            long now, DatasetTable table, String revisionReason) {
        return ExchangeDataset.newBuilder()
                .setDatasetId(datasetId(agreement, period, revision))
                .setSender(sender)
                .setReceiver(agreement.partner())
                .setAgreementId(agreement.id())
                .setDataflow(agreement.dataflow().id())
                .setPeriod(period)
                .setRevision(revision)
                .setStatus(status.name())
                .setGeneratedAt(Instant.ofEpochMilli(now))
                .setObservations(new ArrayList<>(table.observations()))
                .setKeyId(signer.keyId())
                .setSignature(ByteBuffer.wrap(new byte[0]))
                .setRevisionReason(revisionReason)
                // what the agreement covers, signed, so the receiver's mirror can tell like from unlike
                .setKeep(new ArrayList<>(agreement.keep()))
                .setFilter(definitionFilter(agreement))
                .build();
    }

    private static Map<String, List<String>> definitionFilter(ExchangeAgreement agreement) {
        Map<String, List<String>> filter = new TreeMap<>();
        agreement.filter().forEach((dimension, codes) -> filter.put(dimension, new ArrayList<>(new TreeSet<>(codes))));
        return filter;
    }

    private String datasetId(ExchangeAgreement agreement, String period, long revision) {
        return sender + ":" + agreement.id() + ":" + period + ":r" + revision;
    }

    /** Checksum of the dataset with everything that changes on every delivery (id, revision, time) held fixed. */
    private String contentHash(ExchangeAgreement agreement, String period, DatasetStatus status, DatasetTable table) {
        // without the definition: datasets delivered before it was sent keep their hash, so an upgrade neither
        // re-sends every dataset nor holds a FINAL one as changed
        ExchangeDataset content = dataset(agreement, period, 0, status, 0, table, null);
        content.setKeep(null);
        content.setFilter(null);
        return DatasetSignatures.checksum(content);
    }

    private DeliveryAuditRecord audit(ExchangeDataset dataset, DatasetTable table, AuditEvent event, String reason,
            long now, Long lateChangesHeld) {
        return DeliveryAuditRecord.newBuilder()
                .setEvent(event.name())
                .setDatasetId(dataset.getDatasetId())
                .setSender(dataset.getSender())
                .setReceiver(dataset.getReceiver())
                .setAgreementId(dataset.getAgreementId())
                .setDataflow(dataset.getDataflow())
                .setPeriod(dataset.getPeriod())
                .setRevision(dataset.getRevision())
                .setStatus(dataset.getStatus())
                .setObservationCount(table.observations().size())
                .setSuppressedCount(table.suppressed())
                .setChecksum(DatasetSignatures.checksum(dataset))
                .setReason(reason)
                .setAt(Instant.ofEpochMilli(now))
                .setMarginCount(table.disclosure().report().margins())
                .setSuppressedMarginCount(table.disclosure().report().suppressedMargins())
                .setRevisionReason(dataset.getRevisionReason())
                .setLateChangesHeld(lateChangesHeld)
                .build();
    }

    private static String stateKey(ExchangeAgreement agreement, String period) {
        return agreement.id() + "|" + period;
    }
}
