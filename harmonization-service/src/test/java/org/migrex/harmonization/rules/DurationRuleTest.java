package org.migrex.harmonization.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.migrex.harmonization.reference.NationalCriterion;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class DurationRuleTest {
    private static final NationalCriterion RUS = new NationalCriterion("RUS", "RUS_9_MONTHS", 9);

    /*
     * Day counts worked by hand (month lengths; 2024 is a leap year):
     *   2026-01-15: +3 months = 2026-04-15 = 16+28+31+15 = 90 days;  +12 months = 2027-01-15 = 365 days.
     *   2026-01-31: +3 months = 2026-04-30 (no 31 April) = 28+31+30 = 89 days;  +12 months = 2027-01-31 = 365 days.
     *   2024-01-31: +3 months = 2024-04-30 = 29+31+30 = 90 days;  +12 months = 2025-01-31 = 366 days (29 Feb 2024).
     *   2024-02-29: +3 months = 2024-05-29 = 29+31+30 = 90 days;  +12 months = 2025-02-28 (no 29 Feb) = 365 days.
     *   2023-03-01: +12 months = 2024-03-01 = 366 days (29 Feb 2024);  2025-03-01: +12 months = 365 days.
     *   2025-11-30: +3 months = 2026-02-28 = 31+31+28 = 90 days.
     * The old rule (365 and 90 days) gets the rows marked * wrong.
     */
    @ParameterizedTest(name = "{0} on {1} with {2} days: {3}/{4}")
    @CsvSource(nullValues = "null", textBlock = """
            STAY_REGISTRATION,      2026-01-15, 0,    TEMPORARY,  INTENDED
            STAY_REGISTRATION,      2026-01-15, 89,   TEMPORARY,  INTENDED
            STAY_REGISTRATION,      2026-01-15, 90,   SHORT_TERM, INTENDED
            STAY_REGISTRATION,      2026-01-15, 364,  SHORT_TERM, INTENDED
            STAY_REGISTRATION,      2026-01-15, 365,  LONG_TERM,  INTENDED
            STAY_REGISTRATION,      2026-01-15, 3650, LONG_TERM,  INTENDED
            STAY_REGISTRATION,      2026-01-31, 88,   TEMPORARY,  INTENDED
            STAY_REGISTRATION,      2026-01-31, 89,   SHORT_TERM, INTENDED
            STAY_REGISTRATION,      2026-01-31, 364,  SHORT_TERM, INTENDED
            STAY_REGISTRATION,      2026-01-31, 365,  LONG_TERM,  INTENDED
            STAY_REGISTRATION,      2024-01-31, 89,   TEMPORARY,  INTENDED
            STAY_REGISTRATION,      2024-01-31, 90,   SHORT_TERM, INTENDED
            STAY_REGISTRATION,      2024-01-31, 365,  SHORT_TERM, INTENDED
            STAY_REGISTRATION,      2024-01-31, 366,  LONG_TERM,  INTENDED
            STAY_REGISTRATION,      2024-02-29, 89,   TEMPORARY,  INTENDED
            STAY_REGISTRATION,      2024-02-29, 90,   SHORT_TERM, INTENDED
            STAY_REGISTRATION,      2024-02-29, 364,  SHORT_TERM, INTENDED
            STAY_REGISTRATION,      2024-02-29, 365,  LONG_TERM,  INTENDED
            STAY_REGISTRATION,      2023-03-01, 365,  SHORT_TERM, INTENDED
            STAY_REGISTRATION,      2023-03-01, 366,  LONG_TERM,  INTENDED
            STAY_REGISTRATION,      2025-03-01, 364,  SHORT_TERM, INTENDED
            STAY_REGISTRATION,      2025-03-01, 365,  LONG_TERM,  INTENDED
            STAY_REGISTRATION,      2025-11-30, 89,   TEMPORARY,  INTENDED
            STAY_REGISTRATION,      2025-11-30, 90,   SHORT_TERM, INTENDED
            RESIDENCE_REGISTRATION, 2026-01-15, 30,   TEMPORARY,  INTENDED
            RESIDENCE_REGISTRATION, 2026-01-15, null, LONG_TERM,  REGISTRATION
            DEREGISTRATION,         2026-01-15, null, LONG_TERM,  REGISTRATION
            STAY_REGISTRATION,      2026-01-15, null, UNKNOWN,    UNKNOWN
            ENTRY,                  2026-01-15, null, UNKNOWN,    UNKNOWN
            WORK_PERMIT,            2026-01-15, 180,  SHORT_TERM, INTENDED
            """)
    void classifiesByCalendarMonths(String eventType, LocalDate date, Integer days, DurationClass durationClass,
                                    DurationBasis basis) {
        assertThat(DurationRule.classify(eventType, date, days))
                .isEqualTo(new DurationRule.Verdict(durationClass, basis));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(textBlock = """
            LONG_TERM,  LONG_TERM
            SHORT_TERM, SHORT_TERM
            TEMPORARY,  TEMPORARY
            UNKNOWN,    _U
            """)
    void durationCodes(DurationClass durationClass, String code) {
        assertThat(durationClass.code()).isEqualTo(code);
    }

    /*
     * Nine calendar months after 2026-01-15 is 2026-10-15, 273 days later (31+28+31+30+31+30+31+31+30).
     * After 2024-01-15 (leap year) it is 2024-10-15, 274 days later.
     * After 2025-05-31 it is 2026-02-28 (no 31 February), 273 days later (30+31+31+30+31+30+31+31+28).
     */
    @ParameterizedTest(name = "{0} {1} + {2} days: {3}")
    @CsvSource(nullValues = "null", textBlock = """
            STAY_REGISTRATION,      2026-01-15, 272,  false
            STAY_REGISTRATION,      2026-01-15, 273,  true
            STAY_REGISTRATION,      2024-01-15, 273,  false
            STAY_REGISTRATION,      2024-01-15, 274,  true
            STAY_REGISTRATION,      2025-05-31, 272,  false
            STAY_REGISTRATION,      2025-05-31, 273,  true
            STAY_REGISTRATION,      2026-01-15, 89,   false
            STAY_REGISTRATION,      2026-01-15, null, null
            RESIDENCE_REGISTRATION, 2026-01-15, null, true
            DEREGISTRATION,         2026-01-15, null, true
            ENTRY,                  2026-01-15, null, null
            """)
    void russianNineMonthCriterionCountsCalendarMonths(String eventType, LocalDate eventDate, Integer days,
                                                       Boolean migrant) {
        assertThat(DurationRule.nationalMigrant(RUS, eventType, eventDate, days)).isEqualTo(migrant);
    }
}
