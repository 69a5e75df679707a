package org.migrex.harmonization.rules;

/**
 * UN duration class of a stay (Recommendations on Statistics of International Migration, Rev.1, 1998, §§ 32-37; UN
 * conceptual framework, E/CN.3/2021/11): long-term (12 months or more), short-term (3 to 12 months), temporary (under 3
 * months: mobility, not migration), or unknown.
 */
public enum DurationClass {
    LONG_TERM("LONG_TERM"),
    SHORT_TERM("SHORT_TERM"),
    TEMPORARY("TEMPORARY"),
    UNKNOWN("_U");

    private final String code;

    DurationClass(String code) {
        this.code = code;
    }

    /** The code written to {@code HarmonizedMigrationEvent.durationClass}. */
    public String code() {
        return code;
    }
}
