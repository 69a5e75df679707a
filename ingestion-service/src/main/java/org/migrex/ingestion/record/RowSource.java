package org.migrex.ingestion.record;

import java.io.IOException;

import org.migrex.ingestion.profile.TemplateColumn;

/** Rows of an upload, read one at a time, with their values already placed in template columns. */
public interface RowSource {

    /** Moves to the next row; false at the end of the upload. */
    boolean next() throws IOException;

    /** Line of the current row (see {@link RowError#line()}). */
    long line();

    /** The raw value of a template column in the current row; null when the upload has no such column. */
    String value(TemplateColumn column);

    /** Name of a template column as the upload names it (the profile's header for CSV). */
    String columnName(TemplateColumn column);

    /** A problem with the current row as a whole (wrong number of fields), or null. */
    RowError rowProblem();
}
