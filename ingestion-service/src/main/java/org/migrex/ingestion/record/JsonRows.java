package org.migrex.ingestion.record;

import java.io.Reader;
import java.util.Arrays;

import org.migrex.ingestion.profile.TemplateColumn;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Rows of a JSON upload: an array of objects whose property names are the template's column names, read one object at
 * a time. Values may be strings, numbers, booleans or null; other properties are ignored. The line of a row is its
 * position in the array (1 = first object).
 *
 * <p>Memory is bounded as for CSV: a value, and the values of one object together, may have at most
 * {@value #MAX_ROW_CHARS} characters (CSV's longest record, {@link CsvRows#MAX_RECORD_CHARS}); property names at most
 * {@value #MAX_NAME_CHARS}, nesting at most {@value #MAX_DEPTH} levels. Beyond that the upload is unreadable (400),
 * with a message naming the array element, the property and the limit, never the value. The per-column limits
 * (record_id up to 100 characters, ...) are the validator's, as for CSV.
 */
public final class JsonRows implements RowSource, AutoCloseable {
    /** Longest value, and longest sum of the values of one object, in characters. */
    static final int MAX_ROW_CHARS = CsvRows.MAX_RECORD_CHARS;
    static final int MAX_NAME_CHARS = 1000;
    static final int MAX_DEPTH = 32;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_ROW_CHARS)
                    .maxNameLength(MAX_NAME_CHARS)
                    .maxNestingDepth(MAX_DEPTH)
                    .build())
            .build();
    private static final String EXPECTED = "a JSON array of objects whose property names are the template's column"
            + " names (record_id, event_type, event_date, person_id, ...)";

    private final JsonParser parser;
    private final String[] values = new String[TemplateColumn.count()];
    private long position;
    private RowError problem;

    public JsonRows(Reader text) {
        this.parser = FACTORY.createParser(ObjectReadContext.empty(), text);
        JsonToken first = token();
        if (first != JsonToken.START_ARRAY) {
            throw new UnreadableUploadException("the body is not " + EXPECTED);
        }
    }

    @Override
    public boolean next() {
        Arrays.fill(values, null);
        problem = null;
        JsonToken token = token();
        if (token == JsonToken.END_ARRAY) {
            return false;
        }
        if (token == null) {
            throw new UnreadableUploadException("the JSON array is not closed; expected " + EXPECTED);
        }
        position++;
        if (token != JsonToken.START_OBJECT) {
            skip();
            problem = new RowError(position, null, null, "array element " + position + " is not an object; expected "
                    + EXPECTED);
            return true;
        }
        long rowChars = 0;
        for (JsonToken t = token(); t != JsonToken.END_OBJECT; t = token()) {
            String name = parser.currentName();
            JsonToken value = token();
            TemplateColumn column = TemplateColumn.byColumnName(name).orElse(null);
            if (value.isScalarValue()) {
                if (column != null && value != JsonToken.VALUE_NULL) {
                    String text = text(column);
                    rowChars += text.length();
                    if (rowChars > MAX_ROW_CHARS) {
                        throw new UnreadableUploadException("array element " + position + ", property "
                                + column.columnName() + ": the values of the object have more than " + MAX_ROW_CHARS
                                + " characters together, the most a row may have (as a CSV record); accepted per"
                                + " column: see the template (record_id up to 100 characters, person_id up to 64, ...)");
                    }
                    values[column.ordinal()] = text;
                }
            } else {
                skip();
                if (column != null && problem == null) {
                    problem = new RowError(position, column.columnName(), null,
                            column.columnName() + " must be a string, a number or null");
                }
            }
        }
        return true;
    }

    /** The current value as text; a value beyond the limit fails naming the element and the column, not the value. */
    private String text(TemplateColumn column) {
        try {
            return parser.getString();
        } catch (StreamConstraintsException e) {
            throw new UnreadableUploadException("array element " + position + ", property " + column.columnName()
                    + ": the value is longer than " + MAX_ROW_CHARS + " characters, the most a row may have (as a CSV"
                    + " record); accepted per column: see the template (record_id up to 100 characters, person_id"
                    + " up to 64, ...)");
        } catch (JacksonException e) {
            throw unreadable(e);
        }
    }

    private JsonToken token() {
        try {
            return parser.nextToken();
        } catch (StreamConstraintsException e) {
            throw overLimits(e);
        } catch (JacksonException e) {
            throw unreadable(e);
        }
    }

    private UnreadableUploadException overLimits(StreamConstraintsException e) {
        TokenStreamLocation at = e.getLocation();
        return new UnreadableUploadException("array element " + Math.max(position, 1) + ": a property name, number"
                + " or value is over the limits" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ")") + "; accepted: names up to " + MAX_NAME_CHARS + " characters, values up"
                + " to " + MAX_ROW_CHARS + ", numbers up to 1000 digits, nesting up to " + MAX_DEPTH + " levels");
    }

    private static UnreadableUploadException unreadable(JacksonException e) {
        // the parser's own message may quote the content (a person id): only the location is given
        TokenStreamLocation at = e.getLocation();
        return new UnreadableUploadException("the body is not valid JSON"
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                + "; expected " + EXPECTED);
    }

    private void skip() {
        try {
            parser.skipChildren();
        } catch (StreamConstraintsException e) {
            throw overLimits(e);
        } catch (JacksonException e) {
            throw new UnreadableUploadException("the body is not valid JSON; expected " + EXPECTED);
        }
    }

    @Override
    public long line() {
        return position;
    }

    @Override
    public String value(TemplateColumn column) {
        return values[column.ordinal()];
    }

    @Override
    public String columnName(TemplateColumn column) {
        return column.columnName();
    }

    @Override
    public RowError rowProblem() {
        return problem;
    }

    @Override
    public void close() {
        parser.close();
    }
}
