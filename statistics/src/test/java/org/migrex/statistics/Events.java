package org.migrex.statistics;

import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.Lineage;
import org.migrex.schema.MigrationScope;

import java.time.Instant;

/** Harmonized events of node KAZ for tests: a long-term in-scope immigration from KGZ unless told otherwise. */
final class Events {
    private Events() {
    }

    static HarmonizedMigrationEvent.Builder imm(String date) {
        return event("RESIDENCE_REGISTRATION", date);
    }

    static HarmonizedMigrationEvent.Builder emi(String date) {
        return event("DEREGISTRATION", date);
    }

    static HarmonizedMigrationEvent.Builder event(String eventType, String date) {
        String flow = switch (eventType) {
            case "RESIDENCE_REGISTRATION", "STAY_REGISTRATION" -> "IMM";
            case "DEREGISTRATION" -> "EMI";
            default -> null;
        };
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ")
                .setEventType(eventType)
                .setEventDate(date)
                .setTimePeriod(date.substring(0, 7))
                .setFlow(flow)
                .setScope(flow == null ? MigrationScope.NOT_A_FLOW : MigrationScope.IN_SCOPE)
                .setPersonPseudonym("p1")
                .setSex("F")
                .setAgeYears(null)
                .setAgeGroup("_U")
                .setCitizenship("KGZ")
                .setCountryOfBirth("KGZ")
                .setCounterpartArea("KGZ")
                .setPurpose("WORK")
                .setDurationClass(flow == null ? "_U" : "LONG_TERM")
                .setDurationBasis(flow == null ? "_U" : "REGISTRATION")
                .setIntendedDurationDays(null)
                .setLineage(Lineage.newBuilder().setSource("kaz-mvd").setRecordId("r").setBatchId("b").setLine(1)
                        .setProfileVersion("1").setReferenceDataVersion("2026.2")
                        .setHarmonizedAt(Instant.parse("2026-12-01T00:00:00Z")).build());
    }
}
