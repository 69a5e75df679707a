package org.migrex.harmonization.rules;

import java.time.LocalDate;
import java.time.Period;

/**
 * Age at the event and its SDMX CL_AGE group.
 *
 * <p>Age is the number of whole years completed between birth and the event date ({@link Period#between}): the
 * birthday itself counts as completed; a person born on 29 February completes a year on 1 March in a non-leap year.
 * An age from 0 to {@value #MAX_AGE} is possible; a birth after the event or an older age is impossible.
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

    /** Whether {@code age} can be a real person's age at an event. */
    public static boolean possible(int age) {
        return age >= 0 && age <= MAX_AGE;
    }

    /**
     * The CL_AGE five-year group: {@code Y<5k>T<5k+4>} for ages 0 to 84, {@code Y_GE85} from 85, {@code _U} for an
     * unknown (null) age.
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
