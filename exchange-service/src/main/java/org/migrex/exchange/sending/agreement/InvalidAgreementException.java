package org.migrex.exchange.sending.agreement;

/** An agreement file that cannot be used; the message names the file, the agreement and the key. */
public class InvalidAgreementException extends RuntimeException {
    public InvalidAgreementException(String message) {
        super(message);
    }
}
