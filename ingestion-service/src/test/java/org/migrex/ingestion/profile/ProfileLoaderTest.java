package org.migrex.ingestion.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLoaderTest {
    private static final String VALID = """
            id: kaz-example
            version: "2"
            delimiter: ";"
            date-formats: [dd.MM.yyyy, yyyy-MM-dd]
            columns:
              record_id: ID
              event_type: Event
              event_date: Date
              person_id: Doc
            values:
              sex:
                Ер: M
            """;

    private static Profile load(String fileName, String yaml) {
        return ProfileLoader.load(fileName, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsAValidProfile() {
        Profile profile = load("kaz-example.yml", VALID);
        assertThat(profile.id()).isEqualTo("kaz-example");
        assertThat(profile.version()).isEqualTo("2");
        assertThat(profile.delimiter()).isEqualTo(';');
        assertThat(profile.headerOf(TemplateColumn.PERSON_ID)).contains("Doc");
        assertThat(profile.headerOf(TemplateColumn.SEX)).isEmpty();
        assertThat(profile.mapValue(TemplateColumn.SEX, " ер ")).isEqualTo("M");
        assertThat(profile.mapValue(TemplateColumn.SEX, "X")).isEqualTo("X");
    }

    @Test
    void datesAreStrictInTheProfilesFormats() {
        Profile profile = load("kaz-example.yml", VALID);
        assertThat(profile.parseDate("14.03.2025")).contains(LocalDate.of(2025, 3, 14));
        assertThat(profile.parseDate("2024-02-29")).contains(LocalDate.of(2024, 2, 29));
        assertThat(profile.parseDate("29.02.2025")).isEmpty();
        assertThat(profile.parseDate("31.04.2025")).isEmpty();
        assertThat(profile.parseDate("2025/03/14")).isEmpty();
        assertThat(profile.parseDate("14.3.2025")).isEmpty();
        assertThat(profile.parseDate("14.03.1899")).isEmpty();
        assertThat(profile.parseDate("14.03.25")).isEmpty();
    }

    @Test
    void theBuiltInProfilesLoad() {
        ProfileCatalog catalog = ProfileCatalog.load(null);
        assertThat(catalog.all()).containsKeys("template", "ru-registry-export");
        Profile ru = catalog.find("ru-registry-export").orElseThrow();
        assertThat(ru.delimiter()).isEqualTo(';');
        assertThat(ru.headerOf(TemplateColumn.COUNTERPART_COUNTRY)).contains("Откуда прибыл / Куда убыл");
        assertThat(ru.mapValue(TemplateColumn.EVENT_TYPE, "Постановка на миграционный учёт")).isEqualTo("STAY_REGISTRATION");
        assertThat(ru.mapValue(TemplateColumn.SEX, "ж")).isEqualTo("F");
        assertThat(ru.mapValue(TemplateColumn.PURPOSE, "Учёба")).isEqualTo("STUDY");
        // permits pass to harmonization as the template's codes (MIGR_PERMITS counts them)
        assertThat(ru.mapValue(TemplateColumn.EVENT_TYPE, "Вид на жительство")).isEqualTo("RESIDENCE_PERMIT");
        assertThat(ru.mapValue(TemplateColumn.EVENT_TYPE, "Разрешение на работу")).isEqualTo("WORK_PERMIT");
        assertThat(ru.mapValue(TemplateColumn.EVENT_TYPE, "патент")).isEqualTo("WORK_PERMIT");
        Profile template = catalog.find("template").orElseThrow();
        assertThat(template.delimiter()).isEqualTo(Profile.AUTO_DELIMITER);
        assertThat(template.parseDate("14.03.2025")).contains(LocalDate.of(2025, 3, 14));
        assertThat(template.parseDate("2025-03-14")).contains(LocalDate.of(2025, 3, 14));
    }

    @Test
    void aFolderProfileIsAddedAndABadOneStopsTheCatalog(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("kaz-example.yml"), VALID);
        assertThat(ProfileCatalog.load(folder).all()).containsKeys("template", "ru-registry-export", "kaz-example");
        Files.writeString(folder.resolve("broken.yml"), "id: broken\nversion: 1\n");
        assertThatThrownBy(() -> ProfileCatalog.load(folder))
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("broken.yml")
                .hasMessageContaining("key 'date-formats'");
    }

    @Test
    void badProfilesNameTheFileAndTheKey() {
        assertThatThrownBy(() -> load("x.yml", VALID))
                .hasMessage("profile file x.yml, key 'id': 'kaz-example' must equal the file name without .yml (x.yml)");
        assertThatThrownBy(() -> load("kaz-example.yml", VALID.replace("  person_id: Doc\n", "")))
                .hasMessage("profile file kaz-example.yml, key 'columns.person_id': required template column is not mapped");
        assertThatThrownBy(() -> load("kaz-example.yml", VALID.replace("record_id: ID", "record_no: ID")))
                .hasMessageStartingWith("profile file kaz-example.yml, key 'columns.record_no': 'record_no' is not a column of the template migration");
        assertThatThrownBy(() -> load("kaz-example.yml", VALID.replace("delimiter: \";\"", "delimiter: \"|\"")))
                .hasMessageStartingWith("profile file kaz-example.yml, key 'delimiter': '|' is not accepted");
        assertThatThrownBy(() -> load("kaz-example.yml", VALID.replace("[dd.MM.yyyy, yyyy-MM-dd]", "[dd.MM.yyyy, dd.MM]")))
                .hasMessage("profile file kaz-example.yml, key 'date-formats[1]': 'dd.MM' must contain yyyy, MM and dd");
        assertThatThrownBy(() -> load("kaz-example.yml", VALID.replace("[dd.MM.yyyy, yyyy-MM-dd]", "[dd.MM.yyyy, peyyyy-MM-dd]")))
                .hasMessageStartingWith("profile file kaz-example.yml, key 'date-formats[1]': 'peyyyy-MM-dd' is not a java.time date pattern");
        assertThatThrownBy(() -> load("kaz-example.yml", VALID.replace("version: \"2\"", "versoin: 2")))
                .hasMessageStartingWith("profile file kaz-example.yml, key 'versoin': unknown key");
        assertThatThrownBy(() -> load("kaz-example.yml", VALID + "    ер: F\n"))
                .hasMessageStartingWith("profile file kaz-example.yml, key 'values.sex.ер': the term is listed twice");
        assertThatThrownBy(() -> load("kaz-example.yml", "id: [unclosed"))
                .hasMessageStartingWith("profile file kaz-example.yml: not valid YAML");
    }

    static final String FLOWS = """
            id: kaz-flows
            template: remittance-flows
            version: "1"
            delimiter: ";"
            decimal-separator: ","
            columns:
              record_id: Nr
              sending_country: From
              receiving_country: To
              quarter: Q
              value_usd: USD
            """;

    @Test
    void aRemittanceProfileNamesItsTemplateAndNeedsNoDateFormats() {
        Profile flows = load("kaz-flows.yml", FLOWS);
        assertThat(flows.template()).isEqualTo(Template.REMITTANCE_FLOWS);
        assertThat(flows.decimalSeparator()).isEqualTo(',');
        assertThat(flows.dateFormats()).isEmpty();
        assertThat(flows.headerOf(TemplateColumn.VALUE_USD)).contains("USD");
        assertThat(load("kaz-example.yml", VALID).template()).as("no template key: migration records")
                .isEqualTo(Template.MIGRATION);
    }

    @Test
    void aRemittanceProfileIsCheckedAgainstItsOwnTemplate() {
        assertThatThrownBy(() -> load("kaz-flows.yml", FLOWS.replace("remittance-flows", "remittances")))
                .hasMessage("profile file kaz-flows.yml, key 'template': 'remittances' is not a template; the"
                        + " templates are [migration, remittance-prices, remittance-flows]");
        assertThatThrownBy(() -> load("kaz-flows.yml", FLOWS + "  person_id: Doc\n"))
                .hasMessage("profile file kaz-flows.yml, key 'columns.person_id': 'person_id' is not a column of the"
                        + " template remittance-flows; its columns are [record_id, sending_country, receiving_country,"
                        + " quarter, value_usd, national_currency, value_national]");
        assertThatThrownBy(() -> load("kaz-flows.yml", FLOWS.replace("  quarter: Q\n", "")))
                .hasMessage("profile file kaz-flows.yml, key 'columns.quarter': required template column is not mapped");
        assertThatThrownBy(() -> load("kaz-flows.yml", FLOWS.replace("delimiter: \";\"", "delimiter: \",\"")))
                .hasMessage("profile file kaz-flows.yml, key 'decimal-separator': ',' is also the delimiter; a file"
                        + " with decimal commas needs delimiter \";\" or a tab");
        assertThatThrownBy(() -> load("kaz-example.yml", VALID + "decimal-separator: \"'\"\n"))
                .hasMessageStartingWith("profile file kaz-example.yml, key 'decimal-separator': ''' is not accepted");
    }
}
