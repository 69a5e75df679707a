package org.migrex.ingestion.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.migrex.ingestion.profile.InvalidProfileException;
import org.migrex.ingestion.profile.Profile;
import org.migrex.ingestion.profile.ProfileCatalog;
import org.migrex.ingestion.profile.ProfileLoader;
import org.migrex.ingestion.record.CsvRows;
import org.migrex.ingestion.record.ErrorLog;
import org.migrex.ingestion.record.JsonRows;
import org.migrex.ingestion.record.Pseudonymizer;
import org.migrex.ingestion.record.RowError;
import org.migrex.ingestion.record.RowSource;
import org.migrex.ingestion.record.RowValidator;
import org.migrex.ingestion.record.UnreadableUploadException;
import org.migrex.schema.RawMigrationRecord;

/**
 * Coverage-guided fuzz tests (Jazzer) of what an agency can send: CSV through a profile, JSON rows, and profile YAML.
 * A normal build runs the seeds in {@code src/test/resources/org/migrex/ingestion/fuzz/UploadFuzzTestInputs/} (and
 * the crashes found, kept there as regressions); {@code JAZZER_FUZZ=1} fuzzes one method for its {@code maxDuration}.
 * The only allowed failure of an upload is {@link UnreadableUploadException} (400); an accepted record always has a
 * 64-hex pseudonym, and no error about person_id carries a value.
 */
class UploadFuzzTest {
    private static final ProfileCatalog PROFILES = ProfileCatalog.load(null);
    private static final Pseudonymizer PSEUDONYMS = new Pseudonymizer("migrex-fuzz-secret-0123456789abcdefgh");
    private static final Instant NOW = Instant.parse("2025-04-01T10:00:00Z");

    @FuzzTest(maxDuration = "10s")
    void csvThroughAProfile(FuzzedDataProvider data) throws IOException {
        Profile profile = PROFILES.find(data.consumeBoolean() ? "template" : "ru-registry-export").orElseThrow();
        String text = data.consumeRemainingAsString();
        try {
            check(new CsvRows(new StringReader(text), profile), profile);
        } catch (UnreadableUploadException expected) {
            // 400: the file as a whole cannot be read
        }
    }

    @FuzzTest(maxDuration = "10s")
    void jsonRows(FuzzedDataProvider data) throws IOException {
        String text = data.consumeRemainingAsString();
        try (JsonRows rows = new JsonRows(new StringReader(text))) {
            check(rows, PROFILES.find("template").orElseThrow());
        } catch (UnreadableUploadException expected) {
            // 400
        }
    }

    @FuzzTest(maxDuration = "10s")
    void profileYaml(byte[] yaml) {
        try {
            Profile profile = ProfileLoader.load("fuzz.yml", new ByteArrayInputStream(yaml));
            assertThat(profile.id()).isEqualTo("fuzz");
        } catch (InvalidProfileException expected) {
            // a bad profile stops the start with a message naming the file and the key
        }
    }

    private static void check(RowSource rows, Profile profile) throws IOException {
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

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
