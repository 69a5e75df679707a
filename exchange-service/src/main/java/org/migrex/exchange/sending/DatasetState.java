package org.migrex.exchange.sending;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.migrex.exchange.dataflow.DatasetStatus;

/**
 * What the node remembers of one (agreement, period) dataset, kept in a changelogged state store so that revisions
 * survive a restart.
 *
 * @param revision revision last delivered (0: never delivered)
 * @param lastAttemptAt epoch milliseconds of the last delivery or delivery attempt (0: never)
 * @param dirty whether the period's cells changed since the last delivery (never set once the dataset is FINAL: late
 *              changes are held instead)
 * @param status status last delivered; null before the first delivery
 * @param contentHash hash of the last delivered observations and status, to skip re-sending an unchanged table
 * @param agreementVersion version of the agreement under which it was last delivered
 * @param lateChangesHeld cell changes that arrived after the dataset became FINAL and wait for an operator's revision
 * @param lateChangesAudited how many of those the audit already reported (LATE_CHANGES_HELD)
 * @param revisionReason the operator's reason of the last revision of the FINAL dataset; null if none
 */
record DatasetState(long revision, long lastAttemptAt, boolean dirty, DatasetStatus status, String contentHash,
        int agreementVersion, long lateChangesHeld, long lateChangesAudited, String revisionReason) {

    static final DatasetState NEW = new DatasetState(0, 0, true, null, "", 0, 0, 0, null);

    DatasetState(long revision, long lastAttemptAt, boolean dirty, DatasetStatus status, String contentHash,
            int agreementVersion) {
        this(revision, lastAttemptAt, dirty, status, contentHash, agreementVersion, 0, 0, null);
    }

    /** Parses {@link #format()}; the six-field form written before late changes were held reads as none held. */
    static DatasetState parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(";", -1);
        boolean held = parts.length >= 9;
        return new DatasetState(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Boolean.parseBoolean(parts[2]),
                parts[3].isEmpty() ? null : DatasetStatus.valueOf(parts[3]), parts[4], Integer.parseInt(parts[5]),
                held ? Long.parseLong(parts[6]) : 0, held ? Long.parseLong(parts[7]) : 0,
                held && !parts[8].isEmpty()
                        ? new String(Base64.getUrlDecoder().decode(parts[8]), StandardCharsets.UTF_8) : null);
    }

    /** Fields joined by ';'; the reason, free text, in URL-safe Base64 so that it cannot hold a separator. */
    String format() {
        return revision + ";" + lastAttemptAt + ";" + dirty + ";" + (status == null ? "" : status.name()) + ";"
                + contentHash + ";" + agreementVersion + ";" + lateChangesHeld + ";" + lateChangesAudited + ";"
                + (revisionReason == null ? ""
                        : Base64.getUrlEncoder().encodeToString(revisionReason.getBytes(StandardCharsets.UTF_8)));
    }

    boolean isFinal() {
        return status == DatasetStatus.FINAL;
    }

    DatasetState markDirty() {
        return new DatasetState(revision, lastAttemptAt, true, status, contentHash, agreementVersion, lateChangesHeld,
                lateChangesAudited, revisionReason);
    }

    /** One more late change held (the dataset is FINAL). */
    DatasetState holdLateChange() {
        return new DatasetState(revision, lastAttemptAt, false, status, contentHash, agreementVersion,
                lateChangesHeld + 1, lateChangesAudited, revisionReason);
    }

    /** The held changes up to now are in the audit. */
    DatasetState markLateChangesAudited() {
        return new DatasetState(revision, lastAttemptAt, dirty, status, contentHash, agreementVersion,
                lateChangesHeld, lateChangesHeld, revisionReason);
    }

    /** Nothing is due: the table equals the last delivered one (the attempt time and held changes stay). */
    DatasetState clean(int currentAgreementVersion) {
        return new DatasetState(revision, lastAttemptAt, false, status, contentHash, currentAgreementVersion,
                lateChangesHeld, lateChangesAudited, revisionReason);
    }

    /** The same state with the last attempt set to {@code at} (the debounce counts from there). */
    DatasetState attemptedAt(long at) {
        return new DatasetState(revision, at, dirty, status, contentHash, agreementVersion, lateChangesHeld,
                lateChangesAudited, revisionReason);
    }

    /** A delivery was tried at {@code at} and not sent; it is tried again when the cells change. */
    DatasetState attempted(long at) {
        return new DatasetState(revision, at, false, status, contentHash, agreementVersion, lateChangesHeld,
                lateChangesAudited, revisionReason);
    }
}
