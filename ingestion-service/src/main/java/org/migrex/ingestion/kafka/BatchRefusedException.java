package org.migrex.ingestion.kafka;

/**
 * Kafka (or the schema registry) could not take a batch; the transaction was aborted. HTTP 503 with Retry-After when
 * sending again later can work ({@link #retryable()}), 500 when the node itself must be fixed first (the registry
 * refused the schema or the node's credentials).
 */
public class BatchRefusedException extends RuntimeException {
    private final boolean retryable;

    public BatchRefusedException(String message, Throwable cause) {
        this(message, cause, true);
    }

    public BatchRefusedException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether the same upload can succeed later without anyone changing the node. */
    public boolean retryable() {
        return retryable;
    }
}
