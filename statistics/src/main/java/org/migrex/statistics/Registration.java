package org.migrex.statistics;

import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.MigrationScope;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * An in-scope registration of one person (scope {@code IN_SCOPE}, FLOW IMM or EMI), reduced to what the person-level
 * rules and the cells of MIGR_FLOW and MIGR_STOCK need. Parsed once, when the event is applied, so that nothing in
 * the rules parses strings.
 *
 * <p>Registrations are ordered by {@code (date, recordKey)}: on the same day the smaller record key
 * ({@link String#compareTo}) comes first, which is how the renewal rule breaks ties.
 *
 * @param recordKey            key on {@code <cc>.harmonized.events} ({@code <source>|<record_id>})
 * @param date                 event date
 * @param flow                 IMM or EMI
 * @param refArea              REF_AREA
 * @param counterpartArea      COUNTERPART_AREA, alpha-3 or {@code _U}
 * @param citizenship          alpha-3 or {@code _U}
 * @param countryOfBirth       alpha-3 or {@code _U}
 * @param sex                  CL_SEX code
 * @param ageGroup             CL_AGE group at the event
 * @param birthDate            birth date, or null when unknown (or impossible)
 * @param purpose              harmonized purpose code
 * @param durationClass        LONG_TERM, SHORT_TERM or {@code _U} (TEMPORARY is never in scope)
 * @param intendedDurationDays declared days, or null
 */
public record Registration(String recordKey, LocalDate date, Flow flow, String refArea, String counterpartArea,
                           String citizenship, String countryOfBirth, String sex, String ageGroup, LocalDate birthDate,
                           String purpose, String durationClass, Integer intendedDurationDays)
        implements Comparable<Registration> {

    /** {@code (date, recordKey)}. */
    public static final Comparator<Registration> ORDER =
            Comparator.comparing(Registration::date).thenComparing(Registration::recordKey);

    public Registration {
        Objects.requireNonNull(recordKey, "recordKey");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(flow, "flow");
    }

    /**
     * The registration that {@code event} (stored under {@code recordKey}) is, or null when it is none: a deletion
     * (null), an event without a FLOW, or one whose scope is not {@code IN_SCOPE} (out of scope for a reason, or
     * harmonized before definitions v2 and so of unknown scope).
     */
    public static Registration of(String recordKey, HarmonizedMigrationEvent event) {
        if (event == null || event.getFlow() == null || event.getScope() != MigrationScope.IN_SCOPE) {
            return null;
        }
        return new Registration(recordKey, LocalDate.parse(event.getEventDate()), Flow.of(event.getFlow()),
                event.getRefArea(), event.getCounterpartArea(), event.getCitizenship(), event.getCountryOfBirth(),
                event.getSex(), event.getAgeGroup(),
                event.getBirthDate() == null ? null : LocalDate.parse(event.getBirthDate()),
                event.getPurpose(), event.getDurationClass(), event.getIntendedDurationDays());
    }

    /** The end of the declared stay, {@code date + intendedDurationDays}, or null when no days were declared. */
    public LocalDate declaredEnd() {
        return intendedDurationDays == null ? null : date.plusDays(intendedDurationDays);
    }

    /** TIME_PERIOD: the month of the event, {@code yyyy-MM}. */
    public String timePeriod() {
        return date.toString().substring(0, 7);
    }

    @Override
    public int compareTo(Registration other) {
        return ORDER.compare(this, other);
    }
}
