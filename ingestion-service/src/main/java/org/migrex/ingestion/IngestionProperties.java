package org.migrex.ingestion;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ingestion service (docs/configuration.md, section ingestion-service).
 *
 * @param pseudonymSecret  HMAC-SHA-256 key for person ids, at least 32 characters (env MIGREX_INGESTION_PSEUDONYM_SECRET)
 * @param pseudonymKeyVersion version of that key, written beside every pseudonym; change it with the secret
 * @param sources          sources by id: the profile that reads their files and the agency user who owns them
 * @param maxUploadSize    larger uploads get 413
 * @param profilesDir      extra folder of profile YAML files beside the built-in ones
 * @param maxListedErrors  errors listed in detail in a report; further errors are only counted
 * @param retryAfter       Retry-After sent with 503 when Kafka cannot take a batch
 * @param instanceId       this instance's part of the transactional id; set it stable (e.g. the pod name) so a
 *                         restarted instance aborts its predecessor's open transaction at once
 * @param maxConcurrentUploads uploads running at once; more get 503 until one ends
 * @param maxConcurrentUploadsPerUser uploads one user may run at once; more get 429 with Retry-After
 * @param readTimeout      longest wait for the next bytes of a request (server.tomcat.connection-timeout); a stalled
 *                         upload is then aborted and frees its slot
 * @param kafka            producer timeouts and batching
 */
@Validated
@ConfigurationProperties(prefix = "migrex.ingestion")
public record IngestionProperties(
        @NotBlank(message = "migrex.ingestion.pseudonym-secret (environment variable"
                + " MIGREX_INGESTION_PSEUDONYM_SECRET) is required: the HMAC key for person ids, at least 32 characters")
        @Size(min = 32, message = "migrex.ingestion.pseudonym-secret must be at least 32 characters long")
        String pseudonymSecret,
        @DefaultValue("1") @Pattern(regexp = "[A-Za-z0-9._-]{1,32}",
                message = "must be 1 to 32 of A-Z a-z 0-9 . _ -, e.g. 2026-1") String pseudonymKeyVersion,
        @DefaultValue Map<String, @Valid Source> sources,
        @DefaultValue("2GB") @NotNull DataSize maxUploadSize,
        Path profilesDir,
        @DefaultValue("1000") @Min(0) @Max(100_000) int maxListedErrors,
        @DefaultValue("30s") @NotNull Duration retryAfter,
        String instanceId,
        @DefaultValue("8") @Min(1) @Max(1000) int maxConcurrentUploads,
        @DefaultValue("2") @Min(1) @Max(1000) int maxConcurrentUploadsPerUser,
        @DefaultValue("20s") @NotNull Duration readTimeout,
        @DefaultValue @Valid Kafka kafka) {

    /** The usual source id for files in the Migrex template (it exists once configured with an owner). */
    public static final String TEMPLATE_SOURCE = "template";

    /**
     * @param profile id of the profile that reads this source's files (default: the Migrex template)
     * @param owner   the one user (role AGENCY) allowed to upload to it; required, since the source id is the first
     *                part of every record key and whoever may upload to a source may overwrite its records
     */
    public record Source(@DefaultValue("template")
                         @NotBlank(message = "is required: the id of the profile that reads this source's files")
                         String profile,
                         String owner) { // required: checked by Sources, whose message names the dotted key
    }

    /**
     * @param maxBlock           longest wait for metadata, buffer space or a transaction step before the upload is
     *                           refused with 503 (producer max.block.ms)
     * @param requestTimeout     wait for one broker answer (request.timeout.ms)
     * @param deliveryTimeout    wait for a record's acknowledgement, retries included (delivery.timeout.ms)
     * @param transactionTimeout longest upload: the broker aborts a transaction open longer (transaction.timeout.ms,
     *                           at most the broker's transaction.max.timeout.ms, 15 min by default)
     * @param linger             wait to fill a batch (linger.ms)
     * @param batchSize          bytes per partition batch (batch.size)
     * @param compression        compression.type (none, gzip, snappy, lz4, zstd)
     */
    public record Kafka(@DefaultValue("5s") @NotNull Duration maxBlock,
                        @DefaultValue("8s") @NotNull Duration requestTimeout,
                        @DefaultValue("15s") @NotNull Duration deliveryTimeout,
                        @DefaultValue("10m") @NotNull Duration transactionTimeout,
                        @DefaultValue("20ms") @NotNull Duration linger,
                        @DefaultValue("256KB") @NotNull DataSize batchSize,
                        @DefaultValue("lz4") @NotBlank String compression) {
    }
}
