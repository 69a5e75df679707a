package org.migrex.ingestion.web;

/**
 * The JSON body of every error answer (the same shape node-common's security answers use).
 *
 * @param status  HTTP status
 * @param error   its reason phrase
 * @param message what is wrong and what would be accepted
 */
public record ApiError(int status, String error, String message) {
}
