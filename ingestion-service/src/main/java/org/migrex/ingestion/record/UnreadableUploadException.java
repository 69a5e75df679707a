package org.migrex.ingestion.record;

/** An upload that cannot be read as a whole (no header, a required column missing, not UTF-8, not JSON): HTTP 400. */
public class UnreadableUploadException extends RuntimeException {
    public UnreadableUploadException(String message) {
        super(message);
    }
}
