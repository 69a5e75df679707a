package org.migrex.statistics;

import org.junit.jupiter.api.Test;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.MigrationScope;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: over random histories of a few persons, with new records, corrections (also moving a record to another
 * person or out of scope) and deletions in random order, the cells accumulated from {@link PersonHistory.Change}s
 * equal a batch recount of the current events by {@link BatchRecount}, an independent literal reading of the
 * definition; and so does the stock from {@link Stock} on the first day of every month. A seeded
 * {@link java.util.Random} loop: a failure names its seed and step.
 *
 * <p>Dates are drawn near each other on purpose (and often exactly 12 calendar months, a day more or less, or the same
 * day as another registration, around month ends and 29 February) so that the boundaries of the rule are hit.
 */
class IncrementalMatchesBatchTest {
    private static final int TRIALS = 3000;
    private static final String[] PERSONS = {"p1", "p2", "p3"};
    private static final String[] KEYS = {"s|1", "s|2", "s|3", "s|4", "s|5", "s|6", "s|7", "s|8", "t|1", "t|10"};
    private static final LocalDate START = LocalDate.of(2023, 12, 29);
    private static final YearMonth FIRST_MONTH = YearMonth.of(2023, 12);
    private static final YearMonth LAST_MONTH = YearMonth.of(2027, 3);
    private static final String[] EVENT_TYPES = {"RESIDENCE_REGISTRATION", "STAY_REGISTRATION", "DEREGISTRATION",
            "DEREGISTRATION", "RESIDENCE_REGISTRATION", "WORK_PERMIT", "CITIZENSHIP_GRANT"};
    private static final MigrationScope[] OUT_OF_SCOPE = {MigrationScope.INTERNAL_OR_UNKNOWN,
            MigrationScope.TEMPORARY_STAY, MigrationScope.EXCLUDED_PURPOSE};

    @Test
    void incrementalCellsEqualABatchRecount() {
        long countedSeen = 0;
        long renewalsSeen = 0;
        long stockSeen = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            long seed = 20261202L * 31 + trial;
            Random random = new Random(seed);
            Map<String, HarmonizedMigrationEvent> current = new HashMap<>();
            Map<String, PersonHistory> persons = new HashMap<>();
            Map<String, Integer> flowCells = new TreeMap<>();
            Map<String, Integer> renewalCells = new TreeMap<>();
            Map<YearMonth, Map<String, Integer>> stockCells = new TreeMap<>();
            Map<String, Integer> quality = new TreeMap<>();
            int steps = 1 + random.nextInt(40);
            for (int step = 0; step < steps; step++) {
                String key = KEYS[random.nextInt(KEYS.length)];
                HarmonizedMigrationEvent previous = current.get(key);
                HarmonizedMigrationEvent next = random.nextInt(5) == 0 ? null : randomEvent(random, current, previous);
                // the stream's KTable gives the old and the new value of a key: a record that moved to another
                // person leaves the old one
                if (previous != null && (next == null
                        || !next.getPersonPseudonym().equals(previous.getPersonPseudonym()))) {
                    apply(persons, previous.getPersonPseudonym(), key, null, flowCells, renewalCells, stockCells,
                            quality);
                }
                if (previous != null) {
                    Quality.ofEvent(previous).forEach(c -> add(quality, qualityCell(previous, c), -1));
                }
                if (next != null) {
                    Quality.ofEvent(next).forEach(c -> add(quality, qualityCell(next, c), 1));
                    apply(persons, next.getPersonPseudonym(), key, next, flowCells, renewalCells, stockCells,
                            quality);
                    current.put(key, next);
                } else {
                    current.remove(key);
                }
                String where = "seed " + seed + " step " + step + ", events " + current;
                assertThat(flowCells).as("MIGR_FLOW, " + where).isEqualTo(BatchRecount.flowCells(current));
                assertThat(renewalCells).as("renewals, " + where).isEqualTo(BatchRecount.renewalCells(current));
                assertQualityAddsUp(quality, where);
            }
            countedSeen += flowCells.values().stream().mapToInt(Integer::intValue).sum();
            renewalsSeen += renewalCells.values().stream().mapToInt(Integer::intValue).sum();
            for (YearMonth month = FIRST_MONTH; !month.isAfter(LAST_MONTH); month = month.plusMonths(1)) {
                Map<String, Integer> stock = new TreeMap<>();
                for (PersonHistory person : persons.values()) {
                    Stock.memberOn(person, month).ifPresent(m -> stock.merge(stockCell(m), 1, Integer::sum));
                }
                Map<String, Integer> expected = BatchRecount.stockCells(current, month.atDay(1));
                assertThat(stock).as("MIGR_STOCK " + month + ", seed " + seed + ", events " + current)
                        .isEqualTo(expected);
                // and the stock kept incrementally from the moves of each change
                assertThat(stockCells.getOrDefault(month, Map.of()))
                        .as("incremental MIGR_STOCK " + month + ", seed " + seed).isEqualTo(expected);
                stockSeen += stock.size();
            }
        }
        // the random histories must exercise the rule, not only empty cells
        assertThat(countedSeen).isGreaterThan(TRIALS);
        assertThat(renewalsSeen).isGreaterThan(TRIALS / 10);
        assertThat(stockSeen).isGreaterThan(TRIALS);
    }

    private static void apply(Map<String, PersonHistory> persons, String person, String key,
                              HarmonizedMigrationEvent event, Map<String, Integer> flowCells,
                              Map<String, Integer> renewalCells, Map<YearMonth, Map<String, Integer>> stockCells,
                              Map<String, Integer> quality) {
        PersonHistory before = persons.getOrDefault(person, PersonHistory.empty());
        PersonHistory.Update update = before.apply(key, event);
        // the state goes through its store encoding at every step, as it would in a Kafka Streams store
        PersonHistory stored = PersonHistory.fromBytes(update.history().toBytes());
        assertThat(stored).isEqualTo(update.history());
        persons.put(person, stored);
        PersonHistory.Change change = update.change();
        change.countedAdded().forEach(r -> add(flowCells, cell(r), 1));
        change.countedRemoved().forEach(r -> add(flowCells, cell(r), -1));
        change.renewalsAdded().forEach(r -> add(renewalCells, cell(r), 1));
        change.renewalsRemoved().forEach(r -> add(renewalCells, cell(r), -1));
        change.countedAdded().forEach(r -> Quality.ofCounted(r).forEach(c -> add(quality, qualityCell(r, c), 1)));
        change.countedRemoved().forEach(r -> Quality.ofCounted(r).forEach(c -> add(quality, qualityCell(r, c), -1)));
        change.renewalsAdded().forEach(r -> Quality.ofRenewal(r).forEach(c -> add(quality, qualityCell(r, c), 1)));
        change.renewalsRemoved().forEach(r -> Quality.ofRenewal(r).forEach(c -> add(quality, qualityCell(r, c), -1)));
        Stock.firstAffectedMonth(change).ifPresent(first -> {
            YearMonth from = first.isBefore(FIRST_MONTH) ? FIRST_MONTH : first;
            for (Stock.StockMove move : Stock.moves(before, update.history(), from, LAST_MONTH)) {
                Map<String, Integer> month = stockCells.computeIfAbsent(move.month(), m -> new TreeMap<>());
                move.before().ifPresent(m -> add(month, stockCell(m), -1));
                move.after().ifPresent(m -> add(month, stockCell(m), 1));
            }
        });
    }

    /**
     * For every direction and month: REGISTRATIONS = INTERNAL_OR_UNKNOWN + TEMPORARY_STAY + EXCLUDED_PURPOSE +
     * SCOPE_NOT_CLASSIFIED + RENEWAL + COUNTED (docs/statistics.md), with counters fed from three places.
     */
    private static void assertQualityAddsUp(Map<String, Integer> quality, String where) {
        Map<String, Integer> balance = new TreeMap<>();
        quality.forEach((cell, n) -> {
            String group = cell.substring(0, cell.lastIndexOf('|'));
            QualityCounter counter = QualityCounter.valueOf(cell.substring(cell.lastIndexOf('|') + 1));
            switch (counter) {
                case REGISTRATIONS -> add(balance, group, n);
                case INTERNAL_OR_UNKNOWN, TEMPORARY_STAY, EXCLUDED_PURPOSE, SCOPE_NOT_CLASSIFIED, RENEWAL, COUNTED ->
                        add(balance, group, -n);
                default -> {
                    // the unknowns are shares of COUNTED, not terms of the sum
                }
            }
        });
        assertThat(balance).as("MIGR_QUALITY balance, " + where).isEmpty();
    }

    private static String qualityCell(HarmonizedMigrationEvent e, QualityCounter counter) {
        return e.getFlow() + "|" + e.getTimePeriod() + "|" + counter;
    }

    private static String qualityCell(Registration r, QualityCounter counter) {
        return r.flow() + "|" + r.timePeriod() + "|" + counter;
    }

    private static String stockCell(Stock.StockMember m) {
        return String.join("|", m.citizenship(), m.countryOfBirth(), m.sex(), m.ageGroup());
    }

    private static void add(Map<String, Integer> cells, String cell, int delta) {
        int value = cells.getOrDefault(cell, 0) + delta;
        if (value == 0) {
            cells.remove(cell);
        } else {
            cells.put(cell, value);
        }
    }

    private static String cell(Registration r) {
        return String.join("|", r.flow().name(), r.counterpartArea(), r.citizenship(), r.sex(), r.ageGroup(),
                r.purpose(), r.durationClass(), r.timePeriod());
    }

    private static HarmonizedMigrationEvent randomEvent(Random random, Map<String, HarmonizedMigrationEvent> current,
                                                        HarmonizedMigrationEvent previous) {
        String type = EVENT_TYPES[random.nextInt(EVENT_TYPES.length)];
        LocalDate date = randomDate(random, current);
        var builder = Events.event(type, date.toString());
        // mostly the same person as the version it corrects; sometimes a correction of the pseudonym
        String person = previous != null && random.nextInt(6) != 0 ? previous.getPersonPseudonym()
                : PERSONS[random.nextInt(PERSONS.length)];
        builder.setPersonPseudonym(person);
        if (builder.getFlow() != null && random.nextInt(5) == 0) {
            builder.setScope(random.nextInt(8) == 0 ? null : OUT_OF_SCOPE[random.nextInt(OUT_OF_SCOPE.length)]);
        }
        builder.setSex(pick(random, "M", "F", "_U"));
        builder.setCitizenship(pick(random, "KGZ", "UZB", "_U"));
        builder.setCounterpartArea(pick(random, "KGZ", "RUS", "_U"));
        builder.setPurpose(pick(random, "WORK", "FAMILY", "EDUCATION"));
        if (random.nextBoolean()) {
            LocalDate birth = date.minusDays(random.nextInt(120 * 366));
            builder.setBirthDate(birth.toString()).setAgeGroup(pick(random, "Y20T24", "Y30T34", "_U"));
        }
        if (builder.getFlow() != null) {
            switch (random.nextInt(4)) {
                case 0 -> builder.setDurationClass("SHORT_TERM").setIntendedDurationDays(90 + random.nextInt(270));
                case 1 -> builder.setDurationClass("LONG_TERM").setIntendedDurationDays(365 + random.nextInt(400));
                case 2 -> builder.setDurationClass("_U");
                default -> builder.setDurationClass("LONG_TERM");
            }
        }
        return builder.build();
    }

    /** Near another current event's date (same day, 12 months, a day either side), else anywhere in ~3 years. */
    private static LocalDate randomDate(Random random, Map<String, HarmonizedMigrationEvent> current) {
        if (!current.isEmpty() && random.nextInt(3) > 0) {
            List<HarmonizedMigrationEvent> events = new ArrayList<>(current.values());
            LocalDate other = LocalDate.parse(events.get(random.nextInt(events.size())).getEventDate());
            return switch (random.nextInt(8)) {
                case 0 -> other;
                case 1 -> other.plusMonths(12);
                case 2 -> other.plusMonths(12).plusDays(1);
                case 3 -> other.plusMonths(12).minusDays(1);
                case 4 -> other.minusMonths(12);
                case 5 -> other.minusMonths(12).plusDays(1);
                case 6 -> other.plusDays(random.nextInt(60) - 30);
                default -> other.plusMonths(random.nextInt(13));
            };
        }
        // starts on 29 December 2023, so month ends and 29 February 2024 come up often
        return START.plusDays(random.nextInt(3 * 366));
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }
}
