package org.migrex.statistics;

/** SDMX FLOW: immigration or emigration. */
public enum Flow {
    /** Immigration: a RESIDENCE_REGISTRATION or STAY_REGISTRATION in scope. */
    IMM,
    /** Emigration: a DEREGISTRATION in scope. */
    EMI;

    /** The other direction: what interrupts a chain of renewals of this one. */
    public Flow opposite() {
        return this == IMM ? EMI : IMM;
    }

    /** The direction of a harmonized event's {@code flow} code, or null when it has none. */
    static Flow of(String code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "IMM" -> IMM;
            case "EMI" -> EMI;
            default -> throw new IllegalArgumentException("flow '" + code + "' is neither IMM nor EMI");
        };
    }
}
