package org.migrex.ingestion.web;

import java.io.UncheckedIOException;

import org.migrex.ingestion.kafka.BatchRefusedException;
import org.migrex.ingestion.record.UnreadableUploadException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** Turns refusals into JSON answers with a message saying what is wrong and what is accepted. */
@RestControllerAdvice
class UploadErrors {
    private final long retryAfterSeconds;

    UploadErrors(org.migrex.ingestion.IngestionProperties properties) {
        this.retryAfterSeconds = Math.max(1, properties.retryAfter().toSeconds());
    }

    @ExceptionHandler
    ResponseEntity<ApiError> refused(UploadRefusedException e) {
        if (e.status() == HttpStatus.TOO_MANY_REQUESTS) {
            return ResponseEntity.status(e.status()).header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                    .body(new ApiError(e.status().value(), e.status().getReasonPhrase(), e.getMessage()));
        }
        return answer(e.status(), e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ApiError> unreadable(UnreadableUploadException e) {
        return answer(HttpStatus.BAD_REQUEST, "the upload cannot be read: " + e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ApiError> kafkaUnavailable(BatchRefusedException e) {
        if (!e.retryable()) {
            return answer(HttpStatus.INTERNAL_SERVER_ERROR, "the node's schema registry refused the records' schema ("
                    + e.getMessage() + "); nothing of this upload was kept. This is the node's configuration (a schema"
                    + " not registered while migrex.registry.auto-register is off, or the registry credentials): tell"
                    + " the node's operator; sending the upload again will not help until it is fixed");
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .body(new ApiError(503, HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase(),
                        "Kafka cannot take the batch now (" + e.getMessage() + "); nothing of this upload was kept."
                                + " Send it again after " + retryAfterSeconds + " s"));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return answer(HttpStatus.CONTENT_TOO_LARGE, "the upload is larger than the limit"
                + " (migrex.ingestion.max-upload-size); split the file");
    }

    @ExceptionHandler
    ResponseEntity<ApiError> badMultipart(MultipartException e) {
        return answer(HttpStatus.BAD_REQUEST, "the multipart request cannot be read; send the file in the part 'file'");
    }

    @ExceptionHandler
    ResponseEntity<ApiError> broken(UncheckedIOException e) {
        return answer(HttpStatus.BAD_REQUEST, "the upload could not be read to its end (" + e.getCause().getMessage()
                + "); nothing of it was kept");
    }

    private static ResponseEntity<ApiError> answer(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(), message));
    }
}
