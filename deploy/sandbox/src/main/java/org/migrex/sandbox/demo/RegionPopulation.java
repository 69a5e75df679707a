package org.migrex.sandbox.demo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded synthetic population of moves between the nodes of a region, each move recorded by both countries as their
 * registers would: an emigration (DEREGISTRATION) at the origin, when the person deregistered at all, and an
 * immigration (RESIDENCE_REGISTRATION, or STAY_REGISTRATION with the declared duration) at the destination.
 *
 * <p>Imperfections are those the regional projects describe: departures are often not deregistered (more often in
 * Kyrgyzstan and Tajikistan than in Kazakhstan), deregistration precedes departure by some days (so a move may fall in
 * different months on the two sides), Russia registers many stays of 9 to 12 months (migrants by its national criterion,
 * short-term by the UN's), about 1 % of rows have syntax errors and about 0.5 % an unknown country spelling. Some rows
 * are registrations that are not migration by statistical definitions v2: stays under 3 calendar months, tourists'
 * short-term stays, and the re-registration of a stay a few weeks after the first (a renewal of the same person). Each
 * row's {@link DemoRow.Fate} is what the definitions make of it, worked out here from the rule's text, not by the
 * node's code. The same seed gives the same rows.
 */
public final class RegionPopulation {
    /** Months the demo covers. */
    public static final List<YearMonth> PERIODS = List.of(YearMonth.of(2025, 1), YearMonth.of(2025, 2), YearMonth.of(2025, 3));

    /** Moves per month between ordered pairs (origin, destination), shaped like the region's labour corridors. */
    private static final Map<String, Integer> MOVES_PER_MONTH = Map.ofEntries(
            Map.entry("KGZ>RUS", 360), Map.entry("TJK>RUS", 360), Map.entry("KAZ>RUS", 220),
            Map.entry("KGZ>KAZ", 200), Map.entry("TJK>KAZ", 90), Map.entry("RUS>KAZ", 150),
            Map.entry("RUS>KGZ", 60), Map.entry("KAZ>KGZ", 60), Map.entry("RUS>TJK", 50),
            Map.entry("KGZ>TJK", 25), Map.entry("TJK>KGZ", 25), Map.entry("KAZ>TJK", 25));

    /** Share of departures that the origin's register records as a deregistration. */
    private static final Map<String, Double> DEREGISTRATION_RATE = Map.of("KAZ", 0.80, "KGZ", 0.55, "TJK", 0.45, "RUS", 0.70);

    /** Share of arrivals that are tourists staying 100 to 300 days (short-term, purpose TOURISM). */
    private static final double TOURIST_SHARE = 0.05;
    /** Share of counted stay registrations that the destination registers again some weeks later. */
    private static final double RENEWAL_SHARE = 0.08;

    private static final String[] PURPOSES = {"WORK", "WORK", "WORK", "WORK", "WORK", "WORK", "FAMILY", "FAMILY", "STUDY", "OTHER"};

    private final Random random;
    private final List<String> countries;
    private final Map<String, List<DemoRow>> rows = new LinkedHashMap<>();
    private final Map<String, Integer> sequence = new LinkedHashMap<>();

    private RegionPopulation(long seed, List<String> countries) {
        this.random = new Random(seed);
        this.countries = countries;
        countries.forEach(c -> rows.put(c, new ArrayList<>()));
    }

    /** The population of moves among {@code countries} (moves to or from other countries are left out). */
    public static RegionPopulation generate(long seed, List<String> countries) {
        RegionPopulation population = new RegionPopulation(seed, countries);
        population.generateMoves();
        return population;
    }

    /** Rows per node, in file order. */
    public Map<String, List<DemoRow>> rows() {
        return rows;
    }

    private void generateMoves() {
        long person = 0;
        for (YearMonth period : PERIODS) {
            for (String origin : countries) {
                for (String destination : countries) {
                    Integer perMonth = MOVES_PER_MONTH.get(origin + ">" + destination);
                    if (perMonth == null) {
                        continue;
                    }
                    for (int i = 0; i < perMonth; i++) {
                        move(origin, destination, period, ++person);
                    }
                }
            }
        }
    }

    private void move(String origin, String destination, YearMonth period, long personNumber) {
        LocalDate arrival = period.atDay(1 + random.nextInt(period.lengthOfMonth()));
        String sex = random.nextDouble() < 0.62 ? "M" : "F";
        LocalDate birth = arrival.minusYears(18 + random.nextInt(33)).minusDays(random.nextInt(365));
        String citizenship = random.nextDouble() < 0.9 ? origin : destination;
        String passport = "N" + (10_000_000 + (personNumber * 7919L) % 89_999_999);
        String purpose = PURPOSES[random.nextInt(PURPOSES.length)];
        boolean tourist = random.nextDouble() < TOURIST_SHARE;

        // the destination's registration and declared stay
        String eventType;
        Integer days;
        double d = random.nextDouble();
        boolean nationalOnly = false;
        if (tourist) {
            purpose = "TOURISM";
            eventType = "STAY_REGISTRATION";
            days = 100 + random.nextInt(200);
        } else if (destination.equals("RUS")) {
            if (d < 0.20) {
                eventType = "RESIDENCE_REGISTRATION";
                days = null;
            } else if (d < 0.50) {
                eventType = "STAY_REGISTRATION";
                days = 270 + random.nextInt(95); // 9 to 12 months: Russia's criterion counts them, the UN's does not
                nationalOnly = true;
            } else if (d < 0.80) {
                eventType = "STAY_REGISTRATION";
                days = 90 + random.nextInt(180);
            } else if (d < 0.95) {
                eventType = "STAY_REGISTRATION";
                days = 365 + random.nextInt(730);
            } else {
                eventType = "STAY_REGISTRATION";
                days = 30 + random.nextInt(60);
            }
        } else if (d < 0.50) {
            eventType = "RESIDENCE_REGISTRATION";
            days = null;
        } else if (d < 0.85) {
            eventType = "STAY_REGISTRATION";
            days = 90 + random.nextInt(275);
        } else {
            eventType = "STAY_REGISTRATION";
            days = 365 + random.nextInt(365);
        }
        DemoRow.Fate intended = intendedFate(arrival, days, purpose);
        DemoRow first = addRow(destination, eventType, arrival, passport, sex, birth, citizenship, origin, purpose, days,
                "IMM", period, nationalOnly, intended);

        // some stays are registered again a few weeks later (a new address, a longer stay): the same person, so a
        // renewal, which counts only if the first registration does not (here: it was refused or quarantined)
        LocalDate again = arrival.plusDays(20 + random.nextInt(30));
        if (eventType.equals("STAY_REGISTRATION") && intended == DemoRow.Fate.COUNTED && random.nextDouble() < RENEWAL_SHARE
                && !YearMonth.from(again).isAfter(PERIODS.getLast())) {
            addRow(destination, "STAY_REGISTRATION", again, passport, sex, birth, citizenship, origin, purpose,
                    days + 30, "IMM", YearMonth.from(again), nationalOnly && days + 30 < 365,
                    first.fate() == DemoRow.Fate.COUNTED ? DemoRow.Fate.RENEWAL : DemoRow.Fate.COUNTED);
        }
        boolean temporary = intended != DemoRow.Fate.COUNTED;

        // the origin's deregistration, if the person bothered; nobody deregisters for a short trip
        if (!temporary && random.nextDouble() < DEREGISTRATION_RATE.getOrDefault(origin, 0.7)) {
            LocalDate departure = arrival.minusDays(random.nextInt(10));
            addRow(origin, "DEREGISTRATION", departure, passport, sex, birth, citizenship, destination, purpose, null, "EMI",
                    YearMonth.from(departure), false, DemoRow.Fate.COUNTED);
        }
    }

    /**
     * What statistical definitions v2 make of a registration with these declared days: the stay ends at
     * {@code date + days}; before {@code date + 3 calendar months} it is temporary; before {@code date + 12 months} it
     * is short-term, which is not migration for tourism; no declared days (a residence registration) is long-term.
     */
    static DemoRow.Fate intendedFate(LocalDate date, Integer days, String purpose) {
        if (days == null) {
            return DemoRow.Fate.COUNTED;
        }
        LocalDate end = date.plusDays(days);
        if (end.isBefore(date.plusMonths(3))) {
            return DemoRow.Fate.TEMPORARY_STAY;
        }
        if (end.isBefore(date.plusMonths(12)) && purpose.equals("TOURISM")) {
            return DemoRow.Fate.EXCLUDED_PURPOSE;
        }
        return DemoRow.Fate.COUNTED;
    }

    private DemoRow addRow(String country, String eventType, LocalDate date, String passport, String sex, LocalDate birth,
                           String citizenship, String counterpart, String purpose, Integer days, String flow,
                           YearMonth period, boolean nationalOnly, DemoRow.Fate intended) {
        int n = sequence.merge(country, 1, Integer::sum);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("record_id", (country.equals("RUS") ? "RU-" : country + "-") + String.format("%06d", n));
        fields.put("event_type", eventType);
        fields.put("event_date", date.toString());
        fields.put("person_id", passport);
        fields.put("sex", sex);
        fields.put("birth_date", birth.toString());
        fields.put("citizenship", citizenship);
        fields.put("country_of_birth", citizenship);
        fields.put("counterpart_country", counterpart);
        fields.put("purpose", purpose);
        fields.put("intended_duration_days", days == null ? "" : days.toString());
        fields.put("region", country.substring(0, 2) + "-" + (1 + random.nextInt(9)));

        DemoRow.Fate fate = intended;
        double flaw = random.nextDouble();
        if (flaw < 0.004) {
            fields.put("event_date", date.getYear() + "-02-30"); // no such day
            fate = DemoRow.Fate.REJECTED;
        } else if (flaw < 0.007) {
            fields.put("person_id", ""); // a required field left empty
            fate = DemoRow.Fate.REJECTED;
        } else if (flaw < 0.010) {
            fields.put("event_date", "2025/13/01");
            fate = DemoRow.Fate.REJECTED;
        } else if (flaw < 0.015) {
            fields.put("counterpart_country", MISSPELLED.getOrDefault(counterpart, "Atlantis")); // no register knows it
            fate = DemoRow.Fate.QUARANTINED;
        }
        DemoRow row = new DemoRow(country, fields, fate, flow, counterpart, sex, period, nationalOnly);
        rows.get(country).add(row);
        return row;
    }

    private static final Map<String, String> MISSPELLED = Map.of(
            "KAZ", "Kazakstn", "KGZ", "Kyrgyzstn", "TJK", "Tadjikstan", "RUS", "Rossiyaa", "UZB", "Uzbekstn");
}
