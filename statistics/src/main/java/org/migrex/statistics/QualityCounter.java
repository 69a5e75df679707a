package org.migrex.statistics;

/**
 * What MIGR_QUALITY counts, per REF_AREA, FLOW and TIME_PERIOD: why registrations are not in MIGR_FLOW, and how much
 * of what is in it has an unknown code.
 *
 * <p>Shares: a reason's share is {@code reason / REGISTRATIONS}; an unknown's share is {@code unknown / COUNTED}.
 */
public enum QualityCounter {
    /** Every IMM or EMI registration (FLOW given), in scope or not: the denominator of the reasons. */
    REGISTRATIONS,
    /** Out of scope: neither counterpart nor citizenship shows an international move (a citizen's internal move). */
    INTERNAL_OR_UNKNOWN,
    /** Out of scope: a stay under 3 months (mobility, not migration). */
    TEMPORARY_STAY,
    /** Out of scope: short-term stay for a private, business, medical or religious purpose. */
    EXCLUDED_PURPOSE,
    /** Scope unknown: harmonized before definitions v2 (no scope); not counted until re-harmonized. */
    SCOPE_NOT_CLASSIFIED,
    /** In scope but not counted: a renewal (IMM) or repeat (EMI) within 12 months ({@link PersonHistory}). */
    RENEWAL,
    /** Counted in MIGR_FLOW: the denominator of the unknown shares. */
    COUNTED,
    /** Counted with SEX {@code _U}. */
    SEX_UNKNOWN,
    /** Counted with AGE {@code _U} (no birth date, or an impossible one). */
    AGE_UNKNOWN,
    /** Counted with COUNTERPART_AREA {@code _U} (a foreign citizen whose previous or next residence is not known). */
    COUNTERPART_UNKNOWN,
    /** Counted with DURATION {@code _U} (a stay registration without declared days). */
    DURATION_UNKNOWN,
    /**
     * Registrations (IMM or EMI, in scope or not) whose current version was harmonized at or after the instant from
     * which the month's datasets are FINAL (the earliest end of month + final-after of the node's agreements): records
     * accepted after the month was closed. They change no FINAL dataset silently: the delivery holds the cell changes
     * they make until an operator's revision. A part of REGISTRATIONS, not a reason: it overlaps every other counter.
     */
    LATE_AFTER_FINAL,

    // Intake counters (FLOW _Z): counted where they happen, before a row is a registration, and brought to the
    // aggregation as deltas on <cc>.intake.quality. Unit: rows of committed uploads, and records now in quarantine.

    /** Rows of committed uploads (a re-sent row counts again: rows, not records). */
    ROWS_RECEIVED,
    /** Rows that passed ingestion's checks and were published as raw records. */
    ROWS_ACCEPTED,
    /** Rows refused by ingestion's checks (the per-row report says why); never published. */
    ROWS_REJECTED,
    /** Records now in harmonization's quarantine (a record with several reasons counts once). */
    QUARANTINED,
    /** Records now in quarantine with at least one reason of rule EVENT_TYPE_UNKNOWN. */
    QUARANTINED_EVENT_TYPE_UNKNOWN,
    /** ... of rule EVENT_DATE_INVALID. */
    QUARANTINED_EVENT_DATE_INVALID,
    /** ... of rule EVENT_DATE_IN_FUTURE. */
    QUARANTINED_EVENT_DATE_IN_FUTURE,
    /** ... of rule BIRTH_DATE_INVALID. */
    QUARANTINED_BIRTH_DATE_INVALID,
    /** ... of rule AGE_IMPOSSIBLE (only in records quarantined before definitions v2). */
    QUARANTINED_AGE_IMPOSSIBLE,
    /** ... of rule SEX_UNKNOWN. */
    QUARANTINED_SEX_UNKNOWN,
    /** ... of rule COUNTRY_UNKNOWN. */
    QUARANTINED_COUNTRY_UNKNOWN,
    /** ... of rule PURPOSE_UNKNOWN. */
    QUARANTINED_PURPOSE_UNKNOWN,
    /** ... of rule DURATION_INVALID. */
    QUARANTINED_DURATION_INVALID;

    /** The counter of records in quarantine with a reason of {@code rule} (a harmonization rule id). */
    public static QualityCounter quarantinedBy(String rule) {
        try {
            return valueOf("QUARANTINED_" + rule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no quality counter for the quarantine rule '" + rule + "'", e);
        }
    }

    /** Whether this is an intake counter (FLOW {@code _Z}, fed from {@code <cc>.intake.quality}). */
    public boolean intake() {
        return ordinal() >= ROWS_RECEIVED.ordinal();
    }
}
