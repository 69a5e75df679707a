package org.migrex.ingestion.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and validates a profile YAML file (format in docs/ingestion.md). Every problem is reported as an
 * {@link InvalidProfileException} naming the file and the key, so a bad profile stops start-up with a usable message.
 */
public final class ProfileLoader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Set<String> KEYS = Set.of("id", "template", "version", "description", "delimiter",
            "decimal-separator", "date-formats", "columns", "values");
    private static final LocalDate PROBE_DATE = LocalDate.of(2025, 12, 31);

    private ProfileLoader() {
    }

    /** Loads the profile in {@code file} (named {@code fileName}, e.g. {@code ru-registry-export.yml}). */
    public static Profile load(String fileName, InputStream file) {
        Object document;
        try (Reader reader = new InputStreamReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException | IOException e) {
            throw new InvalidProfileException("profile file " + fileName + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new InvalidProfileException("profile file " + fileName + ": expected a YAML mapping with the keys "
                    + KEYS);
        }
        return new Parse(fileName, root).profile();
    }

    private record Parse(String file, Map<?, ?> root) {

        Profile profile() {
            for (Object key : root.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    throw fail(String.valueOf(key), "unknown key; the keys are " + KEYS.stream().sorted().toList());
                }
            }
            String id = requiredText("id");
            if (!ID.matcher(id).matches()) {
                throw fail("id", "'" + id + "' is not a profile id (lower-case letters, digits and '-')");
            }
            String baseName = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
            if (!baseName.equals(id + ".yml")) {
                throw fail("id", "'" + id + "' must equal the file name without .yml (" + baseName + ")");
            }
            String version = requiredText("version");
            Object descriptionValue = root.get("description");
            String description = descriptionValue == null ? "" : String.valueOf(descriptionValue);
            Template template = template();
            char delimiter = delimiter();
            char decimalSeparator = decimalSeparator(delimiter);
            return new Profile(id, template, decimalSeparator, version, description, delimiter,
                    template.hasDates() || root.get("date-formats") != null ? dateFormats() : List.of(),
                    columns(template), values(template));
        }

        private Template template() {
            Object value = root.get("template");
            if (value == null) {
                return Template.MIGRATION;
            }
            return Template.byId(String.valueOf(value)).orElseThrow(() -> fail("template", "'" + value
                    + "' is not a template; the templates are " + java.util.Arrays.stream(Template.values())
                    .map(Template::id).toList()));
        }

        private char decimalSeparator(char delimiter) {
            Object value = root.get("decimal-separator");
            if (value == null) {
                return '.';
            }
            String text = String.valueOf(value);
            if (!text.equals(".") && !text.equals(",")) {
                throw fail("decimal-separator", "'" + text + "' is not accepted; use \".\" or \",\"");
            }
            if (text.charAt(0) == delimiter) {
                throw fail("decimal-separator", "',' is also the delimiter; a file with decimal commas needs"
                        + " delimiter \";\" or a tab");
            }
            return text.charAt(0);
        }

        private char delimiter() {
            Object value = root.get("delimiter");
            if (value == null || "auto".equals(value)) {
                return Profile.AUTO_DELIMITER;
            }
            String text = String.valueOf(value);
            if (text.equals(",") || text.equals(";") || text.equals("\t")) {
                return text.charAt(0);
            }
            throw fail("delimiter", "'" + text + "' is not accepted; use \",\", \";\", \"\\t\" or auto");
        }

        private List<String> dateFormats() {
            Object value = root.get("date-formats");
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                throw fail("date-formats", "a non-empty list of date patterns is required, e.g. [dd.MM.yyyy]");
            }
            List<String> formats = new ArrayList<>();
            for (Object item : list) {
                String pattern = String.valueOf(item);
                String key = "date-formats[" + formats.size() + "]";
                if (!pattern.contains("yyyy") || !pattern.contains("MM") || !pattern.contains("dd")) {
                    throw fail(key, "'" + pattern + "' must contain yyyy, MM and dd");
                }
                try {
                    DateTimeFormatter formatter = Profile.strictFormatter(pattern);
                    if (!LocalDate.parse(formatter.format(PROBE_DATE), formatter).equals(PROBE_DATE)) {
                        throw fail(key, "'" + pattern + "' does not read back the dates it writes");
                    }
                } catch (IllegalArgumentException | java.time.DateTimeException e) {
                    throw fail(key, "'" + pattern + "' is not a java.time date pattern: " + e.getMessage());
                } catch (ClassCastException e) {
                    // the JDK's own pattern parser fails so on a pad letter before a localized field ("pe"); found
                    // by ProfileYamlFuzzTest, the input is kept in its inputs
                    throw fail(key, "'" + pattern + "' is not a java.time date pattern: a pad letter 'p' must be"
                            + " followed by a plain field such as dd, MM or yyyy");
                }
                formats.add(pattern);
            }
            return formats;
        }

        private Map<TemplateColumn, String> columns(Template template) {
            Map<?, ?> columns = mapping("columns");
            Map<TemplateColumn, String> headers = new EnumMap<>(TemplateColumn.class);
            Map<String, TemplateColumn> seenHeaders = new HashMap<>();
            for (Map.Entry<?, ?> entry : columns.entrySet()) {
                String key = "columns." + entry.getKey();
                TemplateColumn column = templateColumn(template, key, entry.getKey());
                if (entry.getValue() == null || String.valueOf(entry.getValue()).isBlank()) {
                    throw fail(key, "the header in the file is missing");
                }
                String header = String.valueOf(entry.getValue()).strip();
                TemplateColumn previous = seenHeaders.put(header.toLowerCase(Locale.ROOT), column);
                if (previous != null) {
                    throw fail(key, "header '" + header + "' is already mapped to " + previous.columnName());
                }
                headers.put(column, header);
            }
            for (TemplateColumn column : template.columns()) {
                if (column.required() && !headers.containsKey(column)) {
                    throw fail("columns." + column.columnName(), "required template column is not mapped");
                }
            }
            return headers;
        }

        private Map<TemplateColumn, Map<String, String>> values(Template template) {
            if (root.get("values") == null) {
                return Map.of();
            }
            Map<TemplateColumn, Map<String, String>> values = new EnumMap<>(TemplateColumn.class);
            for (Map.Entry<?, ?> entry : mapping("values").entrySet()) {
                String key = "values." + entry.getKey();
                TemplateColumn column = templateColumn(template, key, entry.getKey());
                if (!(entry.getValue() instanceof Map<?, ?> terms)) {
                    throw fail(key, "expected a mapping of terms in the file to the values sent");
                }
                Map<String, String> normalized = new HashMap<>();
                for (Map.Entry<?, ?> term : terms.entrySet()) {
                    String termKey = key + "." + term.getKey();
                    if (term.getValue() == null || String.valueOf(term.getValue()).isBlank()) {
                        throw fail(termKey, "the value sent is missing");
                    }
                    String previous = normalized.put(Profile.normalizeTerm(String.valueOf(term.getKey())),
                            String.valueOf(term.getValue()).strip());
                    if (previous != null) {
                        throw fail(termKey, "the term is listed twice (terms are compared ignoring case and ё/е)");
                    }
                }
                values.put(column, normalized);
            }
            return values;
        }

        private TemplateColumn templateColumn(Template template, String key, Object name) {
            return TemplateColumn.byColumnName(String.valueOf(name)).filter(template::has).orElseThrow(() -> fail(key,
                    "'" + name + "' is not a column of the template " + template.id() + "; its columns are "
                            + template.columnNames()));
        }

        private Map<?, ?> mapping(String key) {
            if (!(root.get(key) instanceof Map<?, ?> map) || map.isEmpty()) {
                throw fail(key, "a non-empty mapping is required");
            }
            return map;
        }

        private String requiredText(String key) {
            Object value = root.get(key);
            if (value == null || String.valueOf(value).isBlank()) {
                throw fail(key, "is required");
            }
            return String.valueOf(value).strip();
        }

        private InvalidProfileException fail(String key, String problem) {
            return new InvalidProfileException("profile file " + file + ", key '" + key + "': " + problem);
        }
    }
}
