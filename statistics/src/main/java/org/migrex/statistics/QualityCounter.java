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
    DURATION_UNKNOWN
}
