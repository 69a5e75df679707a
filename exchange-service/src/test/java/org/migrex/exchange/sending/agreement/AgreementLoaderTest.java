package org.migrex.exchange.sending.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgreementLoaderTest {
    @TempDir
    Path dir;

    private Path agreement(String disclosure) throws Exception {
        return Files.writeString(dir.resolve("kaz-kgz.yml"), """
                id: KAZ-KGZ-MIGR_FLOW
                version: 1
                partner: KGZ
                dataflow: MIGR_FLOW
                filter:
                  COUNTERPART_AREA: [KGZ]
                keep: [FLOW, SEX, TIME_PERIOD]
                """ + disclosure);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aThresholdBelowThreeIsRefusedNamingTheFileTheKeyAndTheMinimum(int k) throws Exception {
        Path file = agreement("disclosure:\n  k: " + k + "\n");
        assertThatThrownBy(() -> AgreementLoader.read(file, "KAZ"))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("key 'disclosure.k'")
                .hasMessageContaining("at least 3")
                .hasMessageContaining("got '" + k + "'");
    }

    @Test
    void threeIsTheSmallestThresholdAcceptedAndFiveTheDefault() throws Exception {
        assertThat(AgreementLoader.read(agreement("disclosure:\n  k: 3\n"), "KAZ").k()).isEqualTo(3);
        assertThat(AgreementLoader.read(agreement(""), "KAZ").k()).isEqualTo(5);
    }
}
