package org.migrex.harmonization.rules;

/** Ids of the rules that can refuse a record; recorded in every {@code QuarantineReason}. */
public enum QuarantineRule {
    /** event_type is not in the event-type vocabulary. */
    EVENT_TYPE_UNKNOWN,
    /** event_date is not a date. */
    EVENT_DATE_INVALID,
    /** event_date lies more than one day after the harmonization date. */
    EVENT_DATE_IN_FUTURE,
    /** birth_date is not a date. */
    BIRTH_DATE_INVALID,
    /**
     * Birth after the event, or an age over 120 years at the event. No longer produced since definitions v2 (such an
     * age is {@code _U}); kept so that quarantine records written before can still be read and replayed.
     */
    @Deprecated
    AGE_IMPOSSIBLE,
    /** sex is neither blank nor in the sex vocabulary. */
    SEX_UNKNOWN,
    /** A country value is neither blank nor a known code or name. */
    COUNTRY_UNKNOWN,
    /** purpose is neither blank nor in the purpose vocabulary. */
    PURPOSE_UNKNOWN,
    /** intended_duration_days is negative. */
    DURATION_INVALID
}
