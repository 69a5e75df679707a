package org.migrex.harmonization.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the harmonization service. Kafka Streams settings (threads, commit interval, state directory) are the
 * binder's: {@code spring.cloud.stream.kafka.streams.binder.configuration.*} (docs/configuration.md).
 *
 * @param referenceDataDir    folder whose reference files extend or override the built-in ones; re-read on replay
 * @param replayBatchSize     quarantined records a stream task replays per punctuation, so at most per transaction
 *                            (the live stream runs between two of them)
 * @param replayCheckInterval how often a stream task looks for a replay request or its next chunk (wall clock)
 * @param replayTimeout       how long {@code POST /api/v1/quarantine/replay} waits for the replay to finish before
 *                            answering 202 with the counts so far (the replay goes on inside the stream)
 */
@Validated
@ConfigurationProperties(prefix = "migrex.harmonization")
public record HarmonizationProperties(Path referenceDataDir,
                                      @DefaultValue("500") @Min(1) @Max(10000) int replayBatchSize,
                                      @DefaultValue("200ms") @NotNull Duration replayCheckInterval,
                                      @DefaultValue("5m") @NotNull Duration replayTimeout) {
}
