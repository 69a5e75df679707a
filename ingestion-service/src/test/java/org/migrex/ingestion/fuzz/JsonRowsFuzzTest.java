package org.migrex.ingestion.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import org.migrex.ingestion.record.JsonRows;
import org.migrex.ingestion.record.UnreadableUploadException;

/**
 * Coverage-guided fuzz test (Jazzer) of JSON uploads. A normal build runs the seeds in
 * {@code src/test/resources/org/migrex/ingestion/fuzz/JsonRowsFuzzTestInputs/} (and any crash
 * found, kept there as a regression); {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration} (docs/security.md).
 * The only allowed failure is {@link UnreadableUploadException} (400).
 */
class JsonRowsFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void jsonRows(FuzzedDataProvider data) throws IOException {
        String text = data.consumeRemainingAsString();
        try (JsonRows rows = new JsonRows(new StringReader(text))) {
            UploadChecks.check(rows, UploadChecks.PROFILES.find("template").orElseThrow());
        } catch (UnreadableUploadException expected) {
            // 400
        }
    }
}
