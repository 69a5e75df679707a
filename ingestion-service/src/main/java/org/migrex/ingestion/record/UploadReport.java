package org.migrex.ingestion.record;

import java.util.List;

/**
 * The answer to an upload.
 *
 * @param batchId         id of the upload, written into every record's provenance (one Kafka transaction)
 * @param source          the source uploaded to
 * @param profile         the profile that read the file
 * @param received        rows read (blank lines not counted)
 * @param accepted        rows written to Kafka, committed
 * @param rejected        rows refused, see errors
 * @param errors          the first errors in detail, in file order (at most the configured number)
 * @param errorsNotListed errors beyond those listed
 */
public record UploadReport(String batchId, String source, String profile, long received, long accepted,
                           long rejected, List<RowError> errors, long errorsNotListed) {
}
