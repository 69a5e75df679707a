package org.migrex.harmonization.stream;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.migrex.schema.IntakeQualityDelta;
import org.migrex.schema.QuarantineReason;
import org.migrex.schema.QuarantinedRecord;
import org.migrex.schema.Topics;
import org.migrex.statistics.Quality;
import org.migrex.statistics.QualityCounter;

/**
 * MIGR_QUALITY's quarantine counters of a quarantine entry, and the deltas when an entry replaces another: a record in
 * quarantine counts once in {@code QUARANTINED} and once in {@code QUARANTINED_<rule>} for each distinct rule among
 * its reasons, in its source (the record key's) and month (its event date's, or the month it was ingested when the
 * event date is not a date). Pure: derived from the entries alone, so the same entry always gives the same counters
 * and a release takes back exactly what the entry added.
 */
public final class QuarantineCounters {
    private QuarantineCounters() {
    }

    /** The counters of one entry (none for null): counter key {@code source|month|indicator} to +1. */
    static Map<String, IntakeQualityDelta> of(String recordKey, QuarantinedRecord entry) {
        Map<String, IntakeQualityDelta> counters = new LinkedHashMap<>();
        if (entry == null) {
            return counters;
        }
        String source = Quality.sourceOf(recordKey);
        String month = monthOf(entry);
        TreeSet<String> indicators = new TreeSet<>();
        indicators.add(QualityCounter.QUARANTINED.name());
        for (QuarantineReason reason : entry.getReasons()) {
            indicators.add(QualityCounter.quarantinedBy(reason.getRule()).name());
        }
        for (String indicator : indicators) {
            IntakeQualityDelta delta = new IntakeQualityDelta(source, month, indicator, 1L);
            counters.put(Topics.intakeQualityKey(delta), delta);
        }
        return counters;
    }

    /**
     * The deltas that turn {@code before}'s counters into {@code after}'s (either may be null: entering or leaving
     * quarantine); none when both count in the same counters, e.g. a replay that quarantines again for the same rules.
     */
    public static List<IntakeQualityDelta> deltas(String recordKey, QuarantinedRecord before,
            QuarantinedRecord after) {
        Map<String, IntakeQualityDelta> was = of(recordKey, before);
        Map<String, IntakeQualityDelta> is = of(recordKey, after);
        List<IntakeQualityDelta> deltas = new ArrayList<>();
        was.forEach((key, d) -> {
            if (!is.containsKey(key)) {
                deltas.add(new IntakeQualityDelta(d.getSource(), d.getPeriod(), d.getIndicator(), -1L));
            }
        });
        is.forEach((key, d) -> {
            if (!was.containsKey(key)) {
                deltas.add(d);
            }
        });
        return deltas;
    }

    private static String monthOf(QuarantinedRecord entry) {
        try {
            return YearMonth.from(LocalDate.parse(entry.getRecord().getEventDate())).toString();
        } catch (DateTimeParseException | NullPointerException e) {
            Instant ingested = entry.getRecord().getProvenance().getIngestedAt();
            return YearMonth.from(ingested.atZone(ZoneOffset.UTC)).toString();
        }
    }
}
