package org.migrex.ingestion.csv;

/** CSV text that cannot be split into records (a quote never closed, a record beyond the length limit). */
public class MalformedCsvException extends RuntimeException {
    private final long line;

    public MalformedCsvException(long line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** Line (1-based) where the unreadable record starts. */
    public long line() {
        return line;
    }
}
