package org.migrex.statistics;

import org.migrex.schema.HarmonizedMigrationEvent;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
     * A CITIZENSHIP_GRANT event reduced to what {@link #personCell} reads: what the exchange keeps per person (the
     * person store and the repartition by person carry this, not the whole event).
     *
     * @param recordKey  key on {@code <cc>.harmonized.events}
     * @param eventDate  ISO {@code yyyy-MM-dd}
     * @param refArea    REF_AREA
     * @param citizenship the event's citizenship (read as the one held before the grant)
     * @param sex        CL_SEX
     * @param ageGroup   CL_AGE at the grant
     * @param timePeriod month of the grant
     */
    public record Grant(String recordKey, String eventDate, String refArea, String citizenship, String sex,
                        String ageGroup, String timePeriod) {
        public Grant {
            Objects.requireNonNull(recordKey, "recordKey");
            Objects.requireNonNull(eventDate, "eventDate");
        }

        /** Writes the fields in record order as modified UTF-8. */
        public void writeTo(DataOutput out) throws IOException {
            out.writeUTF(recordKey);
            out.writeUTF(eventDate);
            out.writeUTF(refArea);
            out.writeUTF(citizenship);
            out.writeUTF(sex);
            out.writeUTF(ageGroup);
            out.writeUTF(timePeriod);
        }

        /** The grant {@link #writeTo} wrote. */
        public static Grant readFrom(DataInput in) throws IOException {
            return new Grant(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(),
                    in.readUTF());
        }
    }

    /** The grant {@code event} (stored under {@code recordKey}) is, or null when it is no CITIZENSHIP_GRANT. */
    public static Grant grantOf(String recordKey, HarmonizedMigrationEvent event) {
        if (event == null || !"CITIZENSHIP_GRANT".equals(event.getEventType())) {
            return null;
        }
        return new Grant(recordKey, event.getEventDate(), event.getRefArea(), event.getCitizenship(), event.getSex(),
                event.getAgeGroup(), event.getTimePeriod());
    }

    /**
     * The cell one person counts in, given all of that person's current events by record key (any event types; only
     * grants are read), or empty when the person has no grant. For the stream: compute it before and after each of
     * the person's records changes, and move the person from the old cell to the new one.
     */
    public static Optional<AcquisitionObservation> personCell(Map<String, HarmonizedMigrationEvent> eventsByKey) {
        List<Grant> grants = new ArrayList<>();
        eventsByKey.forEach((key, event) -> {
            Grant grant = grantOf(key, event);
            if (grant != null) {
                grants.add(grant);
            }
        });
        return personCellOfGrants(grants);
    }

    /** {@link #personCell} over a person's grants (record keys unique): the earliest by (eventDate, recordKey). */
    public static Optional<AcquisitionObservation> personCellOfGrants(Collection<Grant> grants) {
        Grant first = null;
        for (Grant grant : grants) {
            // ISO yyyy-MM-dd dates order as strings
            int byDate = first == null ? -1 : grant.eventDate().compareTo(first.eventDate());
            if (byDate < 0 || byDate == 0 && grant.recordKey().compareTo(first.recordKey()) < 0) {
                first = grant;
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        String previous = first.citizenship().equals(first.refArea()) ? Codes.UNKNOWN : first.citizenship();
        return Optional.of(new AcquisitionObservation(first.refArea(), previous, first.sex(), first.ageGroup(),
                first.timePeriod()));
    }
}
