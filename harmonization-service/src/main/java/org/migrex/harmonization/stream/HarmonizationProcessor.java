package org.migrex.harmonization.stream;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.migrex.harmonization.reference.ReferenceData;
import org.migrex.harmonization.rules.HarmonizationOutcome;
import org.migrex.harmonization.rules.Harmonizer;
import org.migrex.schema.IntakeQualityDelta;
import org.migrex.schema.QuarantinedRecord;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Harmonizes the raw records of one stream task and keeps that task's part of the quarantine as a state store.
 * Everything it forwards and every store change is in the task's Kafka Streams transaction (exactly_once_v2), with
 * the input offsets: a crash at any point replays from the last commit, and store and topics agree.
 *
 * <p>Per record key k, live:
 * <ul>
 *   <li>harmonized: the event to {@code harmonized.events}[k]; if k is in the store, it is removed and a tombstone
 *       goes to {@code quarantine}[k];</li>
 *   <li>quarantined: the record with every reason to the store and to {@code quarantine}[k], and a tombstone to
 *       {@code harmonized.events}[k], so a correction that no longer maps withdraws its earlier event;</li>
 *   <li>raw tombstone: tombstones to {@code harmonized.events}[k], and to {@code quarantine}[k] if k is in the store.</li>
 * </ul>
 *
 * <p>Replay: a wall-clock punctuation asks {@link QuarantineReplay} for a request; the task then walks its store in
 * key order, {@code chunkSize} entries per punctuation (so the live stream keeps flowing between chunks), with the
 * reference data now in use. An entry that now maps goes to {@code harmonized.events}[k] and leaves the store with a
 * tombstone to {@code quarantine}[k]; one that does not is written again to the store and {@code quarantine}[k] with
 * the current reasons and {@code replayCount + 1}. The cursor (last key done) is kept in the replay store, in the same
 * transaction as the chunk, so a crash mid-replay resumes after the last committed chunk: no entry is replayed twice
 * and none is skipped.
 */
public class HarmonizationProcessor implements Processor<String, RawMigrationRecord, String, HarmonizationOutput> {
    private static final Logger log = LoggerFactory.getLogger(HarmonizationProcessor.class);
    static final String CURSOR = "cursor";
    static final String REQUEST = "request";

    private final Harmonizer harmonizer;
    private final Supplier<ReferenceData> reference;
    private final Clock clock;
    private final HarmonizationMetrics metrics;
    private final QuarantineReplay replay;
    private final int chunkSize;
    private final Duration replayCheckInterval;

    private ProcessorContext<String, HarmonizationOutput> context;
    private KeyValueStore<String, QuarantinedRecord> quarantine;
    private KeyValueStore<String, String> replayState;
    private TaskId task;
    private Cancellable punctuation;

    HarmonizationProcessor(Harmonizer harmonizer, Supplier<ReferenceData> reference, Clock clock,
                           HarmonizationMetrics metrics, QuarantineReplay replay, int chunkSize,
                           Duration replayCheckInterval) {
        this.harmonizer = harmonizer;
        this.reference = reference;
        this.clock = clock;
        this.metrics = metrics;
        this.replay = replay;
        this.chunkSize = chunkSize;
        this.replayCheckInterval = replayCheckInterval;
    }

    @Override
    public void init(ProcessorContext<String, HarmonizationOutput> context) {
        this.context = context;
        this.quarantine = context.getStateStore(HarmonizationTopology.QUARANTINE_STORE);
        this.replayState = context.getStateStore(HarmonizationTopology.REPLAY_STORE);
        this.task = context.taskId();
        replay.register(task);
        punctuation = context.schedule(replayCheckInterval, PunctuationType.WALL_CLOCK_TIME, now -> replayChunk());
    }

    @Override
    public void process(Record<String, RawMigrationRecord> record) {
        String key = record.key();
        RawMigrationRecord raw = record.value();
        if (raw == null) {
            context.forward(record.withValue(HarmonizationOutput.event(null)));
            withdrawFromQuarantine(record);
            metrics.deleted("live");
            return;
        }
        switch (harmonizer.harmonize(raw, reference.get())) {
            case HarmonizationOutcome.Harmonized harmonized -> {
                context.forward(record.withValue(HarmonizationOutput.event(harmonized.event())));
                withdrawFromQuarantine(record);
                metrics.harmonized("live");
            }
            case HarmonizationOutcome.Quarantined quarantined -> {
                QuarantinedRecord entry = QuarantinedRecord.newBuilder()
                        .setRecord(raw)
                        .setReasons(quarantined.reasons())
                        .setReferenceDataVersion(quarantined.referenceDataVersion())
                        .setQuarantinedAt(clock.instant())
                        .setReplayCount(0)
                        .build();
                setQuarantined(key, entry, record.timestamp());
                context.forward(record.withValue(HarmonizationOutput.event(null)));
                metrics.quarantined("live", quarantined.reasons());
            }
        }
    }

    private void withdrawFromQuarantine(Record<String, ?> record) {
        if (quarantine.get(record.key()) != null) {
            setQuarantined(record.key(), null, record.timestamp());
        }
    }

    /**
     * Every change of the quarantine goes through here: the store, the {@code <cc>.quarantine} entry (or its
     * tombstone) and MIGR_QUALITY's quarantine counters ({@link QuarantineCounters}), {@code -1} for the counters of
     * the entry it replaces and {@code +1} for the new one's, in the same transaction.
     */
    private void setQuarantined(String key, QuarantinedRecord entry, long timestamp) {
        QuarantinedRecord before = quarantine.get(key);
        if (entry == null) {
            quarantine.delete(key);
        } else {
            quarantine.put(key, entry);
        }
        context.forward(new Record<>(key, HarmonizationOutput.quarantine(entry), timestamp));
        for (IntakeQualityDelta delta : QuarantineCounters.deltas(key, before, entry)) {
            // keyed by the counter, as ingestion's deltas are: the record key would only spread one counter over
            // partitions
            context.forward(new Record<>(Topics.intakeQualityKey(delta), HarmonizationOutput.intakeQuality(delta),
                    timestamp));
        }
    }

    /** One chunk of a replay, if one is asked for or was left unfinished (by a crash or a rebalance). */
    void replayChunk() {
        String requestId = replayState.get(REQUEST);
        if (requestId == null) {
            var request = replay.pendingFor(task);
            if (request.isEmpty()) {
                return;
            }
            requestId = request.get().id;
            replayState.put(REQUEST, requestId);
            replayState.delete(CURSOR);
            log.info("task {}: quarantine replay {} starts", task, requestId);
        }
        String cursor = replayState.get(CURSOR);
        List<KeyValue<String, QuarantinedRecord>> chunk = new ArrayList<>(chunkSize);
        // copied out before writing: the writes below must not run under an open iterator of the same store
        try (KeyValueIterator<String, QuarantinedRecord> entries = quarantine.range(cursor, null)) {
            while (entries.hasNext() && chunk.size() < chunkSize) {
                KeyValue<String, QuarantinedRecord> entry = entries.next();
                if (!entry.key.equals(cursor)) {
                    chunk.add(entry);
                }
            }
        }
        ReferenceData data = reference.get();
        int harmonized = 0;
        int still = 0;
        long timestamp = context.currentSystemTimeMs();
        for (KeyValue<String, QuarantinedRecord> entry : chunk) {
            QuarantinedRecord current = entry.value;
            switch (harmonizer.harmonize(current.getRecord(), data)) {
                case HarmonizationOutcome.Harmonized h -> {
                    context.forward(new Record<>(entry.key, HarmonizationOutput.event(h.event()), timestamp));
                    setQuarantined(entry.key, null, timestamp);
                    metrics.harmonized("replay");
                    harmonized++;
                }
                case HarmonizationOutcome.Quarantined q -> {
                    QuarantinedRecord again = QuarantinedRecord.newBuilder(current)
                            .setReasons(q.reasons())
                            .setReferenceDataVersion(q.referenceDataVersion())
                            .setQuarantinedAt(clock.instant())
                            .setReplayCount(current.getReplayCount() + 1)
                            .build();
                    setQuarantined(entry.key, again, timestamp);
                    metrics.quarantined("replay", q.reasons());
                    still++;
                }
            }
        }
        var request = replay.byId(requestId);
        if (request.isPresent()) {
            request.get().counted(harmonized, still);
        }
        if (chunk.size() < chunkSize) {
            replayState.delete(REQUEST);
            replayState.delete(CURSOR);
            request.ifPresent(r -> r.done(task));
            log.info("task {}: quarantine replay {} done", task, requestId);
        } else {
            replayState.put(CURSOR, chunk.get(chunk.size() - 1).key);
        }
    }

    @Override
    public void close() {
        if (punctuation != null) {
            punctuation.cancel();
        }
        replay.unregister(task);
    }
}
