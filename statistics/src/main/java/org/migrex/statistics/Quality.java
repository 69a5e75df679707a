package org.migrex.statistics;

import org.migrex.schema.HarmonizedMigrationEvent;

import java.util.EnumSet;
import java.util.Set;

/**
 * The MIGR_QUALITY counters an event or registration feeds ({@link QualityCounter}). Three plain functions, one per
 * source, so that each counter is fed from the place that knows it:
 * <ul>
 *   <li>{@link #ofEvent}: per harmonized event (record), from its scope: REGISTRATIONS and the reason it is out of
 *       scope, if any;</li>
 *   <li>{@link #ofCounted}: per counted registration ({@link PersonHistory.Change#countedAdded()} adds,
 *       {@code countedRemoved} subtracts): COUNTED and its unknown codes;</li>
 *   <li>{@link #ofRenewal}: per renewal ({@code renewalsAdded} / {@code renewalsRemoved}): RENEWAL.</li>
 * </ul>
 * So for a direction and month, {@code REGISTRATIONS = INTERNAL_OR_UNKNOWN + TEMPORARY_STAY + EXCLUDED_PURPOSE +
 * SCOPE_NOT_CLASSIFIED + RENEWAL + COUNTED}.
 */
public final class Quality {
    private Quality() {
    }

    /**
     * REGISTRATIONS and the out-of-scope reason for an event with a FLOW; nothing for an event without one (entries,
     * exits, permits, grants) or a deletion (null).
     */
    public static Set<QualityCounter> ofEvent(HarmonizedMigrationEvent event) {
        if (event == null || event.getFlow() == null) {
            return EnumSet.noneOf(QualityCounter.class);
        }
        EnumSet<QualityCounter> counters = EnumSet.of(QualityCounter.REGISTRATIONS);
        if (event.getScope() == null) {
            counters.add(QualityCounter.SCOPE_NOT_CLASSIFIED);
            return counters;
        }
        switch (event.getScope()) {
            case INTERNAL_OR_UNKNOWN -> counters.add(QualityCounter.INTERNAL_OR_UNKNOWN);
            case TEMPORARY_STAY -> counters.add(QualityCounter.TEMPORARY_STAY);
            case EXCLUDED_PURPOSE -> counters.add(QualityCounter.EXCLUDED_PURPOSE);
            case IN_SCOPE -> {
                // counted or renewal: known only from the person's history (ofCounted, ofRenewal)
            }
            // an event with a FLOW is never NOT_A_FLOW; if a writer says so, the event is not classified
            case NOT_A_FLOW -> counters.add(QualityCounter.SCOPE_NOT_CLASSIFIED);
        }
        return counters;
    }

    /** COUNTED and, for each of SEX, AGE, COUNTERPART_AREA and DURATION that is {@code _U}, its unknown counter. */
    public static Set<QualityCounter> ofCounted(Registration counted) {
        EnumSet<QualityCounter> counters = EnumSet.of(QualityCounter.COUNTED);
        if (Codes.UNKNOWN.equals(counted.sex())) {
            counters.add(QualityCounter.SEX_UNKNOWN);
        }
        if (Codes.UNKNOWN.equals(counted.ageGroup())) {
            counters.add(QualityCounter.AGE_UNKNOWN);
        }
        if (Codes.UNKNOWN.equals(counted.counterpartArea())) {
            counters.add(QualityCounter.COUNTERPART_UNKNOWN);
        }
        if (Codes.UNKNOWN.equals(counted.durationClass())) {
            counters.add(QualityCounter.DURATION_UNKNOWN);
        }
        return counters;
    }

    /** RENEWAL, for a registration that {@link PersonHistory} does not count. */
    public static Set<QualityCounter> ofRenewal(Registration renewal) {
        return EnumSet.of(QualityCounter.RENEWAL);
    }
}
