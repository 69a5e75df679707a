package org.migrex.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CountryCodeTest {

    @Test
    void anyCaseBecomesUpperCase() {
        assertThat(CountryCode.of("kaz")).isEqualTo(new CountryCode("KAZ"));
        assertThat(CountryCode.of(" Kgz ").code()).isEqualTo("KGZ");
        assertThat(CountryCode.of("TJK").lowerCase()).isEqualTo("tjk");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "KZ", "KAZA", "K4Z", "КАЗ", "ka-", "Ka Z"})
    void otherShapesAreRefusedWithTheValueAndTheExpectation(String text) {
        assertThat(CountryCode.isValid(text)).isFalse();
        assertThatThrownBy(() -> CountryCode.of(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("alpha-3");
    }

    @Test
    void theCanonicalConstructorDoesNotFoldCase() {
        assertThatThrownBy(() -> new CountryCode("kaz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CountryCode.of(null)).hasMessageContaining("missing");
    }
}
