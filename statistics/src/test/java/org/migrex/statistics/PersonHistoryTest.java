package org.migrex.statistics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.MigrationScope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.migrex.statistics.Events.emi;
import static org.migrex.statistics.Events.imm;

/**
 * The renewal rule, table-driven. Each row is one person's history as {@code key:FLOW:date} items and the keys that
 * count, worked out by hand from the definition (PersonHistory's Javadoc): an IMM e is a renewal when an earlier IMM
 * e' has {@code e'.date >= e.date.minusMonths(12)} and no EMI x has {@code e'.date <= x.date <= e.date}; EMI likewise.
 */
class PersonHistoryTest {

    @ParameterizedTest(name = "[{index}] {0}: counted {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # one registration counts
            a:IMM:2025-01-31                                        | a
            # renewal inside 12 months
            a:IMM:2025-01-31 b:IMM:2025-12-15                       | a
            # 12 calendar months from the 10th: 2026-01-10 minus 12 months is 2025-01-10, within (renewal); a day later is not
            a:IMM:2025-01-10 b:IMM:2026-01-10                       | a
            a:IMM:2025-01-10 b:IMM:2026-01-11                       | a b
            # from the 31st: 2026-03-31 minus 12 months = 2025-03-31 (renewal); 2026-04-01 minus 12 months = 2025-04-01 > 2025-03-31
            a:IMM:2025-03-31 b:IMM:2026-03-31                       | a
            a:IMM:2025-03-31 b:IMM:2026-04-01                       | a b
            # 2025-04-30 minus 12 months = 2024-04-30: an IMM on 2024-03-31 is 13 months before
            a:IMM:2024-03-31 b:IMM:2025-04-30                       | a b
            # leap years: 2024-02-29 minus 12 months = 2023-02-28, so 2023-02-28 is within; 2024-03-01 minus 12 = 2023-03-01
            a:IMM:2023-02-28 b:IMM:2024-02-29                       | a
            a:IMM:2023-02-28 b:IMM:2024-03-01                       | a b
            # 2025-02-28 minus 12 months = 2024-02-28 <= 2024-02-29 (renewal); 2025-03-01 minus 12 = 2024-03-01 > 2024-02-29
            a:IMM:2024-02-29 b:IMM:2025-02-28                       | a
            a:IMM:2024-02-29 b:IMM:2025-03-01                       | a b
            # minusMonths from the later date, not plusMonths from the earlier: 2023-02-28 + 12 months = 2024-02-28 is
            # before 2024-02-29, yet 2024-02-29 minus 12 months = 2023-02-28, so b renews a; the later EMI c counts
            a:IMM:2023-02-28 b:IMM:2024-02-29 c:EMI:2024-03-15      | a c
            # an emigration between two immigrations: all three count
            a:IMM:2025-01-10 x:EMI:2025-04-01 b:IMM:2025-09-01      | a x b
            # between is inclusive: an EMI on the day of the earlier IMM, or of the later one, interrupts
            a:IMM:2025-01-10 x:EMI:2025-01-10 b:IMM:2025-06-01      | a x b
            a:IMM:2025-01-10 b:IMM:2025-06-01 x:EMI:2025-06-01      | a b x
            # an EMI after the second IMM does not
            a:IMM:2025-01-10 b:IMM:2025-06-01 x:EMI:2025-06-02      | a x
            # same day: the smaller record key counts, whatever the order of arrival
            k2:IMM:2025-05-05 k1:IMM:2025-05-05                     | k1
            # a chain of renewals, each within 12 months of the previous one, counts once (e' need not be counted)
            a:IMM:2024-01-01 b:IMM:2024-12-01 c:IMM:2025-11-01 d:IMM:2026-10-01 | a
            # but not if a link is longer than 12 months
            a:IMM:2024-01-01 b:IMM:2024-12-01 c:IMM:2025-12-02 d:IMM:2026-10-01 | a c
            # emigrations: a repeat within 12 months does not count, an IMM between interrupts
            x:EMI:2025-01-01 y:EMI:2025-06-01                       | x
            x:EMI:2025-01-01 a:IMM:2025-03-01 y:EMI:2025-06-01      | x a y
            x:EMI:2025-01-01 y:EMI:2026-01-02                       | x y
            # left and came back twice within a year: every move counts
            a:IMM:2025-01-01 x:EMI:2025-03-01 b:IMM:2025-05-01 y:EMI:2025-07-01 | a x b y
            """)
    void countedRegistrations(String history, String counted) {
        PersonHistory person = PersonHistory.empty();
        for (String item : history.split(" +")) {
            String[] part = item.split(":");
            var event = (part[1].equals("IMM") ? imm(part[2]) : emi(part[2])).build();
            person = person.apply(part[0], event).history();
        }
        assertThat(person.counted()).extracting(Registration::recordKey)
                .containsExactlyElementsOf(Arrays.asList(counted.split(" +")));
        assertThat(person.registrations()).hasSize(history.split(" +").length);
    }

    @Test
    void theFirstRegistrationsDeletionMakesTheSecondCount() {
        var a = imm("2025-01-10").build();
        var b = imm("2025-06-01").setSex("M").build();
        PersonHistory person = PersonHistory.empty().apply("a", a).history().apply("b", b).history();
        assertThat(keys(person.counted())).containsExactly("a");
        assertThat(keys(person.renewals())).containsExactly("b");

        var update = person.apply("a", null);

        assertThat(keys(update.history().counted())).containsExactly("b");
        assertThat(keys(update.change().countedRemoved())).containsExactly("a");
        assertThat(keys(update.change().countedAdded())).containsExactly("b");
        assertThat(update.change().countedAdded().get(0).sex()).isEqualTo("M"); // b's cell takes b's attributes
        assertThat(keys(update.change().renewalsRemoved())).containsExactly("b");
        assertThat(update.change().renewalsAdded()).isEmpty();
    }

    @Test
    void aCorrectionChangesWhichRegistrationCounts() {
        PersonHistory person = PersonHistory.empty()
                .apply("a", imm("2025-01-10").build()).history()
                .apply("b", imm("2025-06-01").build()).history();

        // a was entered with a wrong date: it was 2025-08-01, so b is the first and a renews it
        var update = person.apply("a", imm("2025-08-01").build());

        assertThat(keys(update.history().counted())).containsExactly("b");
        assertThat(keys(update.history().renewals())).containsExactly("a");
        assertThat(update.change().countedRemoved()).extracting(r -> r.recordKey() + "@" + r.date())
                .containsExactly("a@2025-01-10");
        assertThat(keys(update.change().countedAdded())).containsExactly("b");
        assertThat(keys(update.change().renewalsRemoved())).containsExactly("b");
        assertThat(update.change().renewalsAdded()).extracting(r -> r.recordKey() + "@" + r.date())
                .containsExactly("a@2025-08-01");
    }

    @Test
    void aCorrectionOfACountedRegistrationsAttributesMovesItsCell() {
        PersonHistory person = PersonHistory.empty().apply("a", imm("2025-01-10").setSex("M").build()).history();
        var update = person.apply("a", imm("2025-01-10").setSex("F").build());
        assertThat(update.change().countedRemoved()).extracting(Registration::sex).containsExactly("M");
        assertThat(update.change().countedAdded()).extracting(Registration::sex).containsExactly("F");
    }

    @Test
    void aCorrectionThatTakesTheFirstOutOfScopeMakesTheSecondCount() {
        PersonHistory person = PersonHistory.empty()
                .apply("a", imm("2025-01-10").build()).history()
                .apply("b", imm("2025-06-01").build()).history();
        var update = person.apply("a", imm("2025-01-10").setCounterpartArea("KAZ").setCitizenship("KAZ")
                .setScope(MigrationScope.INTERNAL_OR_UNKNOWN).build());
        assertThat(keys(update.history().counted())).containsExactly("b");
        assertThat(update.history().registrations()).hasSize(1);
    }

    @Test
    void aDuplicateChangesNothing() {
        var a = imm("2025-01-10").build();
        PersonHistory person = PersonHistory.empty().apply("a", a).history();
        var update = person.apply("a", imm("2025-01-10").build());
        assertThat(update.change()).isEqualTo(PersonHistory.Change.NONE);
        assertThat(update.history()).isSameAs(person);
    }

    @Test
    void outOfScopeEventsNeitherCountNorRenew() {
        // a citizen's internal move, then a tourist staying 100 days, then a permit: none is a registration in scope
        var internal = imm("2025-01-10").setCitizenship("KAZ").setCounterpartArea("KAZ")
                .setScope(MigrationScope.INTERNAL_OR_UNKNOWN).build();
        var tourist = Events.event("STAY_REGISTRATION", "2025-02-01").setCitizenship("TUR")
                .setCounterpartArea("TUR").setPurpose("PRIVATE").setDurationClass("SHORT_TERM")
                .setIntendedDurationDays(100).setScope(MigrationScope.EXCLUDED_PURPOSE).build();
        var permit = Events.event("WORK_PERMIT", "2025-02-01").build();
        var preV2 = imm("2025-02-01").setScope(null).build();
        PersonHistory person = PersonHistory.empty();
        List<HarmonizedMigrationEvent> events = List.of(internal, tourist, permit, preV2);
        for (int i = 0; i < events.size(); i++) {
            var update = person.apply("k" + i, events.get(i));
            assertThat(update.change().isEmpty()).isTrue();
            person = update.history();
        }
        assertThat(person.isEmpty()).isTrue();

        // and an in-scope registration after the internal move counts
        assertThat(keys(person.apply("b", imm("2025-06-01").build()).change().countedAdded())).containsExactly("b");
    }

    @Test
    void theStoreEncodingIsCompactAndRoundTrips() {
        PersonHistory person = PersonHistory.empty()
                .apply("kaz-mvd|r-000001", imm("2025-01-10").setBirthDate("1990-03-01").setIntendedDurationDays(400)
                        .build()).history()
                .apply("kaz-mvd|r-000002", emi("2025-06-01").build()).history();
        byte[] bytes = person.toBytes();
        assertThat(PersonHistory.fromBytes(bytes)).isEqualTo(person);
        assertThat(bytes.length).isLessThan(2 * 100);
        assertThat(PersonHistory.fromBytes(PersonHistory.empty().toBytes()).isEmpty()).isTrue();
    }

    @Test
    void deletingWhatWasNeverInScopeChangesNothing() {
        assertThat(PersonHistory.empty().apply("nothing", null).change().isEmpty())
                .isTrue();
    }

    private static List<String> keys(List<Registration> registrations) {
        List<String> keys = new ArrayList<>();
        registrations.forEach(r -> keys.add(r.recordKey()));
        return keys;
    }
}
