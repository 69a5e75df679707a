package org.migrex.harmonization.stream;

import org.migrex.schema.QuarantineReason;
import org.migrex.schema.QuarantinedRecord;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The records that are in quarantine now: for each record key, the latest quarantined version, removed again when a
 * newer version of the record is harmonized or deleted, or when a replay harmonizes it.
 *
 * <p>Built in memory: at start by reading {@code <cc>.quarantine} from the beginning (read_committed), then kept
 * current by the live stream and the replay, which update it under {@link #lock()} as they write. The lock orders
 * every write for a key: the live stream and a replay never interleave, so a replay cannot write an older version of
 * a record after the live stream wrote a newer one.
 */
public class QuarantineView {
    private final Map<String, QuarantinedRecord> entries = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    /** Held by whoever writes outcomes for record keys. */
    public ReentrantLock lock() {
        return lock;
    }

    public QuarantinedRecord get(String key) {
        return entries.get(key);
    }

    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    /** Applies one record of the quarantine topic: a value replaces, a tombstone (null) removes. */
    public void apply(String key, QuarantinedRecord value) {
        if (value == null) {
            entries.remove(key);
        } else {
            entries.put(key, value);
        }
    }

    public int size() {
        return entries.size();
    }

    /** A copy of the current entries. */
    public Map<String, QuarantinedRecord> snapshot() {
        return new HashMap<>(entries);
    }

    /**
     * What an agency needs to fix its tables: the number of records in quarantine, the number of reasons by rule and by
     * field, and per field the {@code top} most frequent values that could not be mapped, with their counts (ties by
     * value).
     */
    public QuarantineReport report(String referenceDataVersion, int top) {
        Map<String, Long> byRule = new TreeMap<>();
        Map<String, Long> byField = new TreeMap<>();
        Map<String, Map<String, Long>> values = new TreeMap<>();
        Instant oldest = null;
        int records = 0;
        for (QuarantinedRecord record : entries.values()) {
            records++;
            if (oldest == null || record.getQuarantinedAt().isBefore(oldest)) {
                oldest = record.getQuarantinedAt();
            }
            for (QuarantineReason reason : record.getReasons()) {
                byRule.merge(reason.getRule(), 1L, Long::sum);
                byField.merge(reason.getField(), 1L, Long::sum);
                if (reason.getValue() != null) {
                    values.computeIfAbsent(reason.getField(), f -> new HashMap<>())
                            .merge(reason.getValue(), 1L, Long::sum);
                }
            }
        }
        Map<String, List<QuarantineReport.ValueCount>> unmapped = new LinkedHashMap<>();
        values.forEach((field, counts) -> unmapped.put(field, counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .map(e -> new QuarantineReport.ValueCount(e.getKey(), e.getValue()))
                .toList()));
        return new QuarantineReport(records, byRule, byField, unmapped, oldest, referenceDataVersion);
    }
}
