package org.migrex.ingestion.web;

import org.springframework.http.HttpStatus;

/** An upload refused before or while reading it, with the HTTP status and a message saying why and what is accepted. */
public class UploadRefusedException extends RuntimeException {
    private final HttpStatus status;

    public UploadRefusedException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
