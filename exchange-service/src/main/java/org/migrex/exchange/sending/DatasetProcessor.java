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
import org.migrex.exchange.sending.cube.LinearTable;
import org.migrex.exchange.sending.cube.PublishedTable;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.ExchangeDataset;
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
 */
final class DatasetProcessor implements Processor<Cell, Long, String, SpecificRecord> {
    static final String PERIOD_CELLS = "period-cells";
    static final String DATASET_STATE = "dataset-state";
    /** Every delivered revision's table ({@link PublishedTable}, keyed partner|period|agreement|revision), for the audit. */
    public static final String PUBLISHED_TABLES = "published-tables";
    private static final Logger log = LoggerFactory.getLogger(DatasetProcessor.class);

    private final String sender;
    private final Map<String, ExchangeAgreement> agreements = new LinkedHashMap<>();
    private final DatasetSigner signer;
    private final DeliveryListener listener;
    private final Duration scheduleInterval;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Long> cells;
    private KeyValueStore<String, String> states;
    private KeyValueStore<String, String> published;
    /** Content hash of the last refused table per dataset: an unchanged refused table is not refused (audited) again. */
    private final Map<String, String> refused = new HashMap<>();

    DatasetProcessor(String sender, List<ExchangeAgreement> agreements, DatasetSigner signer,
            DeliveryListener listener, Duration scheduleInterval) {
        this.sender = sender;
        agreements.forEach(a -> this.agreements.put(a.id(), a));
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
                } else if (state.agreementVersion() != agreement.version()) {
                    states.put(stateKey, state.markDirty().format());
                }
            }
        }
    }

    @Override
    public void process(Record<Cell, Long> record) {
        Cell cell = record.key();
        long count = record.value() == null ? 0 : record.value();
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
            boolean debounced = now >= state.lastAttemptAt() + agreement.resendMinInterval().toMillis();
            boolean closing = closed && state.status() == DatasetStatus.PROVISIONAL;
            if ((state.dirty() && debounced) || closing) {
                deliver(agreement, period, state, closed ? DatasetStatus.FINAL : DatasetStatus.PROVISIONAL, now, entry.key);
            }
        }
    }

    private void deliver(ExchangeAgreement agreement, String period, DatasetState state, DatasetStatus status, long now,
            String stateKey) {
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
        DatasetTable table = DatasetTable.of(agreement, periodCells);
        String contentHash = contentHash(agreement, period, status, table);
        if (contentHash.equals(state.contentHash()) || (state.revision() == 0 && table.observations().isEmpty())) {
            states.put(stateKey, new DatasetState(state.revision(), state.lastAttemptAt(), false, state.status(),
                    state.contentHash(), agreement.version()).format());
            return;
        }
        long revision = state.revision() + 1;
        DisclosureCheck.Verdict verdict = DisclosureCheck.check(agreement, table);
        if (!verdict.passes()) {
            refuse(agreement, period, state, status, now, stateKey, table, contentHash, revision, verdict);
            return;
        }
        refused.remove(stateKey);
        ExchangeDataset dataset = signer.sign(dataset(agreement, period, revision, status, now, table));
        // to the partner's inbox on this cluster or, for a partner on another one, to the outbox; either way a topic
        // of this node's cluster, in the same transaction as the revision and the audit record (Delivery routes it)
        context.forward(new Record<>(Topics.datasetKey(sender, agreement.dataflow().id(), period), dataset, now));
        context.forward(new Record<>(dataset.getDatasetId(), audit(dataset, table, AuditEvent.DELIVERED, null, now), now));
        listener.delivered(agreement.partner(), table.observations().size(), table.suppressed());
        listener.suppression(agreement.partner(), table.disclosure().report());
        published.put(PublishedTable.key(agreement.partner(), period, agreement.id(), revision),
                publishedTable(agreement, period, revision, status, table).format());
        states.put(stateKey, new DatasetState(revision, now, false, status, contentHash, agreement.version()).format());
        log.info("delivered {} revision {} ({}) to {}: {} observations, {}", stateKey, revision, status,
                agreement.partner(), table.observations().size(), table.disclosure().report().summary());
    }

    /**
     * Fails closed: the table is not sent, the audit records DISCLOSURE_REFUSED, the metric counts it, and the log
     * says how many cells failed but no value and no coordinate. The revision is not used up; the dataset is tried
     * again when its cells change.
     */
    private void refuse(ExchangeAgreement agreement, String period, DatasetState state, DatasetStatus status, long now,
            String stateKey, DatasetTable table, String contentHash, long revision, DisclosureCheck.Verdict verdict) {
        states.put(stateKey, new DatasetState(state.revision(), now, false, state.status(), state.contentHash(),
                state.agreementVersion()).format());
        if (contentHash.equals(refused.put(stateKey, contentHash))) {
            return; // the same table was refused before (a closing period retries it each schedule interval)
        }
        ExchangeDataset unsent = dataset(agreement, period, revision, status, now, table);
        String reason = "disclosure check failed: " + verdict.problems().size() + " of " + verdict.suppressed()
                + " suppressed cells fail the protection rule (k " + agreement.k() + ", p "
                + agreement.protectionPercent() + " %); not sent";
        context.forward(new Record<>(unsent.getDatasetId(), audit(unsent, table, AuditEvent.DISCLOSURE_REFUSED, reason,
                now), now));
        listener.refused(agreement.partner());
        log.warn("refused {} revision {} ({}) to {}: {}", stateKey, revision, status, agreement.partner(), reason);
    }

    private static PublishedTable publishedTable(ExchangeAgreement agreement, String period, long revision,
            DatasetStatus status, DatasetTable table) {
        LinearTable truth = table.disclosure().table();
        Map<List<String>, Long> counts = new LinkedHashMap<>();
        Set<List<String>> suppressed = new HashSet<>();
        for (int cell = 0; cell < truth.size(); cell++) {
            counts.put(truth.coordinate(cell), truth.count(cell));
        }
        suppressed.addAll(table.disclosure().coordinates());
        return new PublishedTable(agreement.id(), agreement.version(), agreement.partner(), period, revision,
                status.name(), agreement.keep(), truth.totalled(), agreement.k(), agreement.protectionPercent(), counts,
                suppressed);
    }

    private ExchangeDataset dataset(ExchangeAgreement agreement, String period, long revision, DatasetStatus status,
            long now, DatasetTable table) {
        return ExchangeDataset.newBuilder()
                .setDatasetId(sender + ":" + agreement.id() + ":" + period + ":r" + revision)
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
                .build();
    }

    /** Checksum of the dataset with everything that changes on every delivery (id, revision, time) held fixed. */
    private String contentHash(ExchangeAgreement agreement, String period, DatasetStatus status, DatasetTable table) {
        return DatasetSignatures.checksum(dataset(agreement, period, 0, status, 0, table));
    }

    private DeliveryAuditRecord audit(ExchangeDataset dataset, DatasetTable table, AuditEvent event, String reason,
            long now) {
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
                .build();
    }

    private static String stateKey(ExchangeAgreement agreement, String period) {
        return agreement.id() + "|" + period;
    }
}
