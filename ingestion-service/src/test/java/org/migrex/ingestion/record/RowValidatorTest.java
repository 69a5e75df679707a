package org.migrex.ingestion.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.migrex.ingestion.profile.Profile;
import org.migrex.ingestion.profile.ProfileCatalog;
import org.migrex.schema.RawMigrationRecord;

class RowValidatorTest {
    private static final ProfileCatalog PROFILES = ProfileCatalog.load(null);
    private static final Pseudonymizer PSEUDONYMS = new Pseudonymizer("migrex-test-secret-0123456789abcdef");
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final String HEADER = "record_id,event_type,event_date,person_id,sex,birth_date,citizenship,"
            + "country_of_birth,counterpart_country,purpose,intended_duration_days,region\n";

    private final List<RawMigrationRecord> accepted = new ArrayList<>();
    private final ErrorLog errors = new ErrorLog(100);

    private void read(String profileId, String csv) throws IOException {
        Profile profile = PROFILES.find(profileId).orElseThrow();
        RowValidator validator = new RowValidator(profile, PSEUDONYMS, "KAZ", "src", "batch-1");
        CsvRows rows = new CsvRows(new StringReader(csv), profile);
        while (rows.next()) {
            validator.validate(rows, errors, NOW).ifPresent(accepted::add);
        }
    }

    @Test
    void aGoodRowBecomesARecordWithIsoDatesPseudonymAndProvenance() throws IOException {
        read("template", HEADER + "K-1, ENTRY ,14.03.2025,N12345678,F,1990-05-02,KGZ,KGZ,KGZ,WORK,365,KZ-ALA\n");
        assertThat(errors.listed()).isEmpty();
        RawMigrationRecord r = accepted.getFirst();
        assertThat(r.getRecordId()).isEqualTo("K-1");
        assertThat(r.getEventType()).isEqualTo("ENTRY");
        assertThat(r.getEventDate()).isEqualTo("2025-03-14");
        assertThat(r.getBirthDate()).isEqualTo("1990-05-02");
        assertThat(r.getPersonPseudonym()).isEqualTo("d719967f07038e4abf93b4b3769c52e31213b5628ea7228532e8313c8ca72f05");
        assertThat(r.getIntendedDurationDays()).isEqualTo(365);
        assertThat(r.getRegion()).isEqualTo("KZ-ALA");
        assertThat(r.getProvenance().getNode()).isEqualTo("KAZ");
        assertThat(r.getProvenance().getSource()).isEqualTo("src");
        assertThat(r.getProvenance().getBatchId()).isEqualTo("batch-1");
        assertThat(r.getProvenance().getLine()).isEqualTo(2L);
        assertThat(r.getProvenance().getProfile()).isEqualTo("template");
        assertThat(r.getProvenance().getProfileVersion()).isEqualTo("1");
        assertThat(r.getProvenance().getIngestedAt()).isEqualTo(NOW);
    }

    @Test
    void blankOptionalFieldsAreNull() throws IOException {
        read("template", "record_id;event_type;event_date;person_id\nK-2;EXIT;2025-01-31;X1\n");
        RawMigrationRecord r = accepted.getFirst();
        assertThat(r.getSex()).isNull();
        assertThat(r.getBirthDate()).isNull();
        assertThat(r.getIntendedDurationDays()).isNull();
        assertThat(r.getCitizenship()).isNull();
    }

    @Test
    void everyProblemOfARowIsReportedWithLineColumnAndValue() throws IOException {
        read("template", HEADER
                + "K-1,ENTRY,2025-02-30,N1,F,,,,,,12x,\n"
                + ",EXIT,2025-03-01,,,,,,,,,\n"
                + "K-3,ENTRY,2025-03-01,N3,,,,,,,-1,\n"
                + "K-4,ENTRY\n");
        assertThat(accepted).isEmpty();
        assertThat(errors.listed()).containsExactly(
                new RowError(2, "event_date", "2025-02-30", "'2025-02-30' is not a date; accepted: yyyy-MM-dd or"
                        + " dd.MM.yyyy, a real calendar date with a year from 1900 to 2999"),
                new RowError(2, "intended_duration_days", "12x", "'12x' is not a number of days; accepted: a whole"
                        + " number from 0 to 36500, or blank"),
                new RowError(3, "record_id", null, "record_id is required and is blank"),
                new RowError(3, "person_id", null, "person_id is required and is blank"),
                new RowError(4, "intended_duration_days", "-1", "'-1' is not a number of days; accepted: a whole"
                        + " number from 0 to 36500, or blank"),
                new RowError(5, null, null, "the row has 2 fields but the header has 12; fields are separated by ','"
                        + ", and a field containing it must be quoted with \""));
    }

    @Test
    void aTooLongPersonIdIsRefusedWithoutEchoingIt() throws IOException {
        String id = "P".repeat(65);
        read("template", HEADER + "K-1,ENTRY,2025-03-01," + id + ",,,,,,,,\n");
        assertThat(errors.listed()).containsExactly(new RowError(2, "person_id", null,
                "is 65 characters long; at most 64 are accepted"));
        assertThat(errors.listed().toString()).doesNotContain(id);
    }

    @Test
    void theRussianProfileMapsHeadersDatesAndTerms() throws IOException {
        read("ru-registry-export", "\uFEFFНомер записи;Тип события;Дата регистрации;Паспорт;Пол;Дата рождения;"
                + "Гражданство;Страна рождения;Откуда прибыл / Куда убыл;Цель;Срок пребывания (дней);Регион\r\n"
                + "RU-1;Въезд;14.03.2025;AN1234567;Ж;02.05.1990;Киргизия;Киргизия;Киргизия;Работа;365;77\r\n"
                + "RU-2;Постановка на миграционный учёт;01.02.2025;X;муж;;Узбекистан;;;Учеба;90;78\r\n"
                + "RU-3;Выезд;2025-03-14;Y;;;;;;;;\r\n");
        assertThat(accepted).hasSize(2);
        RawMigrationRecord first = accepted.get(0);
        assertThat(first.getEventType()).isEqualTo("ENTRY");
        assertThat(first.getEventDate()).isEqualTo("2025-03-14");
        assertThat(first.getSex()).isEqualTo("F");
        assertThat(first.getBirthDate()).isEqualTo("1990-05-02");
        assertThat(first.getCitizenship()).isEqualTo("Киргизия");
        assertThat(first.getCounterpartCountry()).isEqualTo("Киргизия");
        assertThat(first.getPurpose()).isEqualTo("WORK");
        assertThat(first.getPersonPseudonym()).isEqualTo("606ff1d277e93c92dd1e1f4fd1ae9cac242b2309ef6bdee0b6f4ab552f87bb02");
        RawMigrationRecord second = accepted.get(1);
        assertThat(second.getEventType()).isEqualTo("STAY_REGISTRATION");
        assertThat(second.getSex()).isEqualTo("M");
        assertThat(second.getPurpose()).isEqualTo("STUDY");
        assertThat(errors.listed()).containsExactly(new RowError(4, "Дата регистрации", "2025-03-14",
                "'2025-03-14' is not a date; accepted: dd.MM.yyyy, a real calendar date with a year from 1900 to 2999"));
    }

    @Test
    void aHeaderWithoutARequiredColumnMakesTheFileUnreadable() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read("template",
                        "record_id,event_type,date,person_id\nK-1,ENTRY,2025-01-01,X\n"))
                .isInstanceOf(UnreadableUploadException.class)
                .hasMessageStartingWith("line 1: the header lacks the required column [\"event_date\"]; found 4 fields:"
                        + " the column names [\"record_id\", \"event_type\", \"person_id\"] and 1 other field (at"
                        + " position [3], not shown as they may be data) with delimiter ','");
    }

    @Test
    void aFileWithoutHeaderNeverEchoesItsFirstRow() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read("template",
                        "K-1,ENTRY,2025-01-01,AN7654321,F\nK-2,EXIT,2025-01-02,N1122334,M\n"))
                .isInstanceOf(UnreadableUploadException.class)
                .hasMessageStartingWith("line 1: the header lacks the required columns [\"record_id\", \"event_type\","
                        + " \"event_date\", \"person_id\"]; found 5 fields, none of them a column name (is the header"
                        + " row missing? the first line looks like data and is not shown) with delimiter ','")
                .message().doesNotContain("AN7654321").doesNotContain("K-1").doesNotContain("2025-01-01");
    }

    @Test
    void everyPseudonymCarriesTheVersionOfItsKey() throws IOException {
        Profile profile = PROFILES.find("template").orElseThrow();
        ErrorLog errors = new ErrorLog(10);
        String csv = HEADER + "K-1,ENTRY,2025-01-01,N12345678,F,,KGZ,,KGZ,WORK,30,KZ-ALA\n";
        for (String version : new String[]{"1", "2026-2"}) {
            RowValidator validator = new RowValidator(profile,
                    new Pseudonymizer("migrex-test-secret-0123456789abcdef", version), "KAZ", "src", "b");
            CsvRows rows = new CsvRows(new StringReader(csv), profile);
            assertThat(rows.next()).isTrue();
            RawMigrationRecord record = validator.validate(rows, errors, NOW).orElseThrow();
            assertThat(record.getPseudonymKeyVersion()).isEqualTo(version);
            assertThat(record.getPersonPseudonym()).matches("[0-9a-f]{64}");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Pseudonymizer(
                "migrex-test-secret-0123456789abcdef", "v 1")).hasMessageContaining("key version");
    }

    @Test
    void onlyTheFirstErrorsAreListedTheRestCounted() throws IOException {
        ErrorLog small = new ErrorLog(2);
        Profile profile = PROFILES.find("template").orElseThrow();
        RowValidator validator = new RowValidator(profile, PSEUDONYMS, "KAZ", "src", "b");
        CsvRows rows = new CsvRows(new StringReader(HEADER + "x,,,\nx,,,\nx,,,\n"), profile);
        while (rows.next()) {
            validator.validate(rows, small, NOW);
        }
        assertThat(small.listed()).hasSize(2);
        assertThat(small.notListed()).isEqualTo(1);
    }
}
