package org.migrex.statistics;

import org.migrex.schema.HarmonizedMigrationEvent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The in-scope registrations of one person (pseudonym) on a node, and which of them count: persons, not
 * registrations (statistical definitions v2).
 *
 * <p><b>Rule.</b> For registrations ordered by {@code (date, recordKey)}, {@code e' < e} when
 * {@code e'.date < e.date}, or {@code e'.date == e.date && e'.recordKey < e.recordKey}. An IMM {@code e} is a
 * <i>renewal</i>, and does not count, when
 * <pre>
 *   exists IMM e' of the person:  e' &lt; e
 *                                 and e'.date &ge; e.date.minusMonths(12)
 *                                 and there is no EMI x of the person with e'.date &le; x.date &le; e.date
 * </pre>
 * and an EMI is a repeat (also called a renewal in MIGR_QUALITY) by the same formula with IMM and EMI swapped. Every
 * other registration counts, and its cell takes its own attributes.
 * <ul>
 *   <li>"Within the 12 months before e" includes the day 12 calendar months before: {@code e.date.minusMonths(12)}
 *       ({@link LocalDate#minusMonths} clamps 29 February to 28 February in a common year). A registration exactly one
 *       calendar year after the previous one is still a renewal; one day more and it counts.</li>
 *   <li>"Between" is inclusive of both days: an emigration dated on the day of either registration interrupts the
 *       chain. A register cannot order a departure and an arrival of one day, and a same-day emigration is more
 *       often a real departure than a clerical artefact (moves inside the country are out of scope anyway).</li>
 *   <li>{@code e'} is any in-scope registration, counted or not, as the definition reads. A chain of renewals, each
 *       within 12 months of the previous one, therefore counts once, however long the chain: a person who re-registers
 *       every 11 months is one immigrant, not one every year.</li>
 * </ul>
 * A correction or deletion re-derives every verdict of the person, so deleting the first registration can make the
 * next one count.
 *
 * <p><b>Incremental form.</b> An instance is immutable and small: the person's in-scope registrations only (events
 * out of scope never count and never affect another's verdict), sorted. {@link #apply} returns the new state and the
 * {@link Change} in counted registrations and renewals, which the aggregation adds to and subtracts from its cells.
 * It is meant to be the value of a state store keyed by pseudonym ({@link #toBytes()} and {@link #fromBytes} are a
 * compact encoding for its serde, about 60 to 90 bytes per registration). When a correction moves a record to another
 * pseudonym, the caller applies a deletion to the old person and the event to the new one.
 */
public final class PersonHistory {
    private static final PersonHistory EMPTY = new PersonHistory(new Registration[0]);

    /** Sorted by {@link Registration#ORDER}; record keys unique. */
    private final Registration[] registrations;

    private PersonHistory(Registration[] registrations) {
        this.registrations = registrations;
    }

    /** A person with no in-scope registration. */
    public static PersonHistory empty() {
        return EMPTY;
    }

    /** The history of the given in-scope registrations (record keys must be unique). */
    public static PersonHistory of(List<Registration> registrations) {
        Registration[] sorted = registrations.toArray(Registration[]::new);
        Arrays.sort(sorted, Registration.ORDER);
        for (int i = 1; i < sorted.length; i++) {
            for (int j = 0; j < i; j++) {
                if (sorted[j].recordKey().equals(sorted[i].recordKey())) {
                    throw new IllegalArgumentException("record key " + sorted[i].recordKey() + " appears twice");
                }
            }
        }
        return sorted.length == 0 ? EMPTY : new PersonHistory(sorted);
    }

    /** A new state and what changed in it. */
    public record Update(PersonHistory history, Change change) {
    }

    /**
     * What one applied record changed: registrations that now count ({@code countedAdded}) or no longer count
     * ({@code countedRemoved}), and likewise for renewals. A correction that changes a counted registration's
     * attributes removes the old version and adds the new one. Each list is in {@link Registration#ORDER}.
     */
    public record Change(List<Registration> countedAdded, List<Registration> countedRemoved,
                         List<Registration> renewalsAdded, List<Registration> renewalsRemoved) {
        /** Nothing changed. */
        public static final Change NONE = new Change(List.of(), List.of(), List.of(), List.of());

        public Change {
            countedAdded = List.copyOf(countedAdded);
            countedRemoved = List.copyOf(countedRemoved);
            renewalsAdded = List.copyOf(renewalsAdded);
            renewalsRemoved = List.copyOf(renewalsRemoved);
        }

        public boolean isEmpty() {
            return countedAdded.isEmpty() && countedRemoved.isEmpty() && renewalsAdded.isEmpty()
                    && renewalsRemoved.isEmpty();
        }
    }

    /**
     * Applies the current version of record {@code recordKey}: {@code event} (a new record or a correction) or null
     * (a deletion). Events that are not in-scope registrations ({@link Registration#of}) remove the key, since a
     * correction may take a registration out of scope.
     */
    public Update apply(String recordKey, HarmonizedMigrationEvent event) {
        return put(recordKey, Registration.of(recordKey, event));
    }

    /**
     * Puts {@code registration} under {@code recordKey}, or removes the key when null: {@link #apply} for a caller
     * that has already reduced the event to its registration (the exchange's repartition by person carries only
     * that).
     */
    public Update put(String recordKey, Registration registration) {
        if (registration != null && !registration.recordKey().equals(recordKey)) {
            throw new IllegalArgumentException("registration of record " + registration.recordKey()
                    + " put under record key " + recordKey);
        }
        int at = indexOf(recordKey);
        if (at < 0 && registration == null || at >= 0 && registrations[at].equals(registration)) {
            return new Update(this, Change.NONE); // a duplicate, or a deletion of what was never in scope
        }
        List<Registration> next = new ArrayList<>(registrations.length + 1);
        for (int i = 0; i < registrations.length; i++) {
            if (i != at) {
                next.add(registrations[i]);
            }
        }
        if (registration != null) {
            next.add(registration);
        }
        PersonHistory after = of(next);
        Set<Registration> countedBefore = new HashSet<>(counted());
        Set<Registration> countedAfter = new HashSet<>(after.counted());
        Set<Registration> renewalsBefore = new HashSet<>(renewals());
        Set<Registration> renewalsAfter = new HashSet<>(after.renewals());
        return new Update(after, new Change(minus(countedAfter, countedBefore), minus(countedBefore, countedAfter),
                minus(renewalsAfter, renewalsBefore), minus(renewalsBefore, renewalsAfter)));
    }

    /** The registrations that count, in {@link Registration#ORDER}. */
    public List<Registration> counted() {
        return select(true);
    }

    /** The renewals (IMM) and repeats (EMI): in scope but not counted, in {@link Registration#ORDER}. */
    public List<Registration> renewals() {
        return select(false);
    }

    /** Every in-scope registration of the person, in {@link Registration#ORDER}. */
    public List<Registration> registrations() {
        return Collections.unmodifiableList(Arrays.asList(registrations));
    }

    public boolean isEmpty() {
        return registrations.length == 0;
    }

    private List<Registration> select(boolean counted) {
        List<Registration> selected = new ArrayList<>();
        for (int i = 0; i < registrations.length; i++) {
            if (isRenewal(i) != counted) {
                selected.add(registrations[i]);
            }
        }
        return selected;
    }

    /**
     * Whether registration {@code i} is a renewal. Only the latest earlier registration {@code p} of the same
     * direction needs checking: if any earlier {@code e'} satisfies the rule, {@code p} does too, since
     * {@code p.date >= e'.date} and an interrupting registration between {@code p} and {@code e} would lie between
     * {@code e'} and {@code e} as well.
     */
    private boolean isRenewal(int i) {
        Registration e = registrations[i];
        Registration previous = null;
        for (int j = i - 1; j >= 0; j--) {
            if (registrations[j].flow() == e.flow()) {
                previous = registrations[j];
                break;
            }
        }
        if (previous == null || previous.date().isBefore(e.date().minusMonths(12))) {
            return false;
        }
        Flow interrupting = e.flow().opposite();
        for (Registration x : registrations) {
            if (x.flow() == interrupting && !x.date().isBefore(previous.date()) && !x.date().isAfter(e.date())) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(String recordKey) {
        for (int i = 0; i < registrations.length; i++) {
            if (registrations[i].recordKey().equals(recordKey)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Registration> minus(Set<Registration> a, Set<Registration> b) {
        List<Registration> result = new ArrayList<>();
        for (Registration r : a) {
            if (!b.contains(r)) {
                result.add(r);
            }
        }
        result.sort(Registration.ORDER);
        return result;
    }

    /** Version byte of {@link #toBytes()}. */
    private static final byte FORMAT = 1;

    /**
     * This state as bytes: a format byte, the number of registrations, then each registration as
     * {@link Registration#writeTo} writes it.
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 80 * registrations.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(registrations.length);
            for (Registration r : registrations) {
                r.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The state {@link #toBytes()} wrote. */
    public static PersonHistory fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("person history format " + format + " is not " + FORMAT);
            }
            int n = in.readInt();
            Registration[] registrations = new Registration[n];
            for (int i = 0; i < n; i++) {
                registrations[i] = Registration.readFrom(in);
            }
            // written sorted with unique keys; of() re-checks rather than trusting the bytes
            return of(Arrays.asList(registrations));
        } catch (IOException e) {
            throw new IllegalArgumentException("person history bytes are truncated or corrupt", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonHistory other && Arrays.equals(registrations, other.registrations);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(registrations);
    }

    @Override
    public String toString() {
        return "PersonHistory" + Arrays.toString(registrations);
    }
}
