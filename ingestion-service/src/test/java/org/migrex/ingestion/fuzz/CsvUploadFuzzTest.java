package org.migrex.ingestion.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import org.migrex.ingestion.profile.Profile;
import org.migrex.ingestion.record.CsvRows;
import org.migrex.ingestion.record.UnreadableUploadException;

/**
 * Coverage-guided fuzz test (Jazzer) of CSV uploads read through the built-in profiles. A normal build runs the seeds in
 * {@code src/test/resources/org/migrex/ingestion/fuzz/CsvUploadFuzzTestInputs/} (and any crash
 * found, kept there as a regression); {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration} (docs/security.md).
 * The only allowed failure is {@link UnreadableUploadException} (400).
 */
class CsvUploadFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void csvThroughAProfile(FuzzedDataProvider data) throws IOException {
        Profile profile = UploadChecks.PROFILES.find(data.consumeBoolean() ? "template" : "ru-registry-export").orElseThrow();
        String text = data.consumeRemainingAsString();
        try {
            UploadChecks.check(new CsvRows(new StringReader(text), profile), profile);
        } catch (UnreadableUploadException expected) {
            // 400: the file as a whole cannot be read
        }
    }
}
