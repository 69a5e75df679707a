package org.migrex.localstack;

/**
 * The local stack could not start or stop a child process. The message names the process, what was
 * expected of it and, when the child wrote a log, ends with the last lines of that log.
 */
public class LocalStackException extends RuntimeException {

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
