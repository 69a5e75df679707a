package org.migrex.localstack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalStackMainTest {

    @Test
    void acceptsBothOptionForms() {
        assertThatCode(() -> LocalStackMain.parse(new String[] {
                "--work-dir", "/tmp/x", "--kafka-port=9092", "--registry-port", "8081", "--no-registry"}))
                .doesNotThrowAnyException();
    }

    @Test
    void namesTheOptionAndTheValueItRefuses() {
        assertThatThrownBy(() -> LocalStackMain.parse(new String[] {"--kafka-port", "90x2"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option --kafka-port needs a port number 0..65535, was '90x2'");
        assertThatThrownBy(() -> LocalStackMain.parse(new String[] {"--registry-port=70000"}))
                .hasMessage("Option --registry-port needs a port number 0..65535, was '70000'");
        assertThatThrownBy(() -> LocalStackMain.parse(new String[] {"--work-dir"}))
                .hasMessage("Option --work-dir needs a value");
        assertThatThrownBy(() -> LocalStackMain.parse(new String[] {"--kafka"}))
                .hasMessage("Unknown option --kafka");
    }
}
