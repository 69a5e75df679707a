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

    @ParameterizedTest
    @ValueSource(strings = {"-1", "101", "15.5", "'fifteen'"})
    void aProtectionPercentOutside0To100IsRefusedNamingTheKeyAndTheRange(String p) throws Exception {
        Path file = agreement("disclosure:\n  k: 5\n  protection-percent: " + p + "\n");
        assertThatThrownBy(() -> AgreementLoader.read(file, "KAZ"))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("key 'disclosure.protection-percent'")
                .hasMessageContaining("from 0 to 100");
    }

    @Test
    void theProtectionPercentIs15ByDefaultAndMayBeSetFrom0To100() throws Exception {
        assertThat(AgreementLoader.read(agreement(""), "KAZ").protectionPercent()).isEqualTo(15);
        assertThat(AgreementLoader.read(agreement("disclosure:\n  protection-percent: 0\n"), "KAZ")
                .protectionPercent()).isZero();
        assertThat(AgreementLoader.read(agreement("disclosure:\n  protection-percent: 100\n"), "KAZ")
                .protectionPercent()).isEqualTo(100);
    }

    @Test
    void anUnknownDisclosureKeyIsRefusedListingTheKnownOnes() throws Exception {
        Path file = agreement("disclosure:\n  protection: 15\n");
        assertThatThrownBy(() -> AgreementLoader.read(file, "KAZ"))
                .isInstanceOf(InvalidAgreementException.class)
                .hasMessageContaining("key 'disclosure.protection'")
                .hasMessageContaining("[k, protection-percent]");
    }
}
