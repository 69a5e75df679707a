package org.migrex.harmonization.stream;

import org.migrex.schema.QuarantineReason;
import org.migrex.schema.QuarantinedRecord;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The quarantine as {@code GET /api/v1/quarantine} shows it.
 *
 * @param records              records in quarantine now (latest version per record key)
 * @param reasonsByRule        number of reasons per rule id (a record with two reasons counts twice)
 * @param reasonsByField       number of reasons per template field
 * @param topUnmappedValues    per field, the most frequent values no rule could map, with their counts
 * @param oldestQuarantinedAt  when the oldest record still in quarantine was quarantined (null if none)
 * @param referenceDataVersion reference data in use now
 * @param sources              the source ids whose records the report covers, sorted; null when it covers the whole
 *                             node (an operator's report); empty for an agency that owns no source
 */
public record QuarantineReport(long records, Map<String, Long> reasonsByRule, Map<String, Long> reasonsByField,
                               Map<String, List<ValueCount>> topUnmappedValues, Instant oldestQuarantinedAt,
                               String referenceDataVersion, List<String> sources) {

    /** A value and how many quarantined records carry it. */
    public record ValueCount(String value, long records) {
    }

    /**
     * The source a quarantined record belongs to: the first part of its key ({@code <source>|<record_id>},
     * {@code Topics.recordKey}) when its provenance names the same source, else null (a record whose key and
     * provenance disagree belongs to no agency; only the node's report shows it).
     */
    public static String sourceOf(String key, QuarantinedRecord quarantined) {
        int bar = key == null ? -1 : key.indexOf('|');
        if (bar < 0 || quarantined == null || quarantined.getRecord() == null
                || quarantined.getRecord().getProvenance() == null) {
            return null;
        }
        String source = key.substring(0, bar);
        return source.equals(quarantined.getRecord().getProvenance().getSource()) ? source : null;
    }

    /**
     * What an agency needs to fix its tables, over the records in quarantine now whose provenance source is one of
     * {@code sources} (every record when {@code sources} is null): their number, the number of reasons by rule and
     * by field, and per field the {@code top} most frequent values that could not be mapped, with their counts (ties
     * by value). Nothing in it comes from a record of another source.
     */
    public static QuarantineReport of(Iterator<QuarantinedRecord> quarantined, Set<String> sources,
                                      String referenceDataVersion, int top) {
        Map<String, Long> byRule = new TreeMap<>();
        Map<String, Long> byField = new TreeMap<>();
        Map<String, Map<String, Long>> values = new TreeMap<>();
        Instant oldest = null;
        long records = 0;
        while (quarantined.hasNext()) {
            QuarantinedRecord record = quarantined.next();
            if (sources != null && !sources.contains(record.getRecord().getProvenance().getSource())) {
                continue;
            }
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
        Map<String, List<ValueCount>> unmapped = new LinkedHashMap<>();
        values.forEach((field, counts) -> unmapped.put(field, counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .map(e -> new ValueCount(e.getKey(), e.getValue()))
                .toList()));
        return new QuarantineReport(records, byRule, byField, unmapped, oldest, referenceDataVersion,
                sources == null ? null : List.copyOf(new TreeSet<>(sources)));
    }
}
