package org.migrex.exchange.sending;

import org.migrex.exchange.dataflow.DatasetStatus;

/**
 * What the node remembers of one (agreement, period) dataset, kept in a changelogged state store so that revisions
 * survive a restart.
 *
 * @param revision revision last delivered (0: never delivered)
 * @param lastAttemptAt epoch milliseconds of the last delivery or delivery attempt (0: never)
 * @param dirty whether the period's cells changed since the last delivery
 * @param status status last delivered; null before the first delivery
 * @param contentHash hash of the last delivered observations and status, to skip re-sending an unchanged table
 * @param agreementVersion version of the agreement under which it was last delivered
 */
record DatasetState(long revision, long lastAttemptAt, boolean dirty, DatasetStatus status, String contentHash,
        int agreementVersion) {

    static final DatasetState NEW = new DatasetState(0, 0, true, null, "", 0);

    static DatasetState parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(";", -1);
        return new DatasetState(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Boolean.parseBoolean(parts[2]),
                parts[3].isEmpty() ? null : DatasetStatus.valueOf(parts[3]), parts[4], Integer.parseInt(parts[5]));
    }

    String format() {
        return revision + ";" + lastAttemptAt + ";" + dirty + ";" + (status == null ? "" : status.name()) + ";" + contentHash + ";"
                + agreementVersion;
    }

    DatasetState markDirty() {
        return new DatasetState(revision, lastAttemptAt, true, status, contentHash, agreementVersion);
    }
}
