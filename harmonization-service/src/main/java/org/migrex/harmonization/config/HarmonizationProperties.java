package org.migrex.harmonization.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

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
 * @param sources             sources by id with the agency user who owns them, as ingestion's
 *                            {@code migrex.ingestion.sources}; an agency sees the quarantine of its own sources only
 */
@Validated
@ConfigurationProperties(prefix = "migrex.harmonization")
public record HarmonizationProperties(Path referenceDataDir,
                                      @DefaultValue("500") @Min(1) @Max(10000) int replayBatchSize,
                                      @DefaultValue("200ms") @NotNull Duration replayCheckInterval,
                                      @DefaultValue("5m") @NotNull Duration replayTimeout,
                                      @DefaultValue Map<@Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
                                              message = "a source id is 1-64 of A-Z a-z 0-9 . _ -") String,
                                              @Valid @NotNull Source> sources) {

    /** @param owner the one user (role AGENCY) who owns the source, the same as ingestion's owner of it */
    public record Source(@NotBlank(message = "is required: the one agency user who owns the source, as"
            + " migrex.ingestion.sources.<id>.owner") String owner) {
    }

    /** The ids of the sources whose owner is {@code user} (exact, case-sensitive match of the user name). */
    public SortedSet<String> sourcesOwnedBy(String user) {
        SortedSet<String> owned = new TreeSet<>();
        sources.forEach((id, source) -> {
            if (source.owner().strip().equals(user)) {
                owned.add(id);
            }
        });
        return owned;
    }
}
