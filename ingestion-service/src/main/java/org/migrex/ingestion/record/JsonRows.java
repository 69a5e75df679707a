package org.migrex.ingestion.record;

import java.io.Reader;
import java.util.Arrays;

import org.migrex.ingestion.profile.TemplateColumn;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Rows of a JSON upload: an array of objects whose property names are the template's column names, read one object at
 * a time. Values may be strings, numbers, booleans or null; other properties are ignored. The line of a row is its
 * position in the array (1 = first object).
 */
public final class JsonRows implements RowSource, AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactory();
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
        for (JsonToken t = token(); t != JsonToken.END_OBJECT; t = token()) {
            String name = parser.currentName();
            JsonToken value = token();
            TemplateColumn column = TemplateColumn.byColumnName(name).orElse(null);
            if (value.isScalarValue()) {
                if (column != null && value != JsonToken.VALUE_NULL) {
                    values[column.ordinal()] = parser.getString();
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

    private JsonToken token() {
        try {
            return parser.nextToken();
        } catch (JacksonException e) {
            // the parser's own message may quote the content (a person id): only the location is given
            TokenStreamLocation at = e.getLocation();
            throw new UnreadableUploadException("the body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + "; expected " + EXPECTED);
        }
    }

    private void skip() {
        try {
            parser.skipChildren();
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
