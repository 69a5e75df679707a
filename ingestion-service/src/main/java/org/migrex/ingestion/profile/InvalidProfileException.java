package org.migrex.ingestion.profile;

/** A profile file that cannot be used; the message names the file and the key. */
public class InvalidProfileException extends RuntimeException {
    public InvalidProfileException(String message) {
        super(message);
    }

    public InvalidProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
