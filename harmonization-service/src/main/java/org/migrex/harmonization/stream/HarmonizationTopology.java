package org.migrex.harmonization.stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.migrex.harmonization.reference.ReferenceData;
import org.migrex.harmonization.rules.Harmonizer;
import org.migrex.schema.QuarantinedRecord;
import org.migrex.schema.RawMigrationRecord;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The harmonization topology as a function from the raw records to its two outputs, in binding order:
 * {@code [0]} harmonized events (and their tombstones), {@code [1]} quarantine entries (and their tombstones),
 * {@code [2]} MIGR_QUALITY's quarantine counters ({@code IntakeQualityDelta}: ±1 when a record enters or leaves
 * quarantine, or its reasons change).
 * The Spring Cloud Stream Kafka Streams binder applies it as the {@code harmonize} function; the
 * {@code TopologyTestDriver} tests apply the very same object to a plain {@code StreamsBuilder}.
 *
 * <p>The processor ({@link HarmonizationProcessor}) brings its own two state stores through
 * {@link ProcessorSupplier#stores()}, so whoever builds the topology gets them: {@value #QUARANTINE_STORE} (record key
 * to the quarantined record: what is in quarantine now, read by the REST report through interactive queries) and
 * {@value #REPLAY_STORE} (the cursor of a running replay). Both are persistent and changelogged, so they are
 * restored exactly as the last committed transaction left them.
 */
public class HarmonizationTopology
        implements Function<KStream<String, RawMigrationRecord>, KStream<String, SpecificRecord>[]> {
    public static final String QUARANTINE_STORE = "migrex-quarantine";
    public static final String REPLAY_STORE = "migrex-quarantine-replay";
    static final String PROCESSOR = "harmonize-processor";

    private final Harmonizer harmonizer;
    private final Supplier<ReferenceData> reference;
    private final Clock clock;
    private final HarmonizationMetrics metrics;
    private final QuarantineReplay replay;
    private final Serde<QuarantinedRecord> quarantineSerde;
    private final int replayChunkSize;
    private final Duration replayCheckInterval;

    /**
     * @param quarantineSerde     values of the quarantine store (and so of its changelog)
     * @param replayChunkSize     quarantined records replayed per punctuation (and so at most per transaction)
     * @param replayCheckInterval how often (wall clock) a task looks for a replay request or its next chunk
     */
    public HarmonizationTopology(Harmonizer harmonizer, Supplier<ReferenceData> reference, Clock clock,
                                 HarmonizationMetrics metrics, QuarantineReplay replay,
                                 Serde<QuarantinedRecord> quarantineSerde, int replayChunkSize,
                                 Duration replayCheckInterval) {
        this.harmonizer = harmonizer;
        this.reference = reference;
        this.clock = clock;
        this.metrics = metrics;
        this.replay = replay;
        this.quarantineSerde = quarantineSerde;
        this.replayChunkSize = replayChunkSize;
        this.replayCheckInterval = replayCheckInterval;
    }

    @Override
    @SuppressWarnings("unchecked")
    public KStream<String, SpecificRecord>[] apply(KStream<String, RawMigrationRecord> raw) {
        Map<String, KStream<String, HarmonizationOutput>> branches = raw
                .process(new ProcessorWithStores(), Named.as(PROCESSOR))
                .split(Named.as("harmonize-"))
                .branch((key, out) -> out.to() == HarmonizationOutput.Destination.HARMONIZED_EVENTS,
                        Branched.as("events"))
                .branch((key, out) -> out.to() == HarmonizationOutput.Destination.QUARANTINE,
                        Branched.as("quarantine"))
                .branch((key, out) -> out.to() == HarmonizationOutput.Destination.INTAKE_QUALITY,
                        Branched.as("intake-quality"))
                .noDefaultBranch();
        return new KStream[] {
                branches.get("harmonize-events").mapValues(HarmonizationOutput::value, Named.as("harmonize-event-value")),
                branches.get("harmonize-quarantine").mapValues(HarmonizationOutput::value,
                        Named.as("harmonize-quarantine-value")),
                branches.get("harmonize-intake-quality").mapValues(HarmonizationOutput::value,
                        Named.as("harmonize-intake-quality-value"))};
    }

    private final class ProcessorWithStores implements ProcessorSupplier<String, RawMigrationRecord, String, HarmonizationOutput> {
        @Override
        public Processor<String, RawMigrationRecord, String, HarmonizationOutput> get() {
            return new HarmonizationProcessor(harmonizer, reference, clock, metrics, replay, replayChunkSize,
                    replayCheckInterval);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            StoreBuilder<KeyValueStore<String, QuarantinedRecord>> quarantine = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(QUARANTINE_STORE), Serdes.String(), quarantineSerde);
            StoreBuilder<KeyValueStore<String, String>> replayState = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(REPLAY_STORE), Serdes.String(), Serdes.String());
            return Set.of(quarantine, replayState);
        }
    }
}
