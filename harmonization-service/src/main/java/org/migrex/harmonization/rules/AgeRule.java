package org.migrex.harmonization.rules;

import java.time.LocalDate;
import java.time.Period;

/**
 * Age at the event and its SDMX CL_AGE group (statistical definitions v2).
 *
 * <p>{@code age = Period.between(birth, event).getYears()}: whole years completed; the birthday itself counts as
 * completed, and a person born on 29 February completes a year on 1 March in a non-leap year. An age is possible when
 * {@code birth <= event} and {@code age <= }{@value #MAX_AGE}; an impossible one is unknown ({@code _U}), counted in
 * MIGR_QUALITY, and never quarantines the record: one wrong birth date must not withhold a registration from the
 * flows.
 */
public final class AgeRule {
    /** The oldest age accepted. */
    public static final int MAX_AGE = 120;
    /** CL_AGE code of an unknown age. */
    public static final String UNKNOWN = "_U";

    private AgeRule() {
    }

    /** Whole years from {@code birth} to {@code event}; negative when the birth is after the event. */
    public static int ageYears(LocalDate birth, LocalDate event) {
        if (birth.isAfter(event)) {
            return -1;
        }
        return Period.between(birth, event).getYears();
    }

    /** Whether {@code age} can be a real person's age at an event: {@code 0 <= age <= 120}. */
    public static boolean possible(int age) {
        return age >= 0 && age <= MAX_AGE;
    }

    /**
     * The age at {@code event} of a person born on {@code birth}, or null when the birth date is unknown (null) or the
     * age would be impossible.
     */
    public static Integer ageAt(LocalDate birth, LocalDate event) {
        if (birth == null) {
            return null;
        }
        int age = ageYears(birth, event);
        return possible(age) ? age : null;
    }

    /**
     * The CL_AGE five-year group: {@code Y<5k>T<5k+4>} for ages 0 to 84 ({@code k = age / 5}), {@code Y_GE85} from
     * 85, {@code _U} for an unknown (null) age.
     */
    public static String ageGroup(Integer age) {
        if (age == null) {
            return UNKNOWN;
        }
        if (age < 0) {
            throw new IllegalArgumentException("age " + age + " is negative");
        }
        if (age >= 85) {
            return "Y_GE85";
        }
        int lower = age / 5 * 5;
        return "Y" + lower + "T" + (lower + 4);
    }
}
