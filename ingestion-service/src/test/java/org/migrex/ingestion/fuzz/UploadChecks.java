package org.migrex.ingestion.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import org.migrex.ingestion.profile.Profile;
import org.migrex.ingestion.profile.ProfileCatalog;
import org.migrex.ingestion.record.ErrorLog;
import org.migrex.ingestion.record.Pseudonymizer;
import org.migrex.ingestion.record.RowError;
import org.migrex.ingestion.record.RowSource;
import org.migrex.ingestion.record.RowValidator;
import org.migrex.schema.RawMigrationRecord;

/** What every fuzzed upload must keep: a 64-hex pseudonym for each accepted record, no value in a person_id error. */
final class UploadChecks {
    static final ProfileCatalog PROFILES = ProfileCatalog.load(null);
    private static final Pseudonymizer PSEUDONYMS = new Pseudonymizer("migrex-fuzz-secret-0123456789abcdefgh");
    private static final Instant NOW = Instant.parse("2025-04-01T10:00:00Z");

    static void check(RowSource rows, Profile profile) throws IOException {
        RowValidator validator = new RowValidator(profile, PSEUDONYMS, "KAZ", "fuzz", "b-1");
        ErrorLog errors = new ErrorLog(1000);
        while (rows.next()) {
            RawMigrationRecord record = validator.validate(rows, errors, NOW).orElse(null);
            if (record != null) {
                assertThat(record.getPersonPseudonym()).matches("[0-9a-f]{64}");
            }
        }
        for (RowError error : errors.listed()) {
            if (profile.headerOf(org.migrex.ingestion.profile.TemplateColumn.PERSON_ID).orElse("")
                    .equalsIgnoreCase(String.valueOf(error.column()))) {
                assertThat(error.value()).as("a person_id error carries no value").isNull();
            }
        }
    }
}
