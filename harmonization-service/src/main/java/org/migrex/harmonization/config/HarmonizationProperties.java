package org.migrex.harmonization.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * Settings of the harmonization service.
 *
 * @param referenceDataDir     folder whose reference files extend or override the built-in ones; re-read on replay
 * @param transactionIdPrefix  prefix of the producers' transactional ids; must be stable across restarts of one
 *                             instance and differ between instances (default: {@code migrex-<cc>-harmonization-<host>-})
 * @param concurrency          consumer threads of the raw-records listener (at most the topic's partitions)
 * @param replayBatchSize      quarantined records replayed per Kafka transaction
 * @param maxPollRecords       raw records harmonized per Kafka transaction (one poll is one transaction, so this
 *                             bounds how many commits a large upload costs)
 */
@Validated
@ConfigurationProperties(prefix = "migrex.harmonization")
public record HarmonizationProperties(Path referenceDataDir,
                                      String transactionIdPrefix,
                                      @DefaultValue("1") @Min(1) @Max(64) int concurrency,
                                      @DefaultValue("500") @Min(1) @Max(10000) int replayBatchSize,
                                      @DefaultValue("5000") @Min(1) @Max(50000) int maxPollRecords) {
}
