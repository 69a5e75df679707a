package org.migrex.statistics;

/** SDMX codes the rules compare with. */
final class Codes {
    /** Unknown, in every code list (CL_SEX, CL_AGE, CL_AREA, ...). */
    static final String UNKNOWN = "_U";
    static final String LONG_TERM = "LONG_TERM";

    private Codes() {
    }
}
