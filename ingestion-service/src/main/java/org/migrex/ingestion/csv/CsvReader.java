package org.migrex.ingestion.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams records out of CSV text (RFC 4180 as Excel writes it), holding one record at a time.
 *
 * <ul>
 *   <li>A byte-order mark at the very start is skipped.</li>
 *   <li>Lines end in CRLF, LF or CR. Blank lines are skipped.</li>
 *   <li>Fields are separated by the delimiter; when the delimiter is {@code 0} it is detected from the first line as
 *       whichever of {@code ;} and {@code ,} occurs more often outside quotes ({@code ,} on a tie).</li>
 *   <li>A field starting with {@code "} is quoted: it may contain the delimiter and line breaks, and {@code ""} in it
 *       stands for one {@code "}. Text after the closing quote is kept (lenient, as Excel reads it).</li>
 *   <li>{@link #line()} is the physical line on which the current record starts (1 = the first line).</li>
 * </ul>
 */
public final class CsvReader {
    private static final int BUFFER = 64 * 1024;

    private final Reader in;
    private final int maxRecordChars;
    private final char[] buffer = new char[BUFFER];
    private int position;
    private int limit;
    private boolean eof;
    private char delimiter;

    private long nextLine = 1;
    private long recordLine;
    private boolean started;
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder(64);

    /**
     * @param in             the text
     * @param delimiter      {@code ,}, {@code ;}, tab, or {@code 0} to detect it from the first line
     * @param maxRecordChars longest record accepted, so that a quote never closed cannot fill the heap
     */
    public CsvReader(Reader in, char delimiter, int maxRecordChars) {
        this.in = in;
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
    }

    /** The delimiter in use (after the first record, the detected one). */
    public char delimiter() {
        return delimiter;
    }

    /** Line on which the current record starts. */
    public long line() {
        return recordLine;
    }

    /** Fields of the current record (reused by the next call to {@link #next()}). */
    public List<String> fields() {
        return fields;
    }

    /** Reads the next non-blank record; false at the end of the text. */
    public boolean next() throws IOException {
        if (!started) {
            started = true;
            if (!fill()) {
                return false;
            }
            if (buffer[position] == '\uFEFF') {
                position++;
            }
            if (delimiter == 0) {
                fillFirstLine();
                delimiter = detectDelimiter();
            }
        }
        while (true) {
            fields.clear();
            field.setLength(0);
            recordLine = nextLine;
            if (position >= limit && !fill()) {
                return false;
            }
            if (readRecord()) {
                return true;
            }
            if (eof && position >= limit) {
                return false;
            }
        }
    }

    /** Reads one physical record; false if it was a blank line. */
    private boolean readRecord() throws IOException {
        int length = 0;
        boolean anyContent = false;
        while (true) {
            if (position >= limit && !fill()) {
                if (!anyContent) {
                    return false;
                }
                fields.add(field.toString());
                return true;
            }
            char c = buffer[position++];
            if (c == delimiter) {
                anyContent = true;
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    position++;
                }
                nextLine++;
                if (!anyContent) {
                    return false;
                }
                fields.add(field.toString());
                return true;
            } else if (c == '"' && field.isEmpty()) {
                anyContent = true;
                length += readQuoted(length);
            } else {
                anyContent = true;
                field.append(c);
            }
            if (++length > maxRecordChars) {
                throw new MalformedCsvException(recordLine, "the record is longer than " + maxRecordChars
                        + " characters (is a quote not closed?)");
            }
        }
    }

    /** Reads a quoted field after its opening quote up to and including the closing quote; returns chars read. */
    private int readQuoted(int lengthSoFar) throws IOException {
        int read = 0;
        while (true) {
            if (position >= limit && !fill()) {
                throw new MalformedCsvException(recordLine, "a quoted field is not closed before the end of the file");
            }
            char c = buffer[position++];
            read++;
            if (lengthSoFar + read > maxRecordChars) {
                throw new MalformedCsvException(recordLine, "the record is longer than " + maxRecordChars
                        + " characters (is a quote not closed?)");
            }
            if (c == '"') {
                if (peek() == '"') {
                    position++;
                    read++;
                    field.append('"');
                } else {
                    return read;
                }
            } else {
                if (c == '\n' || c == '\r' && peek() != '\n') {
                    nextLine++;
                }
                field.append(c);
            }
        }
    }

    /** The next char without consuming it, or -1 at the end. */
    private int peek() throws IOException {
        if (position >= limit && !fill()) {
            return -1;
        }
        return buffer[position];
    }

    /** Counts ';' and ',' outside quotes in the first line found in the buffer. */
    private char detectDelimiter() {
        int semicolons = 0;
        int commas = 0;
        boolean quoted = false;
        for (int i = position; i < limit; i++) {
            char c = buffer[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == ',') {
                commas++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    /** Reads on until the buffer holds the whole first line (or is full), for delimiter detection. */
    private void fillFirstLine() throws IOException {
        while (!eof && limit < buffer.length && !containsLineBreak()) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
    }

    private boolean containsLineBreak() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n' || buffer[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    /** Refills the buffer when it is used up; false at the end of input. */
    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            position = 0;
            limit = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
