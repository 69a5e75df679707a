package org.migrex.sandbox.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Prints JSON answers (an array of flat objects, or an object holding one) as a text table. */
final class JsonTables {
    private JsonTables() {
    }

    /** The objects of an answer: the array itself, its {@code rows}, or the first field that is an array of objects. */
    static List<JsonNode> rowsOf(JsonNode answer) {
        List<JsonNode> rows = new ArrayList<>();
        if (answer == null) {
            return rows;
        }
        if (answer.isArray()) {
            answer.forEach(rows::add);
            return rows;
        }
        if (answer.path("rows").isArray()) {
            answer.path("rows").forEach(rows::add);
            return rows;
        }
        for (JsonNode value : answer.values()) {
            if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
                value.forEach(rows::add);
                return rows;
            }
        }
        return rows;
    }

    static void print(PrintStream out, List<JsonNode> rows, String indent) {
        Set<String> columns = new LinkedHashSet<>();
        for (JsonNode row : rows) {
            for (var e : row.properties()) {
                if (!e.getValue().isContainer()) {
                    columns.add(e.getKey());
                }
            }
        }
        print(out, rows, indent, new ArrayList<>(columns));
    }

    /** Prints the given columns of the rows; a column no row has is left out. */
    static void print(PrintStream out, List<JsonNode> rows, String indent, List<String> wanted) {
        if (rows.isEmpty()) {
            out.println(indent + "(no rows)");
            return;
        }
        List<String> cols = wanted.stream().filter(c -> rows.stream().anyMatch(r -> r.has(c))).toList();
        int[] widths = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            widths[i] = cols.get(i).length();
            for (JsonNode row : rows) {
                widths[i] = Math.max(widths[i], cell(row, cols.get(i)).length());
            }
        }
        StringBuilder header = new StringBuilder(indent);
        for (int i = 0; i < cols.size(); i++) {
            header.append(String.format("%-" + (widths[i] + 2) + "s", cols.get(i)));
        }
        out.println(header.toString().stripTrailing());
        for (JsonNode row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < cols.size(); i++) {
                line.append(String.format("%-" + (widths[i] + 2) + "s", cell(row, cols.get(i))));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String cell(JsonNode row, String column) {
        JsonNode v = row.get(column);
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isFloatingPointNumber()) {
            return String.format("%.2f", v.asDouble());
        }
        return v.asString();
    }
}
