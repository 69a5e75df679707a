package org.migrex.ingestion.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import org.migrex.ingestion.profile.InvalidProfileException;
import org.migrex.ingestion.profile.Profile;
import org.migrex.ingestion.profile.ProfileLoader;

/**
 * Coverage-guided fuzz test (Jazzer) of national profile YAML files. A normal build runs the seeds in
 * {@code src/test/resources/org/migrex/ingestion/fuzz/ProfileYamlFuzzTestInputs/} (and any crash
 * found, kept there as a regression); {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration} (docs/security.md).
 * The only allowed failure is {@link InvalidProfileException}, which stops the start naming file and key.
 */
class ProfileYamlFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void profileYaml(byte[] yaml) {
        try {
            Profile profile = ProfileLoader.load("fuzz.yml", new ByteArrayInputStream(yaml));
            assertThat(profile.id()).isEqualTo("fuzz");
        } catch (InvalidProfileException expected) {
            // a bad profile stops the start with a message naming the file and the key
        }
    }
}
