package org.migrex.ingestion.record;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.migrex.ingestion.csv.CsvReader;
import org.migrex.ingestion.csv.MalformedCsvException;
import org.migrex.ingestion.profile.Profile;
import org.migrex.ingestion.profile.TemplateColumn;

/**
 * Rows of a CSV upload read with a profile: the first non-blank line is the header, matched to the profile's
 * column headers ignoring case and surrounding blanks; columns the profile does not know are ignored; rows whose
 * fields are all blank (Excel's trailing {@code ;;;;}) are skipped.
 */
public final class CsvRows implements RowSource {
    /** Longest record accepted, so that a quote never closed cannot fill the heap. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private final CsvReader reader;
    private final Profile profile;
    private final int[] index = new int[TemplateColumn.count()];
    private final Map<TemplateColumn, String> names = new EnumMap<>(TemplateColumn.class);
    private int headerSize;
    private RowError problem;

    /** Reads the header; fails with {@link UnreadableUploadException} when it lacks a required column. */
    public CsvRows(Reader text, Profile profile) throws IOException {
        this.reader = new CsvReader(text, profile.delimiter(), MAX_RECORD_CHARS);
        this.profile = profile;
        readHeader();
    }

    private void readHeader() throws IOException {
        if (!nextRecord()) {
            throw new UnreadableUploadException("the file is empty: a header row with the column names is expected"
                    + " (profile " + profile.id() + ": " + expectedHeaders() + ")");
        }
        List<String> header = reader.fields();
        headerSize = header.size();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = header.size() - 1; i >= 0; i--) {
            positions.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = new ArrayList<>();
        java.util.Arrays.fill(index, -1); // a column of another template is never read from this file
        for (TemplateColumn column : profile.template().columns()) {
            String name = profile.headerOf(column).orElse(null);
            Integer position = name == null ? null : positions.get(name.toLowerCase(Locale.ROOT));
            index[column.ordinal()] = position == null ? -1 : position;
            if (position != null) {
                names.put(column, header.get(position).strip());
            } else {
                names.put(column, name != null ? name : column.columnName());
                if (column.required()) {
                    missing.add(name);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new UnreadableUploadException("line " + reader.line() + ": the header lacks the required column"
                    + (missing.size() > 1 ? "s " : " ") + quoted(missing) + "; " + describeFound(header)
                    + " with delimiter " + describe(reader.delimiter()) + "; profile " + profile.id()
                    + " expects " + expectedHeaders());
        }
    }

    @Override
    public boolean next() throws IOException {
        while (nextRecord()) {
            List<String> fields = reader.fields();
            if (fields.stream().allMatch(String::isBlank)) {
                continue;
            }
            problem = fields.size() == headerSize ? null : new RowError(reader.line(), null, null,
                    "the row has " + fields.size() + " fields but the header has " + headerSize
                            + "; fields are separated by " + describe(reader.delimiter())
                            + ", and a field containing it must be quoted with \"");
            return true;
        }
        return false;
    }

    private boolean nextRecord() throws IOException {
        try {
            return reader.next();
        } catch (MalformedCsvException e) {
            throw new UnreadableUploadException(e.getMessage());
        }
    }

    @Override
    public long line() {
        return reader.line();
    }

    @Override
    public String value(TemplateColumn column) {
        int i = index[column.ordinal()];
        List<String> fields = reader.fields();
        return i >= 0 && i < fields.size() ? fields.get(i) : null;
    }

    @Override
    public String columnName(TemplateColumn column) {
        return names.get(column);
    }

    @Override
    public RowError rowProblem() {
        return problem;
    }

    /**
     * What the first line holds, without echoing it: only cells that are column names of the profile are quoted. A
     * file without a header has a data row there, with a person id in clear, which must never reach an answer.
     */
    private String describeFound(List<String> header) {
        List<String> known = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String cell = header.get(i).strip();
            boolean isColumnName = false;
            for (TemplateColumn column : profile.template().columns()) {
                isColumnName |= profile.headerOf(column).filter(cell::equalsIgnoreCase).isPresent();
            }
            if (isColumnName) {
                known.add(cell);
            } else {
                other.add(i + 1);
            }
        }
        String found = "found " + header.size() + " field" + (header.size() == 1 ? "" : "s");
        if (known.isEmpty()) {
            return found + ", none of them a column name (is the header row missing? the first line looks like data"
                    + " and is not shown)";
        }
        return found + ": the column names " + quoted(known) + (other.isEmpty() ? "" : " and " + other.size()
                + " other field" + (other.size() == 1 ? "" : "s") + " (at position" + (other.size() == 1 ? " " : "s ")
                + other + ", not shown as they may be data)");
    }

    private String expectedHeaders() {
        List<String> expected = new ArrayList<>();
        for (TemplateColumn column : profile.template().columns()) {
            profile.headerOf(column).ifPresent(h -> expected.add(column.required() ? h : h + " (optional)"));
        }
        return quoted(expected);
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").toList().toString();
    }

    private static String describe(char delimiter) {
        return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    }
}
