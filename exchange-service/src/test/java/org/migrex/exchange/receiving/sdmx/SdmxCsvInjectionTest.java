package org.migrex.exchange.receiving.sdmx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A code a partner sent must not run as a formula when a statistician opens the SDMX-CSV in a spreadsheet. */
class SdmxCsvInjectionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=HYPERLINK(\"http://evil\")|\"'=HYPERLINK(\"\"http://evil\"\")\"",
            "+1+1|\"'+1+1\"",
            "-2+3|\"'-2+3\"",
            "@SUM(A1)|\"'@SUM(A1)\"",
            "KGZ|KGZ",
            "_T|_T",
            "a,b|\"a,b\""})
    void formulaLikeFieldsAreQuotedAsTextAndCodesStayAsTheyAre(String value, String written) {
        assertThat(SdmxCsv.field(value)).isEqualTo(written);
    }
}
