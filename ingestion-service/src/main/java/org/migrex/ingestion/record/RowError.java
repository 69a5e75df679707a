package org.migrex.ingestion.record;

/**
 * Why a row was rejected.
 *
 * @param line    line of the row in the file (1 = header), or the position in a JSON array (1 = first object)
 * @param column  the column as named in the file, or null when the row as a whole is wrong
 * @param value   the value found (cut to 100 characters), null when blank or withheld (person ids are never echoed)
 * @param message what is wrong and what would be accepted
 */
public record RowError(long line, String column, String value, String message) {
}
