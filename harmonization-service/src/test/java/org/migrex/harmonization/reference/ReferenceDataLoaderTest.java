package org.migrex.harmonization.reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReferenceDataLoaderTest {
    private static final ReferenceData BUILT_IN = new ReferenceDataLoader(null).load();

    @ParameterizedTest(name = "sex ''{0}'' is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            M        | M
            f        | F
            м        | M
            Ж        | F
            1        | M
            2        | F
            male     | M
            FEMALE   | F
            муж      | M
            Жен      | F
            женский  | F
            _U       | _U
            """)
    void sexVocabulary(String value, String code) {
        assertThat(BUILT_IN.sex().code(value)).contains(code);
    }

    @ParameterizedTest(name = "purpose ''{0}'' is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            WORK          | WORK
            work          | WORK
            работа        | WORK
            FAMILY        | FAMILY
            STUDY         | EDUCATION
            учёба         | EDUCATION
            учеба         | EDUCATION
            HUMANITARIAN  | HUMANITARIAN
            PRIVATE       | PRIVATE
            туризм        | PRIVATE
            Tourism       | PRIVATE
            частный       | PRIVATE
            деловой       | BUSINESS
            бизнес        | BUSINESS
            лечение       | MEDICAL
            религиозный   | RELIGIOUS
            обучение      | EDUCATION
            Работа        | WORK
            семья         | FAMILY
            иная          | OTHER
            OTHER         | OTHER
            """)
    void purposeVocabulary(String value, String code) {
        assertThat(BUILT_IN.purpose().code(value)).contains(code);
    }

    @ParameterizedTest(name = "event type ''{0}'' is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ENTRY                           | ENTRY
            stay_registration               | STAY_REGISTRATION
            Stay registration               | STAY_REGISTRATION
            RESIDENCE_REGISTRATION          | RESIDENCE_REGISTRATION
            DEREGISTRATION                  | DEREGISTRATION
            CITIZENSHIP_GRANT               | CITIZENSHIP_GRANT
            регистрация по месту жительства | RESIDENCE_REGISTRATION
            """)
    void eventTypeVocabulary(String value, String code) {
        assertThat(BUILT_IN.eventTypes().code(value)).contains(code);
    }

    @Test
    void purposeCodesAreThoseOfDefinitionsV2() {
        assertThat(BUILT_IN.purpose().codes()).containsExactlyInAnyOrder("WORK", "FAMILY", "EDUCATION",
                "HUMANITARIAN", "PRIVATE", "BUSINESS", "MEDICAL", "RELIGIOUS", "OTHER", "_U");
        assertThat(BUILT_IN.purpose().entries().values()).containsAll(BUILT_IN.purpose().codes());
    }

    @Test
    void unknownVocabularyValuesAreNotGuessed() {
        assertThat(BUILT_IN.sex().code("X")).isEmpty();
        assertThat(BUILT_IN.sex().code("мужик")).isEmpty();
        assertThat(BUILT_IN.purpose().code("shopping")).isEmpty();
        assertThat(BUILT_IN.eventTypes().code("BIRTH")).isEmpty();
    }

    @Test
    void builtInVersionComesFromTheManifestAndRussiaHasItsCriterion() {
        assertThat(BUILT_IN.version()).isEqualTo("2026.2");
        assertThat(BUILT_IN.criterionOf("RUS")).contains(new NationalCriterion("RUS", "RUS_9_MONTHS", 9));
        assertThat(BUILT_IN.criterionOf("KAZ")).isEmpty();
    }

    @Test
    void extensionFolderAddsVariantsAndChangesTheVersion(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("country-variants.csv"), "alpha3,lang,name\nKGZ,ru,Киргизская Сторона\n");
        Files.writeString(dir.resolve("purpose.csv"), "value,code\nзаработки,WORK\n");
        ReferenceData extended = new ReferenceDataLoader(dir).load();

        assertThat(BUILT_IN.countries().toAlpha3("Киргизская сторона")).isEmpty();
        assertThat(extended.countries().toAlpha3("киргизская  сторона")).contains("KGZ");
        assertThat(extended.countries().toAlpha3("Россия")).contains("RUS");
        assertThat(extended.purpose().code("Заработки")).contains("WORK");
        assertThat(extended.version()).matches("2026\\.2\\+ext\\.[0-9a-f]{12}");
        assertThat(new ReferenceDataLoader(dir).load().version()).isEqualTo(extended.version());
    }

    @Test
    void invalidExtensionFailsNamingFileLineAndValue(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("sex.csv"), "value,code\nW,F\nX,Q\n");
        assertThatThrownBy(() -> new ReferenceDataLoader(dir).load())
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining("sex.csv line 3")
                .hasMessageContaining("'Q'");

        Files.delete(dir.resolve("sex.csv"));
        Files.writeString(dir.resolve("country-variants.csv"), "alpha3,lang,name\nKGZ,ru,Х\nQQQ,ru,Y\n");
        assertThatThrownBy(() -> new ReferenceDataLoader(dir).load())
                .hasMessageContaining("country-variants.csv line 3")
                .hasMessageContaining("'QQQ'");

        Files.writeString(dir.resolve("country-variants.csv"), "alpha3,lang,name\nKGZ,ru,Земля\nKAZ,ru,земля\n");
        assertThatThrownBy(() -> new ReferenceDataLoader(dir).load())
                .hasMessageContaining("given to both KGZ and KAZ");
    }

    @Test
    void missingExtensionFolderFailsWithThePropertyName() {
        assertThatThrownBy(() -> new ReferenceDataLoader(Path.of("/nonexistent/migrex")).load())
                .hasMessageContaining("migrex.harmonization.reference-data-dir");
    }
}
