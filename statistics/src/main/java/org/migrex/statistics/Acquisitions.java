package org.migrex.statistics;

import org.migrex.schema.HarmonizedMigrationEvent;

import java.util.Map;
import java.util.Optional;

/**
 * MIGR_ACQ counts persons granted citizenship, by previous citizenship, sex and age (statistical definitions v2).
 *
 * <p>Of one person's CITIZENSHIP_GRANT events, the earliest by {@code (eventDate, recordKey)} counts, in its own
 * month and attributes; the others are duplicates. A person acquires the node's citizenship once: a second grant
 * record is the same act entered again, and counting it would count the person twice, possibly in two periods.
 * Previous citizenship is the event's {@code citizenship}, read as the citizenship held before the grant; when it
 * already is REF_AREA's (the register was updated before the export) the previous one is unknown, {@code _U}.
 */
public final class Acquisitions {

    /** The MIGR_ACQ cell of a person: REF_AREA, CITIZENSHIP (previous), SEX, AGE, TIME_PERIOD. */
    public record AcquisitionObservation(String refArea, String previousCitizenship, String sex, String ageGroup,
                                         String timePeriod) {
    }

    private Acquisitions() {
    }

    /**
     * The cell one person counts in, given all of that person's current events by record key (any event types; only
     * grants are read), or empty when the person has no grant. For the stream: compute it before and after each of
     * the person's records changes, and move the person from the old cell to the new one.
     */
    public static Optional<AcquisitionObservation> personCell(Map<String, HarmonizedMigrationEvent> eventsByKey) {
        String firstKey = null;
        HarmonizedMigrationEvent first = null;
        for (Map.Entry<String, HarmonizedMigrationEvent> entry : eventsByKey.entrySet()) {
            HarmonizedMigrationEvent event = entry.getValue();
            if (event == null || !"CITIZENSHIP_GRANT".equals(event.getEventType())) {
                continue;
            }
            // ISO yyyy-MM-dd dates order as strings
            int byDate = first == null ? -1 : event.getEventDate().compareTo(first.getEventDate());
            if (byDate < 0 || byDate == 0 && entry.getKey().compareTo(firstKey) < 0) {
                first = event;
                firstKey = entry.getKey();
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        String previous = first.getCitizenship().equals(first.getRefArea()) ? Codes.UNKNOWN : first.getCitizenship();
        return Optional.of(new AcquisitionObservation(first.getRefArea(), previous, first.getSex(),
                first.getAgeGroup(), first.getTimePeriod()));
    }
}
