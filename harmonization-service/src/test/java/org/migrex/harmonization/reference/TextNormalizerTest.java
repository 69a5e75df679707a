package org.migrex.harmonization.reference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizerTest {
    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            'Российская  Федерация '   | российская федерация
            'Соединённые Штаты'        | соединенные штаты
            'ЁЛКА'                     | елка
            'Гвинея – Бисау'           | гвинея-бисау
            'Qirgʻiziston'             | qirg'iziston
            'O‘zbekiston'              | o'zbekiston
            'a\u00A0b'                 | a b
            'Кыргызстaн'               | кыргызстан
            'Rоssiya'                  | rossiya
            'Кыргызстąn'               | кыргызстąn
            """)
    void normalForm(String value, String normal) {
        assertThat(TextNormalizer.normalize(value)).isEqualTo(normal);
    }
}
