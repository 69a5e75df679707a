package org.migrex.ingestion.profile;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A file layout mapped to one of Migrex's templates ({@link Template}): which header holds which template column, the delimiter, the date
 * formats and the national terms replaced by template values. Loaded from YAML by {@link ProfileLoader}.
 *
 * <p>Fields: {@code id} (= its file name without {@code .yml}), {@code version} (written into every record's
 * provenance), {@code delimiter} ({@link #AUTO_DELIMITER} detects {@code ,} or {@code ;} from the header row), date
 * formats tried in order, the header of each mapped template column, and per column the national terms
 * (normalized by {@link #normalizeTerm}) replaced by template values; the template the file follows (migration records
 * unless named) and the decimal separator of its amounts ({@code .} unless named; Russian spreadsheets write {@code ,}).
 */
public final class Profile {

    /** Delimiter value meaning: detect {@code ,} or {@code ;} from the header row. */
    public static final char AUTO_DELIMITER = 0;

    private static final int MIN_YEAR = 1900;
    private static final int MAX_YEAR = 2999;

    private final String id;
    private final Template template;
    private final char decimalSeparator;
    private final String version;
    private final String description;
    private final char delimiter;
    private final List<String> dateFormats;
    private final List<DateTimeFormatter> formatters;
    private final List<FixedWidthDate> fixedWidth;
    private final Map<TemplateColumn, String> headers;
    private final Map<TemplateColumn, Map<String, String>> values;

    public Profile(String id, String version, String description, char delimiter, List<String> dateFormats,
                   Map<TemplateColumn, String> headers, Map<TemplateColumn, Map<String, String>> values) {
        this(id, Template.MIGRATION, '.', version, description, delimiter, dateFormats, headers, values);
    }

    public Profile(String id, Template template, char decimalSeparator, String version, String description,
                   char delimiter, List<String> dateFormats, Map<TemplateColumn, String> headers,
                   Map<TemplateColumn, Map<String, String>> values) {
        this.id = id;
        this.template = template;
        this.decimalSeparator = decimalSeparator;
        this.version = version;
        this.description = description;
        this.delimiter = delimiter;
        this.dateFormats = List.copyOf(dateFormats);
        this.formatters = this.dateFormats.stream().map(Profile::strictFormatter).toList();
        List<FixedWidthDate> simple = this.dateFormats.stream().map(FixedWidthDate::of).toList();
        this.fixedWidth = simple.contains(null) ? null : simple;
        this.headers = new EnumMap<>(headers);
        EnumMap<TemplateColumn, Map<String, String>> copy = new EnumMap<>(TemplateColumn.class);
        values.forEach((column, terms) -> copy.put(column, Map.copyOf(terms)));
        this.values = copy;
    }

    public String id() {
        return id;
    }

    /** The template the profile's files follow. */
    public Template template() {
        return template;
    }

    /** The decimal separator of amounts in the profile's files: {@code .} or {@code ,}. */
    public char decimalSeparator() {
        return decimalSeparator;
    }

    public String version() {
        return version;
    }

    public String description() {
        return description;
    }

    public char delimiter() {
        return delimiter;
    }

    public List<String> dateFormats() {
        return dateFormats;
    }

    /** Header of a template column in files of this profile, if the profile maps it. */
    public Optional<String> headerOf(TemplateColumn column) {
        return Optional.ofNullable(headers.get(column));
    }

    /**
     * The value sent for a term found in the file: the mapped template value when the profile maps the term
     * (ignoring case, surrounding blanks and ё/е), otherwise the term itself.
     */
    public String mapValue(TemplateColumn column, String term) {
        Map<String, String> terms = values.get(column);
        if (terms == null || terms.isEmpty()) {
            return term;
        }
        String mapped = terms.get(normalizeTerm(term));
        return mapped != null ? mapped : term;
    }

    /** A date in one of the profile's formats, strictly (31.02.2025 is refused), with a year from 1900 to 2999. */
    public Optional<LocalDate> parseDate(String text) {
        if (fixedWidth != null) {
            for (FixedWidthDate format : fixedWidth) {
                LocalDate date = format.parse(text);
                if (date != null) {
                    return date.getYear() >= MIN_YEAR && date.getYear() <= MAX_YEAR ? Optional.of(date) : Optional.empty();
                }
            }
            return Optional.empty();
        }
        for (DateTimeFormatter formatter : formatters) {
            try {
                LocalDate date = LocalDate.parse(text, formatter);
                if (date.getYear() >= MIN_YEAR && date.getYear() <= MAX_YEAR) {
                    return Optional.of(date);
                }
                return Optional.empty();
            } catch (DateTimeParseException notThisFormat) {
                // try the next format
            }
        }
        return Optional.empty();
    }

    /** The accepted date formats as a user reads them ({@code yyyy-MM-dd or dd.MM.yyyy}). */
    public String dateFormatsText() {
        return String.join(" or ", dateFormats);
    }

    /** The key under which a term is looked up: trimmed, lower case, ё as е. */
    public static String normalizeTerm(String term) {
        return term.strip().toLowerCase(Locale.ROOT).replace('ё', 'е');
    }

    /** A strict formatter for a pattern; {@code yyyy} is read as the proleptic year so STRICT needs no era. */
    static DateTimeFormatter strictFormatter(String pattern) {
        return DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }
}
