package org.migrex.serde;

/** A schema registry call failed; the message names the registry URL, the subject or id, and the cause. */
public class SchemaRegistryException extends RuntimeException {
    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status of the registry's answer, or 0 when it could not be reached. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Whether the registry could not be reached or failed on its side (no answer, or 5xx): trying the same call later
     * may succeed. A 4xx answer (unknown id, incompatible schema) will not change by waiting.
     */
    public boolean isTransient() {
        return httpStatus == 0 || httpStatus >= 500;
    }

    /** Whether {@code e} or one of its causes is a transient registry failure ({@link #isTransient()}). */
    public static boolean isTransientCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException sre) {
                return sre.isTransient();
            }
        }
        return false;
    }

    /** Confluent error code of the answer (40401 subject not found, 40403 schema not found, 409 incompatible), or 0. */
    public int errorCode() {
        return errorCode;
    }
}
