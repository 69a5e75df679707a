package org.migrex.harmonization.stream;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The quarantine as {@code GET /api/v1/quarantine} shows it.
 *
 * @param records              records in quarantine now (latest version per record key)
 * @param reasonsByRule        number of reasons per rule id (a record with two reasons counts twice)
 * @param reasonsByField       number of reasons per template field
 * @param topUnmappedValues    per field, the most frequent values no rule could map, with their counts
 * @param oldestQuarantinedAt  when the oldest record still in quarantine was quarantined (null if none)
 * @param referenceDataVersion reference data in use now
 */
public record QuarantineReport(long records, Map<String, Long> reasonsByRule, Map<String, Long> reasonsByField,
                               Map<String, List<ValueCount>> topUnmappedValues, Instant oldestQuarantinedAt,
                               String referenceDataVersion) {

    /** A value and how many quarantined records carry it. */
    public record ValueCount(String value, long records) {
    }
}
