package org.migrex.harmonization.stream;

import org.migrex.harmonization.reference.ReferenceData;
import org.migrex.harmonization.rules.HarmonizationOutcome;
import org.migrex.harmonization.rules.Harmonizer;
import org.migrex.schema.QuarantinedRecord;
import org.migrex.schema.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Re-runs the quarantined records with freshly loaded reference data.
 *
 * <p>For each record key k in quarantine, in Kafka transactions of {@code batchSize} keys, each holding the
 * {@link QuarantineView#lock()} so that it never interleaves with the live stream:
 * <ul>
 *   <li>if the view no longer holds the same version of k (same batch and ingestion time) that the replay started
 *       from, k is <em>superseded</em>: the live stream has written a newer version meanwhile, and the replay leaves
 *       it alone;</li>
 *   <li>if the record now maps, its event goes to {@code <cc>.harmonized.events}[k] and a tombstone to
 *       {@code <cc>.quarantine}[k];</li>
 *   <li>otherwise it stays: written again to {@code <cc>.quarantine}[k] with the current reasons, reference data
 *       version and {@code replayCount + 1}.</li>
 * </ul>
 * Replaying twice, or crashing mid-replay and replaying again, writes the same event under the same key again;
 * downstream aggregation is a table keyed by record key, so that changes nothing.
 */
public class QuarantineReplayer {
    private static final Logger log = LoggerFactory.getLogger(QuarantineReplayer.class);

    private final Topics topics;
    private final Harmonizer harmonizer;
    private final ReferenceDataHolder reference;
    private final QuarantineView view;
    private final KafkaTemplate<Object, Object> template;
    private final HarmonizationMetrics metrics;
    private final Clock clock;
    private final int batchSize;

    public QuarantineReplayer(Topics topics, Harmonizer harmonizer, ReferenceDataHolder reference,
                              QuarantineView view, KafkaTemplate<Object, Object> template,
                              HarmonizationMetrics metrics, Clock clock, int batchSize) {
        this.topics = topics;
        this.harmonizer = harmonizer;
        this.reference = reference;
        this.view = view;
        this.template = template;
        this.metrics = metrics;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** What a replay did. */
    public record ReplayResult(int replayed, int harmonized, int stillQuarantined, int superseded,
                               String referenceDataVersion) {
    }

    /** Reloads the reference data and replays every record in quarantine; one replay at a time. */
    public synchronized ReplayResult replay() {
        ReferenceData data = reference.reload();
        List<Map.Entry<String, QuarantinedRecord>> entries = new ArrayList<>(view.snapshot().entrySet());
        int harmonized = 0;
        int still = 0;
        int superseded = 0;
        for (int from = 0; from < entries.size(); from += batchSize) {
            List<Map.Entry<String, QuarantinedRecord>> batch = entries.subList(from, Math.min(entries.size(),
                    from + batchSize));
            int[] counts = replayBatch(batch, data);
            harmonized += counts[0];
            still += counts[1];
            superseded += counts[2];
        }
        ReplayResult result = new ReplayResult(entries.size(), harmonized, still, superseded, data.version());
        log.info("quarantine replay with reference data {}: {}", data.version(), result);
        return result;
    }

    private int[] replayBatch(List<Map.Entry<String, QuarantinedRecord>> batch, ReferenceData data) {
        view.lock().lock();
        try {
            List<Runnable> afterCommit = new ArrayList<>();
            int[] result = template.executeInTransaction(ops -> {
                afterCommit.clear();
                int[] counts = new int[3];
                for (Map.Entry<String, QuarantinedRecord> entry : batch) {
                    String key = entry.getKey();
                    QuarantinedRecord replayed = entry.getValue();
                    QuarantinedRecord current = view.get(key);
                    if (current == null || !sameVersion(current, replayed)) {
                        counts[2]++;
                        continue;
                    }
                    HarmonizationOutcome outcome = harmonizer.harmonize(current.getRecord(), data);
                    switch (outcome) {
                        case HarmonizationOutcome.Harmonized h -> {
                            ops.send(topics.harmonizedEvents().name(), key, h.event());
                            ops.send(topics.quarantine().name(), key, null);
                            afterCommit.add(() -> {
                                view.apply(key, null);
                                metrics.harmonized("replay");
                            });
                            counts[0]++;
                        }
                        case HarmonizationOutcome.Quarantined q -> {
                            QuarantinedRecord again = QuarantinedRecord.newBuilder(current)
                                    .setReasons(q.reasons())
                                    .setReferenceDataVersion(q.referenceDataVersion())
                                    .setQuarantinedAt(clock.instant())
                                    .setReplayCount(current.getReplayCount() + 1)
                                    .build();
                            ops.send(topics.quarantine().name(), key, again);
                            afterCommit.add(() -> {
                                view.apply(key, again);
                                metrics.quarantined("replay", q.reasons());
                            });
                            counts[1]++;
                        }
                    }
                }
                return counts;
            });
            // executeInTransaction has committed: the view and the metrics follow what was committed
            afterCommit.forEach(Runnable::run);
            return result;
        } finally {
            view.lock().unlock();
        }
    }

    /** The same raw version: same batch, line and ingestion time. */
    static boolean sameVersion(QuarantinedRecord a, QuarantinedRecord b) {
        var pa = a.getRecord().getProvenance();
        var pb = b.getRecord().getProvenance();
        return pa.getBatchId().equals(pb.getBatchId()) && pa.getLine() == pb.getLine()
                && pa.getIngestedAt().equals(pb.getIngestedAt()) && a.getReplayCount() == b.getReplayCount();
    }
}
