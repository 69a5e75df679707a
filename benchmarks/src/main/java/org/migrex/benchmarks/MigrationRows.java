package org.migrex.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.migrex.ingestion.profile.Profile;
import org.migrex.ingestion.profile.ProfileLoader;
import org.migrex.ingestion.record.CsvRows;
import org.migrex.ingestion.record.ErrorLog;
import org.migrex.ingestion.record.Pseudonymizer;
import org.migrex.ingestion.record.RowValidator;
import org.migrex.schema.RawMigrationRecord;

/**
 * Deterministic upload files for the benchmarks: rows as an agency of a Kazakh node would send them (mostly Central
 * Asian citizens, stay registrations and deregistrations, working ages), in the Migrex template or in the Russian
 * registry export layout. The same seed gives the same bytes on every JVM ({@link Random} is specified).
 *
 * <p>Every row passes ingestion's syntax checks. A chosen share of template rows carries one value harmonization
 * cannot map (an unknown country, sex, purpose or event type), so that it is quarantined there; all other rows
 * harmonize. (A birth date after the event no longer serves: under definitions v2 it gives age _U.)
 */
public final class MigrationRows {
    /** The node whose agency uploads (REF_AREA of the harmonized events). */
    public static final String NODE = "KAZ";
    /** Secret of the benchmark pseudonymizer (32 characters or more, as the service requires). */
    public static final String SECRET = "benchmark-secret-0123456789abcdef";
    /** The upload time written into provenance. */
    public static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    private static final String[] TEMPLATE_HEADER = {"record_id", "event_type", "event_date", "person_id", "sex",
            "birth_date", "citizenship", "country_of_birth", "counterpart_country", "purpose",
            "intended_duration_days", "region"};
    private static final String[] RUSSIAN_HEADER = {"Номер записи", "Тип события", "Дата регистрации", "Паспорт",
            "Пол", "Дата рождения", "Гражданство", "Страна рождения", "Откуда прибыл / Куда убыл", "Цель",
            "Срок пребывания (дней)", "Регион"};

    // weighted pools: a value appears as often as it is repeated
    private static final String[] EVENT_TYPES = {"STAY_REGISTRATION", "STAY_REGISTRATION", "STAY_REGISTRATION",
            "STAY_REGISTRATION", "RESIDENCE_REGISTRATION", "DEREGISTRATION", "DEREGISTRATION", "ENTRY", "EXIT",
            "WORK_PERMIT"};
    private static final String[] RU_EVENT_TYPES = {"Постановка на миграционный учет",
            "Постановка на миграционный учет", "Постановка на миграционный учет", "Постановка на миграционный учет",
            "Регистрация по месту жительства", "Снятие с учета", "Снятие с миграционного учета", "Въезд", "Выезд",
            "Патент"};
    private static final String[] COUNTRIES = {"KGZ", "KGZ", "KGZ", "UZB", "UZB", "TJK", "RUS", "KG", "UZ",
            "Kyrgyzstan", "Узбекистан", "Кыргызстан", "Киргизия", "417", "Tajikistan", "Россия"};
    private static final String[] RU_COUNTRIES = {"Киргизия", "Киргизия", "Кыргызстан", "Узбекистан", "Узбекистан",
            "Таджикистан", "Казахстан", "Россия", "РФ", "Туркмения", "Армения", "Украина"};
    private static final String[] SEXES = {"M", "F", "M", "F", "М", "Ж", "1", "2", "male", "female", ""};
    private static final String[] RU_SEXES = {"М", "Ж", "Муж", "Жен", "Мужской", "Женский", ""};
    private static final String[] PURPOSES = {"WORK", "WORK", "WORK", "FAMILY", "STUDY", "PRIVATE", "OTHER", ""};
    private static final String[] RU_PURPOSES = {"Работа", "Работа", "Трудовая деятельность", "Семья", "Учеба",
            "Частная", "Туризм", ""};
    private static final String[] DURATIONS = {"30", "90", "180", "180", "365", "730", ""};
    private static final String[] REGIONS = {"KZ-ALA", "KZ-AST", "KZ-SHY", "KZ-KAR", "KZ-AKT"};
    private static final String[] RU_REGIONS = {"77", "78", "50", "66", "54"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
    private static final DateTimeFormatter RU_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private MigrationRows() {
    }

    /**
     * A template CSV ({@code ,}, LF) with a header and {@code rows} rows; {@code quarantinedPercent} of them (every
     * row whose index mod 100 is below it) carry one value harmonization cannot map.
     */
    public static String templateCsv(int rows, int quarantinedPercent, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder(rows * 140);
        csv.append(String.join(",", TEMPLATE_HEADER)).append('\n');
        for (int i = 0; i < rows; i++) {
            LocalDate event = FIRST_DAY.plusDays(random.nextInt(365));
            LocalDate birth = event.minusYears(16 + random.nextInt(50)).minusDays(random.nextInt(365));
            String[] row = {
                    "KZ-2025-" + pad(i, 7),
                    pick(random, EVENT_TYPES),
                    random.nextInt(4) == 0 ? event.format(RU_DATE) : event.toString(),
                    personId(random),
                    pick(random, SEXES),
                    random.nextInt(20) == 0 ? "" : birth.toString(),
                    pick(random, COUNTRIES),
                    random.nextInt(3) == 0 ? "" : pick(random, COUNTRIES),
                    pick(random, COUNTRIES),
                    pick(random, PURPOSES),
                    pick(random, DURATIONS),
                    pick(random, REGIONS)};
            if (i % 100 < quarantinedPercent) {
                unmappable(row, i, event);
            }
            appendRow(csv, row, ',', "\n");
        }
        return csv.toString();
    }

    /**
     * A Russian registry export ({@code ru-registry-export} profile) as Excel writes it in a Russian locale: UTF-8
     * byte-order mark, {@code ;}, CRLF, dates {@code dd.MM.yyyy}, Russian headers and terms.
     */
    public static String russianCsv(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder(rows * 200);
        csv.append('\uFEFF').append(String.join(";", RUSSIAN_HEADER)).append("\r\n");
        for (int i = 0; i < rows; i++) {
            LocalDate event = FIRST_DAY.plusDays(random.nextInt(365));
            LocalDate birth = event.minusYears(16 + random.nextInt(50)).minusDays(random.nextInt(365));
            String[] row = {
                    "77-" + pad(i, 8),
                    pick(random, RU_EVENT_TYPES),
                    event.format(RU_DATE),
                    personId(random),
                    pick(random, RU_SEXES),
                    random.nextInt(20) == 0 ? "" : birth.format(RU_DATE),
                    pick(random, RU_COUNTRIES),
                    random.nextInt(3) == 0 ? "" : pick(random, RU_COUNTRIES),
                    pick(random, RU_COUNTRIES),
                    pick(random, RU_PURPOSES),
                    pick(random, DURATIONS),
                    pick(random, RU_REGIONS)};
            appendRow(csv, row, ';', "\r\n");
        }
        return csv.toString();
    }

    /** A built-in ingestion profile ({@code template} or {@code ru-registry-export}), read from the service's jar. */
    public static Profile profile(String id) {
        String resource = "profiles/" + id + ".yml";
        try (InputStream in = MigrationRows.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (ingestion-service jar)");
            }
            return ProfileLoader.load(id + ".yml", in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Strict UTF-8 decoding of an upload body, as the ingestion service decodes it (malformed input fails). */
    public static Reader utf8(byte[] body) {
        return new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The records ingestion makes of an upload (rejected rows are left out). */
    public static List<RawMigrationRecord> ingest(String csv, Profile profile) {
        RowValidator validator = new RowValidator(profile, new Pseudonymizer(SECRET), NODE, profile.id(), "batch-1");
        ErrorLog errors = new ErrorLog(10);
        List<RawMigrationRecord> records = new ArrayList<>();
        try {
            CsvRows rows = new CsvRows(utf8(csv.getBytes(StandardCharsets.UTF_8)), profile);
            while (rows.next()) {
                validator.validate(rows, errors, NOW).ifPresent(records::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!errors.listed().isEmpty()) {
            throw new IllegalStateException("generated rows were rejected: " + errors.listed());
        }
        return records;
    }

    /** Replaces one value by one harmonization cannot map, cycling through the kinds of failure. */
    private static void unmappable(String[] row, int i, LocalDate event) {
        switch (i % 5) {
            case 0 -> row[6] = "Atlantis";
            case 1 -> row[4] = "X";
            case 2 -> row[9] = "TREASURE_HUNT";
            case 3 -> row[1] = "VISA_EXTENSION";
            default -> row[8] = "Lemuria";
        }
    }

    private static String personId(Random random) {
        String digits = pad(random.nextInt(100_000_000), 8);
        // some agencies write passport numbers with blanks; the pseudonymizer removes them
        return random.nextInt(10) == 0 ? "N " + digits.substring(0, 4) + " " + digits.substring(4) : "N" + digits;
    }

    private static void appendRow(StringBuilder csv, String[] row, char delimiter, String lineEnd) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                csv.append(delimiter);
            }
            csv.append(row[i]);
        }
        csv.append(lineEnd);
    }

    private static String pick(Random random, String[] pool) {
        return pool[random.nextInt(pool.length)];
    }

    private static String pad(int value, int width) {
        String text = Integer.toString(value);
        return "0".repeat(Math.max(0, width - text.length())) + text;
    }
}
