package org.migrex.sandbox.demo;

import java.time.YearMonth;
import java.util.Map;

/**
 * One row of a demo file, with what the generator meant by it, so the story can say what should have happened.
 *
 * @param country      node whose agency records it
 * @param fields       template column to the value as the agency writes it (template names, before any profile)
 * @param fate         what the node is expected to do with it
 * @param flow         IMM or EMI for rows that are flows
 * @param counterpart  ISO alpha-3 of the other country of the move
 * @param sex          M or F
 * @param period       month of the event
 * @param nationalOnly a stay of 9 to 12 months: a migrant by Russia's national criterion, short-term by the UN's
 */
public record DemoRow(String country, Map<String, String> fields, Fate fate, String flow, String counterpart,
                      String sex, YearMonth period, boolean nationalOnly) {

    /** What a node does with a row. */
    public enum Fate {
        /** Accepted and harmonized: it counts. */
        COUNTED,
        /** Accepted and harmonized, not migration: a stay under 3 calendar months (mobility, UN 1998). */
        TEMPORARY_STAY,
        /** Accepted and harmonized, not migration: a short-term stay for tourism (UN 1998 excludes the purpose). */
        EXCLUDED_PURPOSE,
        /** Accepted and harmonized, not counted: the same person's stay registered again within 12 months. */
        RENEWAL,
        /** Refused by ingestion's syntax check (bad date, missing required field): in the HTTP report. */
        REJECTED,
        /** Accepted by ingestion, not mappable by harmonization (unknown country spelling): in the quarantine. */
        QUARANTINED
    }
}
