package org.migrex.ingestion.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Expected digests computed with {@code printf '%s' ID | openssl dgst -sha256 -hmac SECRET}. */
class PseudonymizerTest {
    private static final String SECRET = "migrex-test-secret-0123456789abcdef";
    private final Pseudonymizer pseudonymizer = new Pseudonymizer(SECRET);

    @Test
    void isHmacSha256InLowerCaseHex() {
        assertThat(pseudonymizer.pseudonym("N12345678"))
                .isEqualTo("d719967f07038e4abf93b4b3769c52e31213b5628ea7228532e8313c8ca72f05");
        assertThat(pseudonymizer.pseudonym("AN1234567"))
                .isEqualTo("606ff1d277e93c92dd1e1f4fd1ae9cac242b2309ef6bdee0b6f4ab552f87bb02");
    }

    @Test
    void hashesTheUtf8BytesOfCyrillicIds() {
        assertThat(pseudonymizer.pseudonym("ПАСПОРТ12"))
                .isEqualTo("1d54d31fbc8cab681a9c1de0c48b426927febe37469c5e98019f96ca9055477b");
    }

    @Test
    void ignoresBlanksAndCaseSoOnePersonKeepsOnePseudonym() {
        assertThat(pseudonymizer.pseudonym(" n 1234 5678\t"))
                .isEqualTo("d719967f07038e4abf93b4b3769c52e31213b5628ea7228532e8313c8ca72f05");
        assertThat(pseudonymizer.pseudonym("паспорт 12"))
                .isEqualTo("1d54d31fbc8cab681a9c1de0c48b426927febe37469c5e98019f96ca9055477b");
    }

    @Test
    void anotherSecretGivesAnotherPseudonym() {
        assertThat(new Pseudonymizer(SECRET + "x").pseudonym("N12345678"))
                .isNotEqualTo("d719967f07038e4abf93b4b3769c52e31213b5628ea7228532e8313c8ca72f05");
    }

    @Test
    void refusesShortSecrets() {
        assertThatThrownBy(() -> new Pseudonymizer("too-short")).hasMessageContaining("at least 32 characters");
    }
}
