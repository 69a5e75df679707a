package org.migrex.statistics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.migrex.statistics.Events.emi;
import static org.migrex.statistics.Events.imm;

/**
 * MIGR_STOCK on the first day t of a month, by hand from the definition: the latest counted IMM m with m.date &lt; t is
 * LONG_TERM, no counted EMI x has m.date &le; x.date &lt; t, and a declared stay ends after t.
 */
class StockTest {

    /*
     * History: a RESIDENCE_REGISTRATION (LONG_TERM, no days) on 2025-01-15, a DEREGISTRATION on 2025-05-20.
     * 2025-01-01: nothing before t. 2025-02-01 .. 2025-05-01: in. 2025-06-01: the EMI (2025-05-20) is before t.
     */
    @ParameterizedTest(name = "stock on {0}: {1}")
    @CsvSource(textBlock = """
            2025-01, false
            2025-02, true
            2025-05, true
            2025-06, false
            """)
    void fromImmigrationToEmigration(YearMonth month, boolean inStock) {
        PersonHistory person = PersonHistory.empty()
                .apply("a", imm("2025-01-15").build()).history()
                .apply("x", emi("2025-05-20").build()).history();
        assertThat(Stock.memberOn(person, month).isPresent()).isEqualTo(inStock);
    }

    @Test
    void eventsDatedOnTheStockDateHaveNotHappenedYet() {
        // IMM on 2025-02-01: not in the stock on 2025-02-01, in on 2025-03-01; EMI on 2025-04-01: still in on 2025-04-01
        PersonHistory person = PersonHistory.empty()
                .apply("a", imm("2025-02-01").build()).history()
                .apply("x", emi("2025-04-01").build()).history();
        assertThat(Stock.memberOn(person, YearMonth.of(2025, 2))).isEmpty();
        assertThat(Stock.memberOn(person, YearMonth.of(2025, 3))).isPresent();
        assertThat(Stock.memberOn(person, YearMonth.of(2025, 4))).isPresent();
        assertThat(Stock.memberOn(person, YearMonth.of(2025, 5))).isEmpty();
    }

    @Test
    void anEmigrationOnTheDayOfTheImmigrationEndsTheStay() {
        PersonHistory person = PersonHistory.empty()
                .apply("a", imm("2025-01-10").build()).history()
                .apply("x", emi("2025-01-10").build()).history();
        assertThat(Stock.memberOn(person, YearMonth.of(2025, 2))).isEmpty();
    }

    /*
     * 2025-01-31 + 366 days = 2026-02-01 (2025-01-31 + 365 = 2026-01-31), LONG_TERM (end >= 2026-01-31).
     * end > t: in on 2026-01-01; end == t on 2026-02-01: out.
     * 2025-01-15 + 400 days = 2026-02-19 (365 days to 2026-01-15, 35 more): in on 2026-02-01, out on 2026-03-01.
     */
    @ParameterizedTest(name = "{0} + {1} days, stock on {2}: {3}")
    @CsvSource(textBlock = """
            2025-01-31, 366, 2026-01, true
            2025-01-31, 366, 2026-02, false
            2025-01-15, 400, 2026-02, true
            2025-01-15, 400, 2026-03, false
            """)
    void aDeclaredStayEndsTheMembership(String date, int days, YearMonth month, boolean inStock) {
        PersonHistory person = PersonHistory.empty().apply("a", Events.event("STAY_REGISTRATION", date)
                .setIntendedDurationDays(days).setDurationBasis("INTENDED").build()).history();
        assertThat(Stock.memberOn(person, month).isPresent()).isEqualTo(inStock);
    }

    @Test
    void theLatestCountedImmigrationDecidesNotAnEarlierOne() {
        // LONG_TERM on 2024-01-10, EMI 2024-06-01, SHORT_TERM (work, 200 days) on 2024-09-01: all three count
        PersonHistory person = PersonHistory.empty()
                .apply("a", imm("2024-01-10").build()).history()
                .apply("x", emi("2024-06-01").build()).history()
                .apply("b", Events.event("STAY_REGISTRATION", "2024-09-01").setDurationClass("SHORT_TERM")
                        .setIntendedDurationDays(200).build()).history();
        assertThat(Stock.memberOn(person, YearMonth.of(2024, 5))).isPresent();
        assertThat(Stock.memberOn(person, YearMonth.of(2024, 7))).isEmpty();
        assertThat(Stock.memberOn(person, YearMonth.of(2024, 10))).isEmpty();
    }

    @Test
    void aRenewalDoesNotReplaceTheCountedImmigration() {
        // SHORT_TERM 2025-01-10 (200 days) counts; the LONG_TERM registration of 2025-06-01 is its renewal
        PersonHistory person = PersonHistory.empty()
                .apply("a", Events.event("STAY_REGISTRATION", "2025-01-10").setDurationClass("SHORT_TERM")
                        .setIntendedDurationDays(200).build()).history()
                .apply("b", imm("2025-06-01").build()).history();
        assertThat(Stock.memberOn(person, YearMonth.of(2025, 7))).isEmpty();
    }

    @Test
    void theCellTakesTheImmigrationsAttributesAndTheAgeOnTheStockDate() {
        // born 1990-03-01: 34 at the IMM (2025-01-10) and on 2025-02-01, 35 on 2025-03-01
        PersonHistory person = PersonHistory.empty().apply("a", imm("2025-01-10").setBirthDate("1990-03-01")
                .setAgeYears(34).setAgeGroup("Y30T34").setSex("M").setCitizenship("UZB").setCountryOfBirth("TJK")
                .build()).history();
        assertThat(Stock.memberOn(person, YearMonth.of(2025, 2)))
                .contains(new Stock.StockMember("KAZ", "UZB", "TJK", "M", "Y30T34"));
        assertThat(Stock.memberOn(person, YearMonth.of(2025, 3)))
                .contains(new Stock.StockMember("KAZ", "UZB", "TJK", "M", "Y35T39"));
    }

    @Test
    void theStockDateIsTheFirstOfAMonth() {
        assertThatThrownBy(() -> Stock.memberOn(PersonHistory.empty().counted(), LocalDate.of(2025, 2, 2)))
                .hasMessageContaining("2025-02-02");
    }

    @ParameterizedTest(name = "born {0}, on {1}: {2}")
    @CsvSource(nullValues = "null", textBlock = """
            null,       2025-01-01, _U
            2025-01-02, 2025-01-01, _U
            2025-01-01, 2025-01-01, Y0T4
            2020-01-02, 2025-01-01, Y0T4
            2020-01-01, 2025-01-01, Y5T9
            1940-01-02, 2025-01-01, Y80T84
            1940-01-01, 2025-01-01, Y_GE85
            1905-01-01, 2025-01-01, Y_GE85
            1904-12-31, 2025-01-01, Y_GE85
            1903-12-31, 2025-01-01, _U
            2000-02-29, 2025-02-01, Y20T24
            2000-03-01, 2025-03-01, Y25T29
            """)
    void ageGroupOnADate(LocalDate birth, LocalDate t, String group) {
        assertThat(AgeGroups.ageGroupOn(birth, t)).isEqualTo(group);
    }

    /*
     * Whether a month after the horizon can still count the person. IMM 2025-01-15 (no days): in every month from
     * 2025-02 on, so yes after any horizon. With an EMI on 2025-05-20: out from 2025-06; after the horizon 2025-05 no,
     * after 2025-04 yes (2025-05 counts). A stay of 400 days from 2025-01-15 ends 2026-02-19: after 2026-01 yes
     * (2026-02-01 < end), after 2026-02 no. An IMM dated after the horizon (2025-03-10, horizon 2025-01): yes, from
     * 2025-04. A short-term stay never counts.
     */
    @Test
    void whetherAPersonCanCountAfterTheHorizon() {
        PersonHistory resident = PersonHistory.empty().apply("a", imm("2025-01-15").build()).history();
        assertThat(Stock.canCountAfter(resident, YearMonth.of(2030, 1))).isTrue();
        PersonHistory left = resident.apply("x", emi("2025-05-20").build()).history();
        assertThat(Stock.canCountAfter(left, YearMonth.of(2025, 5))).isFalse();
        assertThat(Stock.canCountAfter(left, YearMonth.of(2025, 4))).isTrue();
        PersonHistory declared = PersonHistory.empty().apply("a", Events.event("STAY_REGISTRATION", "2025-01-15")
                .setIntendedDurationDays(400).setDurationBasis("INTENDED").build()).history();
        assertThat(Stock.canCountAfter(declared, YearMonth.of(2026, 1))).isTrue();
        assertThat(Stock.canCountAfter(declared, YearMonth.of(2026, 2))).isFalse();
        PersonHistory later = PersonHistory.empty().apply("a", imm("2025-03-10").build()).history()
                .apply("x", emi("2025-04-20").build()).history();
        assertThat(Stock.canCountAfter(later, YearMonth.of(2025, 1))).isTrue();
        assertThat(Stock.canCountAfter(later, YearMonth.of(2025, 4))).isFalse();
        PersonHistory shortStay = PersonHistory.empty().apply("a", Events.event("STAY_REGISTRATION", "2025-01-10")
                .setDurationClass("SHORT_TERM").setIntendedDurationDays(200).build()).history();
        assertThat(Stock.canCountAfter(shortStay, YearMonth.of(2024, 12))).isFalse();
    }
}
