package org.migrex.statistics;

import java.time.LocalDate;
import java.time.Period;

/**
 * Age at a date and its SDMX CL_AGE five-year group, for dates other than the event's (MIGR_STOCK: the first day of a
 * month). Same definition as the harmonizer's age at the event: {@code Period.between(birth, t).getYears()}, possible
 * from 0 to 120, otherwise {@code _U}.
 */
public final class AgeGroups {
    /** The oldest age accepted. */
    public static final int MAX_AGE = 120;

    private AgeGroups() {
    }

    /**
     * The CL_AGE group on {@code t} of a person born on {@code birth}: {@code Y<5k>T<5k+4>} for ages 0 to 84
     * ({@code k = age / 5}), {@code Y_GE85} from 85 to 120; {@code _U} when the birth date is unknown (null), after
     * {@code t}, or more than 120 years before it.
     */
    public static String ageGroupOn(LocalDate birth, LocalDate t) {
        if (birth == null || birth.isAfter(t)) {
            return Codes.UNKNOWN;
        }
        int age = Period.between(birth, t).getYears();
        if (age > MAX_AGE) {
            return Codes.UNKNOWN;
        }
        if (age >= 85) {
            return "Y_GE85";
        }
        int lower = age / 5 * 5;
        return "Y" + lower + "T" + (lower + 4);
    }
}
