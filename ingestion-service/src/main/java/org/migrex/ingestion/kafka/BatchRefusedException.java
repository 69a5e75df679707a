package org.migrex.ingestion.kafka;

/** Kafka (or the schema registry) could not take a batch; the transaction was aborted: HTTP 503. */
public class BatchRefusedException extends RuntimeException {
    public BatchRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
