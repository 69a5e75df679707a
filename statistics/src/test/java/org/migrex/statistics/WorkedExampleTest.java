package org.migrex.statistics;

import org.junit.jupiter.api.Test;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.MigrationScope;

import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked example of docs/statistics.md, with the harmonized values and the figures worked out there by hand. */
class WorkedExampleTest {
    private static final HarmonizedMigrationEvent R1 = Events.event("STAY_REGISTRATION", "2025-01-31")
            .setCounterpartArea("KGZ").setPurpose("WORK").setIntendedDurationDays(89).setDurationClass("SHORT_TERM")
            .setDurationBasis("INTENDED").setBirthDate("1991-07-20").setAgeYears(33).setAgeGroup("Y30T34").build();
    private static final HarmonizedMigrationEvent R2 = Events.event("STAY_REGISTRATION", "2025-04-28")
            .setCounterpartArea("_U").setPurpose("WORK").setIntendedDurationDays(400).setDurationClass("LONG_TERM")
            .setDurationBasis("INTENDED").setBirthDate("1991-07-20").setAgeYears(33).setAgeGroup("Y30T34").build();
    private static final HarmonizedMigrationEvent R3 = Events.event("RESIDENCE_REGISTRATION", "2025-09-01")
            .setCounterpartArea("KAZ").setPurpose("_U").setScope(MigrationScope.INTERNAL_OR_UNKNOWN)
            .setBirthDate("1991-07-20").setAgeYears(34).setAgeGroup("Y30T34").build();
    private static final HarmonizedMigrationEvent R4 = Events.event("DEREGISTRATION", "2026-03-10")
            .setCounterpartArea("RUS").setPurpose("_U").setBirthDate("1991-07-20").setAgeYears(34)
            .setAgeGroup("Y30T34").build();
    private static final HarmonizedMigrationEvent R5 = Events.event("RESIDENCE_REGISTRATION", "2026-05-04")
            .setCounterpartArea("RUS").setPurpose("_U").setBirthDate("1991-07-20").setAgeYears(34)
            .setAgeGroup("Y30T34").build();
    private static final Stock.StockMember HER_AT_34 = new Stock.StockMember("KAZ", "KGZ", "KGZ", "F", "Y30T34");

    @Test
    void onePersonsHistoryThroughTheRules() {
        PersonHistory person = PersonHistory.empty();
        person = person.apply("r1", R1).history();
        person = person.apply("r2", R2).history();
        person = person.apply("r3", R3).history();
        person = person.apply("r4", R4).history();
        person = person.apply("r5", R5).history();

        assertThat(person.registrations()).extracting(Registration::recordKey).containsExactly("r1", "r2", "r4", "r5");
        assertThat(person.counted()).extracting(r -> String.join(",", r.timePeriod(), r.flow().name(),
                        r.counterpartArea(), r.citizenship(), r.sex(), r.ageGroup(), r.purpose(), r.durationClass()))
                .containsExactly("2025-01,IMM,KGZ,KGZ,F,Y30T34,WORK,SHORT_TERM",
                        "2026-03,EMI,RUS,KGZ,F,Y30T34,_U,LONG_TERM",
                        "2026-05,IMM,RUS,KGZ,F,Y30T34,_U,LONG_TERM");
        assertThat(person.renewals()).extracting(Registration::recordKey).containsExactly("r2");
        assertThat(Quality.ofEvent(R3)).containsExactlyInAnyOrder(QualityCounter.REGISTRATIONS,
                QualityCounter.INTERNAL_OR_UNKNOWN);

        assertThat(Stock.memberOn(person, YearMonth.of(2025, 2))).isEmpty();
        assertThat(Stock.memberOn(person, YearMonth.of(2025, 5))).isEmpty();
        assertThat(Stock.memberOn(person, YearMonth.of(2026, 6))).contains(HER_AT_34);
        assertThat(Stock.memberOn(person, YearMonth.of(2026, 8)))
                .contains(new Stock.StockMember("KAZ", "KGZ", "KGZ", "F", "Y35T39"));

        // the agency withdraws r1
        PersonHistory before = person;
        var update = person.apply("r1", null);
        person = update.history();

        // earliest changed counted registration r1 (2025-01-31): stock from 2025-02 on may change; it does from
        // 2025-05 to 2026-03 (11 months), each month from no cell to hers
        assertThat(Stock.firstAffectedMonth(update.change())).contains(YearMonth.of(2025, 2));
        var moves = Stock.moves(before, person, YearMonth.of(2025, 2), YearMonth.of(2026, 12));
        assertThat(moves).extracting(Stock.StockMove::month).containsExactlyElementsOf(
                java.util.stream.Stream.iterate(YearMonth.of(2025, 5), m -> m.plusMonths(1)).limit(11).toList());
        assertThat(moves).allSatisfy(m -> {
            assertThat(m.before()).isEmpty();
            assertThat(m.after()).isPresent();
        });
        assertThat(update.change().countedRemoved()).extracting(Registration::recordKey).containsExactly("r1");
        assertThat(update.change().countedAdded()).extracting(r -> String.join(",", r.timePeriod(), r.flow().name(),
                        r.counterpartArea(), r.citizenship(), r.sex(), r.ageGroup(), r.purpose(), r.durationClass()))
                .containsExactly("2025-04,IMM,_U,KGZ,F,Y30T34,WORK,LONG_TERM");
        assertThat(update.change().renewalsRemoved()).extracting(Registration::recordKey).containsExactly("r2");
        assertThat(Quality.ofCounted(update.change().countedAdded().get(0))).containsExactlyInAnyOrder(
                QualityCounter.COUNTED, QualityCounter.COUNTERPART_UNKNOWN);

        for (YearMonth month = YearMonth.of(2025, 5); !month.isAfter(YearMonth.of(2026, 3));
             month = month.plusMonths(1)) {
            assertThat(Stock.memberOn(person, month)).as("stock on %s", month).isPresent();
        }
        assertThat(Stock.memberOn(person, YearMonth.of(2025, 5)))
                .contains(new Stock.StockMember("KAZ", "KGZ", "KGZ", "F", "Y30T34"));
        assertThat(Stock.memberOn(person, YearMonth.of(2026, 4))).isEmpty();
        assertThat(Stock.memberOn(person, YearMonth.of(2026, 5))).isEmpty();
        assertThat(Stock.memberOn(person, YearMonth.of(2026, 6))).contains(HER_AT_34);
    }
}
