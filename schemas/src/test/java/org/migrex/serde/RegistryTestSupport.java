package org.migrex.serde;

import java.time.Instant;
import org.migrex.schema.Provenance;
import org.migrex.schema.RawMigrationRecord;

/** Records used by the serde tests. */
final class RegistryTestSupport {
    private RegistryTestSupport() {
    }

    static RawMigrationRecord rawRecord(String id) {
        return RawMigrationRecord.newBuilder()
                .setRecordId(id)
                .setEventType("RESIDENCE_REGISTRATION")
                .setEventDate("2025-03-14")
                .setPersonPseudonym("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .setSex("Ж")
                .setBirthDate("1990-07-01")
                .setCitizenship("Кыргызстан")
                .setCountryOfBirth("KG")
                .setCounterpartCountry("417")
                .setPurpose("WORK")
                .setIntendedDurationDays(400)
                .setRegion("75")
                .setProvenance(Provenance.newBuilder()
                        .setNode("KAZ").setSource("template").setBatchId("b-1").setLine(2)
                        .setProfile("template").setProfileVersion("1")
                        .setIngestedAt(Instant.parse("2025-04-01T10:00:00Z"))
                        .build())
                .build();
    }
}
