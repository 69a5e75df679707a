package org.migrex.sandbox.demo;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a node's demo rows as the file its agency would send: the Migrex template for KAZ, KGZ and TJK (each with its
 * own habits: alpha-3 codes, alpha-2 codes and {@code dd.MM.yyyy} dates, English names), and Russia's registry export
 * in the {@code ru-registry-export} profile (Russian headers and terms, {@code ;}, CRLF, BOM; docs/ingestion.md).
 */
public final class DemoFiles {
    /** The template's columns, in the order of BRIEF.md. */
    public static final List<String> TEMPLATE_COLUMNS = List.of("record_id", "event_type", "event_date", "person_id", "sex",
            "birth_date", "citizenship", "country_of_birth", "counterpart_country", "purpose", "intended_duration_days",
            "region");

    private static final List<String> RU_HEADERS = List.of("Номер записи", "Тип события", "Дата регистрации", "Паспорт",
            "Пол", "Дата рождения", "Гражданство", "Страна рождения", "Откуда прибыл / Куда убыл", "Цель",
            "Срок пребывания (дней)", "Регион");
    private static final Map<String, String> RU_EVENT = Map.of(
            "RESIDENCE_REGISTRATION", "Регистрация по месту жительства",
            "STAY_REGISTRATION", "Постановка на миграционный учет",
            "DEREGISTRATION", "Снятие с регистрационного учета");
    private static final Map<String, String> RU_SEX = Map.of("M", "М", "F", "Ж");
    private static final Map<String, String> RU_PURPOSE = Map.of("WORK", "Трудовая деятельность",
            "FAMILY", "Воссоединение семьи", "STUDY", "Учеба", "OTHER", "Иная", "TOURISM", "Туризм");
    private static final Map<String, String> RU_COUNTRY = Map.of("KAZ", "Казахстан", "KGZ", "Киргизия",
            "TJK", "Таджикистан", "RUS", "Россия", "UZB", "Узбекистан", "TKM", "Туркмения");
    private static final Map<String, String> ALPHA2 = Map.of("KAZ", "KZ", "KGZ", "KG", "TJK", "TJ", "RUS", "RU",
            "UZB", "UZ", "TKM", "TM");
    private static final Map<String, String> ENGLISH = Map.of("KAZ", "Kazakhstan", "KGZ", "Kyrgyzstan", "TJK", "Tajikistan",
            "RUS", "Russia", "UZB", "Uzbekistan", "TKM", "Turkmenistan");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    private DemoFiles() {
    }

    /** Source the node's agency uploads its file to. */
    public static String source(String country) {
        return country.equals("RUS") ? "registry-export" : "template";
    }

    /** The file's text (RUS's with a BOM and CRLF). */
    public static String render(String country, List<DemoRow> rows) {
        return country.equals("RUS") ? russianExport(rows) : template(country, rows);
    }

    private static String template(String country, List<DemoRow> rows) {
        StringBuilder csv = new StringBuilder(String.join(",", TEMPLATE_COLUMNS)).append('\n');
        for (DemoRow row : rows) {
            List<String> values = TEMPLATE_COLUMNS.stream().map(c -> templateValue(country, c, row.fields().get(c))).toList();
            csv.append(String.join(",", values.stream().map(DemoFiles::quoted).toList())).append('\n');
        }
        return csv.toString();
    }

    private static String templateValue(String country, String column, String value) {
        boolean countryColumn = column.equals("citizenship") || column.equals("country_of_birth")
                || column.equals("counterpart_country");
        return switch (country) {
            case "KGZ" -> countryColumn ? ALPHA2.getOrDefault(value, value) : isDateColumn(column) ? dotted(value) : value;
            case "TJK" -> countryColumn ? ENGLISH.getOrDefault(value, value) : value;
            default -> value;
        };
    }

    private static String russianExport(List<DemoRow> rows) {
        StringBuilder csv = new StringBuilder("\uFEFF").append(String.join(";", RU_HEADERS)).append("\r\n");
        for (DemoRow row : rows) {
            Map<String, String> f = row.fields();
            List<String> values = List.of(
                    f.get("record_id"),
                    RU_EVENT.getOrDefault(f.get("event_type"), f.get("event_type")),
                    dotted(f.get("event_date")),
                    f.get("person_id"),
                    RU_SEX.getOrDefault(f.get("sex"), f.get("sex")),
                    dotted(f.get("birth_date")),
                    RU_COUNTRY.getOrDefault(f.get("citizenship"), f.get("citizenship")),
                    RU_COUNTRY.getOrDefault(f.get("country_of_birth"), f.get("country_of_birth")),
                    RU_COUNTRY.getOrDefault(f.get("counterpart_country"), f.get("counterpart_country")),
                    RU_PURPOSE.getOrDefault(f.get("purpose"), f.get("purpose")),
                    f.get("intended_duration_days"),
                    String.valueOf(10 + Math.floorMod(f.get("record_id").hashCode(), 80)));
            csv.append(String.join(";", values.stream().map(DemoFiles::quoted).toList())).append("\r\n");
        }
        return csv.toString();
    }

    private static boolean isDateColumn(String column) {
        return column.equals("event_date") || column.equals("birth_date");
    }

    /** {@code 2025-02-30} as {@code 30.02.2025}, rearranged as text so that impossible dates stay impossible. */
    private static String dotted(String value) {
        Matcher m = ISO_DATE.matcher(value == null ? "" : value);
        return m.matches() ? m.group(3) + "." + m.group(2) + "." + m.group(1) : value;
    }

    private static String quoted(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains(";") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
