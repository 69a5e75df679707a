package org.migrex.statistics;

import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.MigrationScope;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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

    /** Written for an absent date or number. */
    private static final int ABSENT = Integer.MIN_VALUE;

    /**
     * Writes this registration's fields in record order: strings as modified UTF-8, dates as epoch days, absent
     * values as {@code Integer.MIN_VALUE}. The person store and the repartition by person both use this encoding.
     */
    public void writeTo(DataOutput out) throws IOException {
        out.writeUTF(recordKey);
        out.writeInt((int) date.toEpochDay());
        out.writeByte(flow.ordinal());
        out.writeUTF(refArea);
        out.writeUTF(counterpartArea);
        out.writeUTF(citizenship);
        out.writeUTF(countryOfBirth);
        out.writeUTF(sex);
        out.writeUTF(ageGroup);
        out.writeInt(birthDate == null ? ABSENT : (int) birthDate.toEpochDay());
        out.writeUTF(purpose);
        out.writeUTF(durationClass);
        out.writeInt(intendedDurationDays == null ? ABSENT : intendedDurationDays);
    }

    /** The registration {@link #writeTo} wrote. */
    public static Registration readFrom(DataInput in) throws IOException {
        String recordKey = in.readUTF();
        LocalDate date = LocalDate.ofEpochDay(in.readInt());
        int flow = in.readByte();
        if (flow < 0 || flow >= Flow.values().length) {
            throw new IOException("flow ordinal " + flow + " is not one of " + java.util.Arrays.toString(Flow.values()));
        }
        String refArea = in.readUTF();
        String counterpart = in.readUTF();
        String citizenship = in.readUTF();
        String countryOfBirth = in.readUTF();
        String sex = in.readUTF();
        String ageGroup = in.readUTF();
        int birth = in.readInt();
        String purpose = in.readUTF();
        String durationClass = in.readUTF();
        int days = in.readInt();
        return new Registration(recordKey, date, Flow.values()[flow], refArea, counterpart, citizenship,
                countryOfBirth, sex, ageGroup, birth == ABSENT ? null : LocalDate.ofEpochDay(birth), purpose,
                durationClass, days == ABSENT ? null : days);
    }
}
