package org.migrex.statistics;

import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.IntakeQualityDelta;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
 *
 * <p>The {@code observations…} functions place those counters in MIGR_QUALITY's cells: REF_AREA, SOURCE, FLOW,
 * INDICATOR (the counter), TIME_PERIOD. SOURCE is {@link #sourceOf the source part of the record key}
 * {@code <source>|<record_id>} for every counter, so that an event's REGISTRATIONS and the COUNTED or RENEWAL its
 * person history later gives it land in the same source (a registration in a person history keeps only its key).
 */
public final class Quality {
    /** The SOURCE of a record key without a {@code |} (not written by ingestion). */
    public static final String UNKNOWN_SOURCE = Codes.UNKNOWN;

    private Quality() {
    }

    /**
     * One MIGR_QUALITY count: one record (harmonized event) in one counter.
     *
     * @param refArea    REF_AREA
     * @param source     SOURCE ({@link #sourceOf})
     * @param flow       FLOW, IMM or EMI; {@link #NO_FLOW} for an intake counter
     * @param indicator  the counter
     * @param timePeriod month of the event, {@code yyyy-MM}
     */
    public record QualityObservation(String refArea, String source, String flow, QualityCounter indicator,
                                     String timePeriod) {
    }

    /** FLOW of the intake counters: not applicable, as a row or a quarantined record has no flow yet. */
    public static final String NO_FLOW = "_Z";

    /**
     * The observation an intake delta ({@code <cc>.intake.quality}) moves, in REF_AREA {@code refArea}.
     *
     * @throws IllegalArgumentException when the indicator is not an intake counter or the period not a month; such a
     *                                  delta was not written by ingestion or harmonization
     */
    public static QualityObservation observationOfIntake(String refArea, IntakeQualityDelta delta) {
        QualityCounter indicator;
        try {
            indicator = QualityCounter.valueOf(delta.getIndicator());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + delta.getIndicator() + "' is no quality counter", e);
        }
        if (!indicator.intake()) {
            throw new IllegalArgumentException(indicator + " is not an intake counter; accepted: " + java.util.Arrays
                    .stream(QualityCounter.values()).filter(QualityCounter::intake).toList());
        }
        try {
            java.time.YearMonth.parse(delta.getPeriod());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("period '" + delta.getPeriod() + "' is not a month yyyy-MM", e);
        }
        return new QualityObservation(refArea, delta.getSource(), NO_FLOW, indicator, delta.getPeriod());
    }

    /**
     * The source of a record key {@code <source>|<record_id>}: the part before the first {@code |}, which ingestion
     * writes as the upload's source (the event's {@code lineage.source}); {@code _U} for a key without one.
     */
    public static String sourceOf(String recordKey) {
        int bar = recordKey.indexOf('|');
        return bar <= 0 ? UNKNOWN_SOURCE : recordKey.substring(0, bar);
    }

    /**
     * {@link #ofEvent} as observations of the event stored under {@code recordKey}, in REF_AREA, FLOW and
     * TIME_PERIOD of the event; empty for an event without a FLOW or a deletion.
     */
    public static List<QualityObservation> observationsOfEvent(String recordKey, HarmonizedMigrationEvent event) {
        List<QualityObservation> observations = new ArrayList<>(2);
        for (QualityCounter counter : ofEvent(event)) {
            observations.add(new QualityObservation(event.getRefArea(), sourceOf(recordKey), event.getFlow(), counter,
                    event.getTimePeriod()));
        }
        return observations;
    }

    /**
     * {@link #observationsOfEvent(String, HarmonizedMigrationEvent)} and, when the event is a registration harmonized
     * at or after {@code monthFinalFrom} (its {@code lineage.harmonizedAt}), LATE_AFTER_FINAL ({@link #isLate}).
     *
     * @param monthFinalFrom the instant from which the event's month's datasets are FINAL; null: never (no agreement)
     */
    public static List<QualityObservation> observationsOfEvent(String recordKey, HarmonizedMigrationEvent event,
            java.time.Instant monthFinalFrom) {
        List<QualityObservation> observations = new ArrayList<>(observationsOfEvent(recordKey, event));
        if (!observations.isEmpty() && isLate(event, monthFinalFrom)) {
            observations.add(new QualityObservation(event.getRefArea(), sourceOf(recordKey), event.getFlow(),
                    QualityCounter.LATE_AFTER_FINAL, event.getTimePeriod()));
        }
        return observations;
    }

    /**
     * Whether the event was accepted after its month's datasets became FINAL: harmonized
     * ({@code lineage.harmonizedAt}) at or after {@code monthFinalFrom}. Never when {@code monthFinalFrom} is null.
     */
    public static boolean isLate(HarmonizedMigrationEvent event, java.time.Instant monthFinalFrom) {
        return monthFinalFrom != null && event != null && event.getLineage() != null
                && event.getLineage().getHarmonizedAt() != null
                && !event.getLineage().getHarmonizedAt().isBefore(monthFinalFrom);
    }

    /** {@link #ofCounted} as observations, in the registration's REF_AREA, FLOW and month. */
    public static List<QualityObservation> observationsOfCounted(Registration counted) {
        return observations(counted, ofCounted(counted));
    }

    /** {@link #ofRenewal} as observations, in the registration's REF_AREA, FLOW and month. */
    public static List<QualityObservation> observationsOfRenewal(Registration renewal) {
        return observations(renewal, ofRenewal(renewal));
    }

    private static List<QualityObservation> observations(Registration r, Set<QualityCounter> counters) {
        List<QualityObservation> observations = new ArrayList<>(counters.size());
        for (QualityCounter counter : counters) {
            observations.add(new QualityObservation(r.refArea(), sourceOf(r.recordKey()), r.flow().name(), counter,
                    r.timePeriod()));
        }
        return observations;
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
