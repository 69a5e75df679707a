package org.migrex.statistics;

import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.MigrationScope;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The test oracle: the definitions of docs/statistics.md read literally, recomputed from scratch over all current
 * events, written without any of the code under test (no PersonHistory, Registration, Stock or AgeGroups). Slow on
 * purpose: for every event it scans all the person's other events.
 */
final class BatchRecount {
    private BatchRecount() {
    }

    /** Record key and current event. */
    record Keyed(String key, HarmonizedMigrationEvent event) {
        LocalDate date() {
            return LocalDate.parse(event.getEventDate());
        }

        String flow() {
            return event.getFlow();
        }
    }

    /** MIGR_FLOW: cell to number of counted registrations. */
    static Map<String, Integer> flowCells(Map<String, HarmonizedMigrationEvent> events) {
        Map<String, Integer> cells = new TreeMap<>();
        for (List<Keyed> person : byPerson(events).values()) {
            for (Keyed e : person) {
                if (inScope(e) && !renewal(e, person)) {
                    cells.merge(cell(e.event()), 1, Integer::sum);
                }
            }
        }
        return cells;
    }

    /** MIGR_QUALITY RENEWAL: cell to number of in-scope registrations that do not count. */
    static Map<String, Integer> renewalCells(Map<String, HarmonizedMigrationEvent> events) {
        Map<String, Integer> cells = new TreeMap<>();
        for (List<Keyed> person : byPerson(events).values()) {
            for (Keyed e : person) {
                if (inScope(e) && renewal(e, person)) {
                    cells.merge(cell(e.event()), 1, Integer::sum);
                }
            }
        }
        return cells;
    }

    /** MIGR_STOCK on {@code t}: cell to number of persons. */
    static Map<String, Integer> stockCells(Map<String, HarmonizedMigrationEvent> events, LocalDate t) {
        Map<String, Integer> cells = new TreeMap<>();
        for (List<Keyed> person : byPerson(events).values()) {
            List<Keyed> counted = new ArrayList<>();
            for (Keyed e : person) {
                if (inScope(e) && !renewal(e, person)) {
                    counted.add(e);
                }
            }
            // the latest counted IMM dated before t
            Keyed latest = null;
            for (Keyed e : counted) {
                if (e.flow().equals("IMM") && e.date().isBefore(t)) {
                    boolean later = latest == null || e.date().isAfter(latest.date())
                            || e.date().equals(latest.date()) && e.key().compareTo(latest.key()) > 0;
                    if (later) {
                        latest = e;
                    }
                }
            }
            if (latest == null || !latest.event().getDurationClass().equals("LONG_TERM")) {
                continue;
            }
            boolean left = false;
            for (Keyed x : counted) {
                if (x.flow().equals("EMI") && x.date().compareTo(latest.date()) >= 0 && x.date().compareTo(t) < 0) {
                    left = true;
                }
            }
            if (left) {
                continue;
            }
            Integer days = latest.event().getIntendedDurationDays();
            if (days != null && !latest.date().plusDays(days).isAfter(t)) {
                continue;
            }
            HarmonizedMigrationEvent m = latest.event();
            cells.merge(String.join("|", m.getCitizenship(), m.getCountryOfBirth(), m.getSex(),
                    ageGroup(m.getBirthDate(), t)), 1, Integer::sum);
        }
        return cells;
    }

    /** The cell key the property test also builds from a Registration. */
    static String cell(HarmonizedMigrationEvent e) {
        return String.join("|", e.getFlow(), e.getCounterpartArea(), e.getCitizenship(), e.getSex(), e.getAgeGroup(),
                e.getPurpose(), e.getDurationClass(), e.getTimePeriod());
    }

    private static boolean inScope(Keyed e) {
        return e.flow() != null && e.event().getScope() == MigrationScope.IN_SCOPE;
    }

    /**
     * "An IMM event e of person p is a renewal when p has another in-scope migration IMM event e' dated within the 12
     * months before e (or the same day with a smaller record key) with no in-scope EMI of p dated between e' and e";
     * EMI likewise with the roles swapped.
     */
    private static boolean renewal(Keyed e, List<Keyed> person) {
        String other = e.flow().equals("IMM") ? "EMI" : "IMM";
        for (Keyed earlier : person) {
            if (earlier == e || !inScope(earlier) || !earlier.flow().equals(e.flow())) {
                continue;
            }
            boolean before = earlier.date().isBefore(e.date())
                    || earlier.date().equals(e.date()) && earlier.key().compareTo(e.key()) < 0;
            boolean withinTwelveMonths = !earlier.date().isBefore(e.date().minusMonths(12));
            if (!before || !withinTwelveMonths) {
                continue;
            }
            boolean interrupted = false;
            for (Keyed x : person) {
                if (inScope(x) && x.flow().equals(other)
                        && !x.date().isBefore(earlier.date()) && !x.date().isAfter(e.date())) {
                    interrupted = true;
                }
            }
            if (!interrupted) {
                return true;
            }
        }
        return false;
    }

    private static String ageGroup(String birthDate, LocalDate t) {
        if (birthDate == null) {
            return "_U";
        }
        LocalDate birth = LocalDate.parse(birthDate);
        if (birth.isAfter(t)) {
            return "_U";
        }
        int age = Period.between(birth, t).getYears();
        if (age > 120) {
            return "_U";
        }
        if (age >= 85) {
            return "Y_GE85";
        }
        return "Y" + (age - age % 5) + "T" + (age - age % 5 + 4);
    }

    private static Map<String, List<Keyed>> byPerson(Map<String, HarmonizedMigrationEvent> events) {
        Map<String, List<Keyed>> persons = new TreeMap<>();
        events.forEach((key, event) -> persons.computeIfAbsent(event.getPersonPseudonym(), p -> new ArrayList<>())
                .add(new Keyed(key, event)));
        return persons;
    }
}
