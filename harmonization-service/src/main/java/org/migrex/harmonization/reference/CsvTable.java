package org.migrex.harmonization.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A reference CSV file: UTF-8, {@code #} comment lines and blank lines ignored, the first other line is the header,
 * fields separated by {@code ,} and optionally quoted with {@code "} ({@code ""} inside quotes is one quote).
 *
 * @param file   name of the file, for error messages
 * @param header column names
 * @param rows   data rows with their line numbers
 */
record CsvTable(String file, List<String> header, List<Row> rows) {

    /** One data row. */
    record Row(int line, List<String> fields) {
    }

    static CsvTable read(String file, InputStream in) throws IOException {
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> fields = split(file, number, line);
                if (header == null) {
                    header = fields;
                } else {
                    if (fields.size() != header.size()) {
                        throw new ReferenceDataException(file + " line " + number + ": " + fields.size()
                                + " fields, expected " + header.size() + " (" + String.join(",", header) + ")");
                    }
                    rows.add(new Row(number, fields));
                }
            }
        }
        if (header == null) {
            throw new ReferenceDataException(file + ": no header line");
        }
        return new CsvTable(file, header, rows);
    }

    /** Fails unless the header is exactly {@code expected}. */
    CsvTable requireHeader(String... expected) {
        if (!header.equals(List.of(expected))) {
            throw new ReferenceDataException(file + ": header is '" + String.join(",", header) + "', expected '"
                    + String.join(",", expected) + "'");
        }
        return this;
    }

    private static List<String> split(String file, int number, String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new ReferenceDataException(file + " line " + number + ": unterminated quote");
        }
        fields.add(field.toString().strip());
        return fields;
    }
}
