package org.migrex.harmonization.reference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class CountryMatchingTest {
    private static CountryIndex countries;

    @BeforeAll
    static void load() {
        countries = new ReferenceDataLoader(null).load().countries();
    }

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Киргизия                  | KGZ
            Кыргызстан                | KGZ
            кыргызстан                | KGZ
            '  КЫРГЫЗСТАН  '          | KGZ
            Кыргызская Республика     | KGZ
            Кыргызская   республика   | KGZ
            Kyrgyzstan                | KGZ
            Kyrgyz Republic           | KGZ
            Қырғызстан                | KGZ
            Қирғизистон               | KGZ
            Qirgʻiziston              | KGZ
            Qirg'iziston              | KGZ
            Qirg’iziston              | KGZ
            Gyrgyzystan               | KGZ
            KG                        | KGZ
            kgz                       | KGZ
            417                       | KGZ
            РФ                        | RUS
            рф                        | RUS
            Россия                    | RUS
            Российская Федерация      | RUS
            Russian Federation        | RUS
            Russia                    | RUS
            Ресей                     | RUS
            Русия                     | RUS
            Rossiya                   | RUS
            Russiýa                   | RUS
            643                       | RUS
            Туркмения                 | TKM
            Туркменистан              | TKM
            Түрікменстан              | TKM
            Türkmenistan              | TKM
            795                       | TKM
            Молдавия                  | MDA
            Молдова                   | MDA
            Республика Молдова        | MDA
            Белоруссия                | BLR
            Беларусь                  | BLR
            112                       | BLR
            Казахстан                 | KAZ
            Қазақстан                 | KAZ
            Республика Казахстан      | KAZ
            Qozogʻiston               | KAZ
            Gazagystan                | KAZ
            398                       | KAZ
            Таджикистан               | TJK
            Тоҷикистон                | TJK
            Тәжікстан                 | TJK
            Täjigistan                | TJK
            762                       | TJK
            Узбекистан                | UZB
            Өзбекстан                 | UZB
            Ўзбекистон                | UZB
            Oʻzbekiston               | UZB
            O'zbekiston               | UZB
            Özbegistan                | UZB
            860                       | UZB
            Соединённые Штаты Америки | USA
            США                       | USA
            4                         | AFG
            004                       | AFG
            """)
    void mapsCodesNamesAndVariantsToAlpha3(String value, String alpha3) {
        assertThat(countries.toAlpha3(value)).contains(alpha3);
    }

    @Test
    void undoesKeyboardLayoutSlipsInsideOneWord() {
        // Latin 'a' (U+0061) inside a Cyrillic word, Cyrillic 'о' (U+043E) inside a Latin one
        assertThat(countries.toAlpha3("Кыргызст\u0061н")).contains("KGZ");
        assertThat(countries.toAlpha3("R\u043Essiya")).contains("RUS");
    }

    @ParameterizedTest(name = "''{0}'' is not mapped")
    @ValueSource(strings = {"Киргизстанн", "Кыргыз", "Russ", "Росия", "XX", "XXX", "999", "Narnia", "Туркмен",
            "Кыргызстан Россия"})
    void nothingFuzzier(String value) {
        assertThat(countries.toAlpha3(value)).isEmpty();
    }

    @Test
    void everyCurrentIsoCodeIsKnownWithItsAlpha3() {
        // Independent source: the JDK's own ISO 3166-1 list and alpha-3 table
        for (String alpha2 : Locale.getISOCountries()) {
            String alpha3 = Locale.of("", alpha2).getISO3Country();
            assertThat(countries.toAlpha3(alpha2)).as(alpha2).contains(alpha3);
            assertThat(countries.toAlpha3(alpha3)).as(alpha3).contains(alpha3);
        }
        assertThat(countries.alpha3()).hasSize(Locale.getISOCountries().length);
    }
}
