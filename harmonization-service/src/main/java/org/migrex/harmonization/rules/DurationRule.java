package org.migrex.harmonization.rules;

import org.migrex.harmonization.reference.NationalCriterion;

import java.time.LocalDate;

/**
 * Duration class by the UN definitions in calendar months (statistical definitions v2), and the national criterion
 * beside it.
 *
 * <p>With event date {@code d} and {@code n} declared days, {@code end = d + n days}:
 * <pre>
 *   LONG_TERM   if end &ge; d.plusMonths(12)
 *   SHORT_TERM  if end &ge; d.plusMonths(3)
 *   TEMPORARY   otherwise                       (basis INTENDED)
 * </pre>
 * Without declared days: RESIDENCE_REGISTRATION and DEREGISTRATION (registration at, or removal from, the place of
 * permanent residence) are LONG_TERM, basis REGISTRATION; any other event type (a STAY_REGISTRATION among them) is
 * {@code _U}, basis {@code _U}.
 *
 * <p>Calendar months, not 365 and 90 days, because the UN definitions speak of months: a stay from 31 January to 30
 * April is 3 months ({@code plusMonths} clamps to the last day of a shorter month), and a year from 1 March 2024 is 365
 * days but from 1 February 2024 it is 366.
 */
public final class DurationRule {

    /** The class and what it rests on. */
    public record Verdict(DurationClass durationClass, DurationBasis basis) {
    }

    private DurationRule() {
    }

    /**
     * The UN duration class of an event of {@code eventType} on {@code eventDate} with {@code days} declared days (or
     * null when none were declared).
     */
    public static Verdict classify(String eventType, LocalDate eventDate, Integer days) {
        if (days != null) {
            if (days < 0) {
                throw new IllegalArgumentException("duration " + days + " is negative");
            }
            LocalDate end = eventDate.plusDays(days);
            DurationClass durationClass = !end.isBefore(eventDate.plusMonths(12)) ? DurationClass.LONG_TERM
                    : !end.isBefore(eventDate.plusMonths(3)) ? DurationClass.SHORT_TERM
                    : DurationClass.TEMPORARY;
            return new Verdict(durationClass, DurationBasis.INTENDED);
        }
        if (permanentRegistration(eventType)) {
            return new Verdict(DurationClass.LONG_TERM, DurationBasis.REGISTRATION);
        }
        return new Verdict(DurationClass.UNKNOWN, DurationBasis.UNKNOWN);
    }

    /**
     * The national criterion's verdict, an attribute that never classifies: with {@code n} declared days, the stay
     * counts as migration for that country when {@code d + n days >= d.plusMonths(criterion.months())} (calendar
     * months, as for the UN class; Russia: 9 months since 2011). Without declared days, a permanent registration
     * (RESIDENCE_REGISTRATION, DEREGISTRATION) counts; anything else cannot be judged (null).
     */
    public static Boolean nationalMigrant(NationalCriterion criterion, String eventType, LocalDate eventDate,
                                          Integer days) {
        if (days != null) {
            return !eventDate.plusDays(days).isBefore(eventDate.plusMonths(criterion.months()));
        }
        return permanentRegistration(eventType) ? Boolean.TRUE : null;
    }

    private static boolean permanentRegistration(String eventType) {
        return "RESIDENCE_REGISTRATION".equals(eventType) || "DEREGISTRATION".equals(eventType);
    }
}
