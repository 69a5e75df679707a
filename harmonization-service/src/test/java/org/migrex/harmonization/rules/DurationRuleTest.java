package org.migrex.harmonization.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.migrex.harmonization.reference.NationalCriterion;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class DurationRuleTest {
    private static final NationalCriterion RUS = new NationalCriterion("RUS", "RUS_9_MONTHS", 9);

    @ParameterizedTest(name = "{0} with {1} days: {2}/{3}")
    @CsvSource(nullValues = "null", textBlock = """
            STAY_REGISTRATION,      0,    TEMPORARY,  INTENDED
            STAY_REGISTRATION,      89,   TEMPORARY,  INTENDED
            STAY_REGISTRATION,      90,   SHORT_TERM, INTENDED
            STAY_REGISTRATION,      364,  SHORT_TERM, INTENDED
            STAY_REGISTRATION,      365,  LONG_TERM,  INTENDED
            STAY_REGISTRATION,      3650, LONG_TERM,  INTENDED
            RESIDENCE_REGISTRATION, 30,   TEMPORARY,  INTENDED
            RESIDENCE_REGISTRATION, null, LONG_TERM,  REGISTRATION
            DEREGISTRATION,         null, LONG_TERM,  REGISTRATION
            STAY_REGISTRATION,      null, _U,         _U
            ENTRY,                  null, _U,         _U
            WORK_PERMIT,            180,  SHORT_TERM, INTENDED
            """)
    void classifiesByTheUnDefinition(String eventType, Integer days, String durationClass, String basis) {
        assertThat(DurationRule.classify(eventType, days))
                .isEqualTo(new DurationRule.Verdict(durationClass, basis));
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
