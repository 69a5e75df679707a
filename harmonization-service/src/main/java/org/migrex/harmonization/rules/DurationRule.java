package org.migrex.harmonization.rules;

import org.migrex.harmonization.reference.NationalCriterion;

import java.time.LocalDate;

/**
 * Duration class by the UN definitions (Recommendations on Statistics of International Migration, Rev.1, 1998;
 * UN Expert Group on Migration Statistics, 2021), and the national criterion beside it.
 *
 * <ul>
 *   <li>Declared duration d days: d &ge; 365 is LONG_TERM, 90 &le; d &le; 364 SHORT_TERM, d &lt; 90 TEMPORARY;
 *       basis INTENDED.</li>
 *   <li>No declared duration: RESIDENCE_REGISTRATION and DEREGISTRATION (registration at, or removal from, the place
 *       of permanent residence) are LONG_TERM with basis REGISTRATION; any other event type is {@code _U}, basis
 *       {@code _U}.</li>
 * </ul>
 */
public final class DurationRule {
    public static final String LONG_TERM = "LONG_TERM";
    public static final String SHORT_TERM = "SHORT_TERM";
    public static final String TEMPORARY = "TEMPORARY";
    public static final String UNKNOWN = "_U";
    public static final String INTENDED = "INTENDED";
    public static final String REGISTRATION = "REGISTRATION";

    /** The class and what it rests on. */
    public record Verdict(String durationClass, String basis) {
    }

    private DurationRule() {
    }

    /** The UN duration class of an event of {@code eventType} with a declared duration of {@code days} (or null). */
    public static Verdict classify(String eventType, Integer days) {
        if (days != null) {
            if (days < 0) {
                throw new IllegalArgumentException("duration " + days + " is negative");
            }
            String durationClass = days >= 365 ? LONG_TERM : days >= 90 ? SHORT_TERM : TEMPORARY;
            return new Verdict(durationClass, INTENDED);
        }
        if (permanentRegistration(eventType)) {
            return new Verdict(LONG_TERM, REGISTRATION);
        }
        return new Verdict(UNKNOWN, UNKNOWN);
    }

    /**
     * The national criterion's verdict: with a declared duration of d days, the stay counts as migration when its
     * end (event date + d days) is on or after the same calendar day {@code criterion.months()} months after the event
     * date ({@link LocalDate#plusMonths}: a day missing in the target month becomes that month's last day). Without a
     * declared duration, a permanent registration (RESIDENCE_REGISTRATION, DEREGISTRATION) counts; anything else
     * cannot be judged (null).
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
