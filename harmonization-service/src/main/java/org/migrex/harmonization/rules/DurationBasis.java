package org.migrex.harmonization.rules;

/** What a duration class rests on. */
public enum DurationBasis {
    /** A declared duration (intended stay, permit validity). */
    INTENDED("INTENDED"),
    /** A registration at, or removal from, the place of permanent residence, which implies a long-term stay. */
    REGISTRATION("REGISTRATION"),
    /** Nothing to judge by. */
    UNKNOWN("_U");

    private final String code;

    DurationBasis(String code) {
        this.code = code;
    }

    /** The code written to {@code HarmonizedMigrationEvent.durationBasis}. */
    public String code() {
        return code;
    }
}
