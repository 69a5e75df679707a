package org.migrex.exchange.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.IntakeQualityDelta;
import org.migrex.schema.Lineage;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.MigrationScope;
import org.migrex.schema.Topics;

/**
 * Property: over random histories of a few persons (long-term, short-term and unknown-duration immigrations with and
 * without declared days, emigrations, registrations out of scope, permits), with corrections (dates, attributes,
 * persons, event types) and deletions in random order, while the wall clock moves on by random days across month
 * starts (zone Asia/Almaty; the check for a new month every minute, or only every 20 days so that records often
 * come before it), the aggregation's MIGR_STOCK cells on {@code <cc>.aggregates} equal a batch recount of
 * the current records for every month up to the current one once a check has run in it, and no later month has a
 * cell.
 *
 * <p>The recount ({@link #recount}) is the definition read literally (BRIEF.md, statistical definitions v2: the
 * renewal rule over every pair of a person's registrations, then the latest counted IMM before the first day), written
 * here with no code of the aggregation or of {@code org.migrex.statistics}. A seeded {@link Random} loop: a failure
 * names its seed and step.
 */
class StockMatchesBatchPropertyTest {
    private static final Topics KAZ = Topics.forNode("KAZ");
    private static final ZoneId ZONE = ZoneId.of("Asia/Almaty");
    private static final Instant START = Instant.parse("2025-03-20T12:00:00Z");
    private static final LocalDate FIRST_DATE = LocalDate.of(2024, 9, 1);
    private static final int SEEDS = 4;
    private static final int STEPS = 100;

    @TempDir
    Path dir;

    @Test
    void streamingStockEqualsABatchRecountOfTheCurrentRecords() {
        long stockSeen = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            stockSeen += run(seed);
        }
        // the random histories must put persons in the stock, not only compare empty maps
        assertThat(stockSeen).isGreaterThan(SEEDS * 20L);
    }

    private long run(long seed) {
        StreamsBuilder builder = new StreamsBuilder();
        var eventSerde = AvroBinarySerde.of(HarmonizedMigrationEvent.class);
        var aggregateSerde = AvroBinarySerde.of(MigrationAggregate.class);
        // odd seeds check for a new month every minute, even ones every 20 days: then records of persons whose
        // month has started reach the aggregation before the scan does, and must catch those persons up themselves
        Duration check = seed % 2 == 1 ? Duration.ofMinutes(1) : Duration.ofDays(20);
        new Aggregation(KAZ, aggregateSerde, SendingTopology.FLUSH, new ExchangeProperties.Stock(ZONE, check, SendingTopology.FLUSH))
                .accept(builder.stream(KAZ.harmonizedEvents().name(), Consumed.with(Serdes.String(), eventSerde)),
                        builder.stream(KAZ.intakeQuality().name(),
                                Consumed.with(Serdes.String(), AvroBinarySerde.of(IntakeQualityDelta.class))));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "migrex-kaz-exchange-aggregation");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("s" + seed).toString());
        long seen = 0;
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, START)) {
            TestInputTopic<String, HarmonizedMigrationEvent> events = driver.createInputTopic(
                    KAZ.harmonizedEvents().name(), Serdes.String().serializer(), eventSerde.serializer());
            TestOutputTopic<String, MigrationAggregate> aggregates = driver.createOutputTopic(
                    KAZ.aggregates().name(), Serdes.String().deserializer(), aggregateSerde.deserializer());
            Random random = new Random(seed);
            Instant now = START;
            Map<String, HarmonizedMigrationEvent> current = new HashMap<>();
            Map<String, Long> cells = new TreeMap<>();
            for (int step = 1; step <= STEPS; step++) {
                String key = Topics.recordKey("template", "r" + random.nextInt(12));
                if (random.nextInt(10) < 2) {
                    events.pipeInput(key, null);
                    current.remove(key);
                } else {
                    HarmonizedMigrationEvent event = randomEvent(random);
                    events.pipeInput(key, event);
                    current.put(key, event);
                }
                if (random.nextInt(4) == 0) {
                    // up to 12 days: often across the start of a month, and (with checks every 20 days) often not
                    // past the next check, so that the month's first records come before its scan
                    Duration advance = Duration.ofHours(1 + random.nextInt(24 * 12));
                    driver.advanceWallClockTime(advance);
                    now = now.plus(advance);
                }
                if (step % 10 == 0 || step == STEPS) {
                    // one check interval on, a check has run since the last month start; a month's stock is complete
                    // only then (records of its first persons may have come before it)
                    driver.advanceWallClockTime(check);
                    driver.advanceWallClockTime(SendingTopology.FLUSH);
                    now = now.plus(check).plus(SendingTopology.FLUSH);
                    aggregates.readKeyValuesToList().forEach(kv -> {
                        if (kv.value.getDataflow().equals("MIGR_STOCK")) {
                            cells.put(kv.key, kv.value.getCount());
                        }
                    });
                    YearMonth horizon = YearMonth.from(now.atZone(ZONE));
                    Map<String, Long> expected = new TreeMap<>();
                    for (YearMonth month = YearMonth.from(FIRST_DATE); !month.isAfter(horizon.plusMonths(3));
                            month = month.plusMonths(1)) {
                        if (!month.isAfter(horizon)) {
                            expected.putAll(recount(current, month));
                        }
                    }
                    Map<String, Long> actual = new TreeMap<>(cells);
                    actual.values().removeIf(count -> count == 0);
                    assertThat(actual).as("MIGR_STOCK up to %s, seed %d, step %d, records %s", horizon, seed, step,
                            current).isEqualTo(expected);
                    seen += expected.values().stream().mapToLong(Long::longValue).sum();
                }
            }
        }
        return seen;
    }

    private static HarmonizedMigrationEvent randomEvent(Random random) {
        String type = pick(random, "RESIDENCE_REGISTRATION", "RESIDENCE_REGISTRATION", "STAY_REGISTRATION",
                "STAY_REGISTRATION", "DEREGISTRATION", "WORK_PERMIT");
        String flow = switch (type) {
            case "RESIDENCE_REGISTRATION", "STAY_REGISTRATION" -> "IMM";
            case "DEREGISTRATION" -> "EMI";
            default -> null;
        };
        MigrationScope scope = flow == null ? MigrationScope.NOT_A_FLOW
                : random.nextInt(6) == 0 ? MigrationScope.TEMPORARY_STAY : MigrationScope.IN_SCOPE;
        LocalDate date = FIRST_DATE.plusDays(random.nextInt(420));
        Integer days = random.nextInt(3) == 0 ? null : 30 + random.nextInt(500);
        String duration = flow == null ? "_U" : days == null ? pick(random, "LONG_TERM", "LONG_TERM", "_U")
                : !date.plusDays(days).isBefore(date.plusMonths(12)) ? "LONG_TERM"
                : !date.plusDays(days).isBefore(date.plusMonths(3)) ? "SHORT_TERM" : "_U";
        // birthdays near the first days of months, so that the age group changes between two reference dates
        LocalDate birth = random.nextInt(6) == 0 ? null
                : LocalDate.of(pick(random, 1990, 1991, 2000, 2005), 1 + random.nextInt(12), 1 + random.nextInt(3));
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType(type).setEventDate(date.toString())
                .setTimePeriod(date.toString().substring(0, 7)).setFlow(flow).setScope(scope)
                .setPersonPseudonym("p" + random.nextInt(4)).setSex(pick(random, "M", "F", "_U"))
                .setBirthDate(birth == null ? null : birth.toString()).setAgeYears(null).setAgeGroup("_U")
                .setCitizenship(pick(random, "KGZ", "UZB")).setCountryOfBirth(pick(random, "KGZ", "RUS"))
                .setCounterpartArea("KGZ").setPurpose("WORK").setDurationClass(duration)
                .setDurationBasis(days == null ? "REGISTRATION" : "INTENDED").setIntendedDurationDays(flow == null
                        ? null : days)
                .setLineage(new Lineage("template", "r", "b1", 2L, "1", "ref-1", Instant.EPOCH))
                .build();
    }

    /**
     * MIGR_STOCK on the first day {@code t} of {@code month}, literally: per person, the registrations that count are
     * the in-scope IMM and EMI that are no renewal (another of the same direction dated within the 12 months before,
     * or the same day with a smaller key, with none of the opposite direction dated between, both days included); the
     * person is in the stock when the latest counted IMM dated before {@code t} is LONG_TERM, no counted EMI is dated
     * from its day to before {@code t}, and declared days, if any, end after {@code t}; the cell is that IMM's
     * citizenship, country of birth and sex and the five-year age group on {@code t}.
     */
    private static Map<String, Long> recount(Map<String, HarmonizedMigrationEvent> current, YearMonth month) {
        LocalDate t = month.atDay(1);
        Map<String, List<String>> keysByPerson = new TreeMap<>();
        current.forEach((key, event) -> keysByPerson.computeIfAbsent(event.getPersonPseudonym(),
                p -> new ArrayList<>()).add(key));
        Map<String, Long> cells = new TreeMap<>();
        for (List<String> keys : keysByPerson.values()) {
            List<String> counted = new ArrayList<>();
            for (String key : keys) {
                HarmonizedMigrationEvent e = current.get(key);
                if (inScope(e) && !renewal(key, keys, current)) {
                    counted.add(key);
                }
            }
            String latest = null;
            for (String key : counted) {
                HarmonizedMigrationEvent e = current.get(key);
                if (e.getFlow().equals("IMM") && date(e).isBefore(t)) {
                    if (latest == null || date(e).isAfter(date(current.get(latest)))
                            || date(e).equals(date(current.get(latest))) && key.compareTo(latest) > 0) {
                        latest = key;
                    }
                }
            }
            if (latest == null) {
                continue;
            }
            HarmonizedMigrationEvent m = current.get(latest);
            if (!m.getDurationClass().equals("LONG_TERM")) {
                continue;
            }
            boolean emigrated = false;
            for (String key : counted) {
                HarmonizedMigrationEvent x = current.get(key);
                if (x.getFlow().equals("EMI") && !date(x).isBefore(date(m)) && date(x).isBefore(t)) {
                    emigrated = true;
                }
            }
            if (emigrated) {
                continue;
            }
            if (m.getIntendedDurationDays() != null && !date(m).plusDays(m.getIntendedDurationDays()).isAfter(t)) {
                continue;
            }
            String key = String.join("|", "MIGR_STOCK", m.getRefArea(), m.getCitizenship(), m.getCountryOfBirth(),
                    m.getSex(), ageGroup(m.getBirthDate(), t), month.toString());
            cells.merge(key, 1L, Long::sum);
        }
        return cells;
    }

    private static boolean inScope(HarmonizedMigrationEvent e) {
        return e.getFlow() != null && e.getScope() == MigrationScope.IN_SCOPE;
    }

    private static boolean renewal(String key, List<String> personKeys, Map<String, HarmonizedMigrationEvent> current) {
        HarmonizedMigrationEvent e = current.get(key);
        String opposite = e.getFlow().equals("IMM") ? "EMI" : "IMM";
        for (String earlierKey : personKeys) {
            HarmonizedMigrationEvent earlier = current.get(earlierKey);
            if (earlierKey.equals(key) || !inScope(earlier) || !earlier.getFlow().equals(e.getFlow())) {
                continue;
            }
            boolean before = date(earlier).isBefore(date(e))
                    || date(earlier).equals(date(e)) && earlierKey.compareTo(key) < 0;
            if (!before || date(earlier).isBefore(date(e).minusMonths(12))) {
                continue;
            }
            boolean interrupted = false;
            for (String otherKey : personKeys) {
                HarmonizedMigrationEvent x = current.get(otherKey);
                if (inScope(x) && x.getFlow().equals(opposite) && !date(x).isBefore(date(earlier))
                        && !date(x).isAfter(date(e))) {
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
        if (birthDate == null || LocalDate.parse(birthDate).isAfter(t)) {
            return "_U";
        }
        int age = Period.between(LocalDate.parse(birthDate), t).getYears();
        if (age > 120) {
            return "_U";
        }
        return age >= 85 ? "Y_GE85" : "Y" + (age / 5 * 5) + "T" + (age / 5 * 5 + 4);
    }

    private static LocalDate date(HarmonizedMigrationEvent e) {
        return LocalDate.parse(e.getEventDate());
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }
}
