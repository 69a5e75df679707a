package org.migrex.harmonization.reference;

/** Reference data that cannot be loaded; the message names the file, the line and the value. */
public class ReferenceDataException extends RuntimeException {
    public ReferenceDataException(String message) {
        super(message);
    }

    public ReferenceDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
