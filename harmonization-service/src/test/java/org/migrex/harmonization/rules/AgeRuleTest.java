package org.migrex.harmonization.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class AgeRuleTest {

    @ParameterizedTest(name = "born {0}, event {1}: {2} years, possible {3}")
    @CsvSource(textBlock = """
            2020-03-10, 2020-03-10, 0,   true
            2015-06-01, 2020-05-31, 4,   true
            2015-06-01, 2020-06-01, 5,   true
            1940-01-01, 2024-12-31, 84,  true
            1939-01-01, 2024-01-01, 85,  true
            1904-05-06, 2024-05-05, 119, true
            1904-05-05, 2024-05-05, 120, true
            1903-05-05, 2024-05-05, 121, false
            2000-02-29, 2001-02-28, 0,   true
            2000-02-29, 2001-03-01, 1,   true
            2024-05-06, 2024-05-05, -1,  false
            """)
    void ageInWholeYearsAtTheEvent(LocalDate birth, LocalDate event, int years, boolean possible) {
        int age = AgeRule.ageYears(birth, event);
        assertThat(age).isEqualTo(years);
        assertThat(AgeRule.possible(age)).isEqualTo(possible);
    }

    @ParameterizedTest(name = "born {0}, event {1}: {2}")
    @CsvSource(nullValues = "null", textBlock = """
            null,       2024-05-05, null
            1904-05-05, 2024-05-05, 120
            1903-05-05, 2024-05-05, null
            2024-05-06, 2024-05-05, null
            2024-05-05, 2024-05-05, 0
            """)
    void impossibleAgesAreUnknown(LocalDate birth, LocalDate event, Integer age) {
        assertThat(AgeRule.ageAt(birth, event)).isEqualTo(age);
    }

    @ParameterizedTest(name = "age {0}: {1}")
    @CsvSource(nullValues = "null", textBlock = """
            null, _U
            0,    Y0T4
            4,    Y0T4
            5,    Y5T9
            9,    Y5T9
            10,   Y10T14
            44,   Y40T44
            80,   Y80T84
            84,   Y80T84
            85,   Y_GE85
            120,  Y_GE85
            """)
    void clAgeFiveYearGroups(Integer age, String group) {
        assertThat(AgeRule.ageGroup(age)).isEqualTo(group);
    }
}
