package org.migrex.exchange.sending;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.migrex.exchange.dataflow.CellSerde;
import org.migrex.exchange.dataflow.MigrFlowCell;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Topics;

/**
 * The aggregation function: harmonized events to {@code MIGR_FLOW} cube cells on {@code <cc>.aggregates}.
 *
 * <pre>
 * &lt;cc&gt;.harmonized.events ─ cell deltas ("record-cells": record key → cell) ─ repartition by TIME_PERIOD ("cell-deltas")
 *   ─ sum of the deltas per cell, a cached table ("cell-counts": cell → count) ─&gt; &lt;cc&gt;.aggregates (partitioned by TIME_PERIOD)
 * </pre>
 * Rule: for each record key the store keeps the cell its current version counts in. A new version whose cell equals
 * the stored one (a duplicate) emits nothing; otherwise it emits {@code -1} for the old cell and {@code +1} for the new
 * one; a tombstone, or a version that is not a flow (only IMM and EMI count), emits only the {@code -1}. The deltas of
 * a cell meet in one task (partitioned by period), which adds them to the cell's count and writes the cell's new
 * count. Under exactly-once the store updates, the deltas and the counts commit together, so a crash neither loses
 * nor repeats a delta.
 *
 * <p>A plain factory: the binder applies it to the bound {@code aggregation-in-0} stream, and the topology tests
 * apply the same object to a {@code StreamsBuilder} stream. The sink is written here rather than bound, because it
 * needs its partitioner: {@code <cc>.aggregates} is partitioned by period, so that the delivery, which needs every
 * cell of a period in one task, reads it without another repartition.
 */
public final class Aggregation implements Consumer<KStream<String, HarmonizedMigrationEvent>> {
    public static final String RECORD_CELLS = "record-cells";
    public static final String CELL_COUNTS = "cell-counts";
    private static final CellSerde CELLS = new CellSerde();

    private final Topics topics;
    private final Serde<MigrationAggregate> aggregates;

    public Aggregation(Topics topics, Serde<MigrationAggregate> aggregates) {
        this.topics = topics;
        this.aggregates = aggregates;
    }

    @Override
    public void accept(KStream<String, HarmonizedMigrationEvent> events) {
        events.process(new CellDeltas(), Named.as("cell-deltas-of-record"))
                .repartition(Repartitioned.with(CELLS, Serdes.Long()).withName("cell-deltas")
                        .withStreamPartitioner(new ByPeriod<>((cell, delta) -> cell.period())))
                // a table, not a processor, for the counts: its cache coalesces the updates of a cell between commits
                // (flushed before each commit, so exactly-once holds), so the count's changelog, the aggregates and the
                // delivery's store see about one write per cell and commit instead of one per record
                .groupByKey(Grouped.with("cells", CELLS, Serdes.Long()))
                .reduce(Long::sum, Named.as("count-cells"),
                        Materialized.<MigrFlowCell, Long, KeyValueStore<Bytes, byte[]>>as(CELL_COUNTS)
                                .withKeySerde(CELLS).withValueSerde(Serdes.Long()))
                .toStream(Named.as("cell-updates"))
                .process(ToAggregate::new, Named.as("to-aggregate"))
                .to(topics.aggregates().name(), Produced.with(Serdes.String(), aggregates).withName("aggregates-sink")
                        .withStreamPartitioner(new ByPeriod<>((key, aggregate) ->
                                aggregate.getDimensions().get(MigrFlowCell.TIME_PERIOD))));
    }

    /**
     * Partitions by the period alone, so every cell of a period lands in one partition; the same hash on the
     * repartition topic and on {@code <cc>.aggregates}.
     */
    public static final class ByPeriod<K, V> implements StreamPartitioner<K, V> {
        private final java.util.function.BiFunction<K, V, String> period;

        public ByPeriod(java.util.function.BiFunction<K, V, String> period) {
            this.period = period;
        }

        @Override
        public Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions) {
            return Optional.of(Set.of(partition(period.apply(key, value), numPartitions)));
        }

        static int partition(String period, int numPartitions) {
            return Utils.toPositive(Utils.murmur2(period.getBytes(StandardCharsets.UTF_8))) % numPartitions;
        }
    }

    /** Record versions to cell deltas (see the class comment), keeping the record's current cell. */
    static final class CellDeltas implements ProcessorSupplier<String, HarmonizedMigrationEvent, MigrFlowCell, Long> {
        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RECORD_CELLS), Serdes.String(),
                    CELLS));
        }

        @Override
        public Processor<String, HarmonizedMigrationEvent, MigrFlowCell, Long> get() {
            return new Processor<>() {
                private ProcessorContext<MigrFlowCell, Long> context;
                private KeyValueStore<String, MigrFlowCell> recordCells;

                @Override
                public void init(ProcessorContext<MigrFlowCell, Long> context) {
                    this.context = context;
                    this.recordCells = context.getStateStore(RECORD_CELLS);
                }

                @Override
                public void process(Record<String, HarmonizedMigrationEvent> record) {
                    if (record.key() == null) {
                        return; // not a record of any source: nothing to replace or delete later
                    }
                    MigrFlowCell now = MigrFlowCell.of(record.value());
                    MigrFlowCell before = recordCells.get(record.key());
                    if (Objects.equals(before, now)) {
                        return;
                    }
                    if (before != null) {
                        context.forward(new Record<>(before, -1L, record.timestamp()));
                    }
                    if (now != null) {
                        context.forward(new Record<>(now, 1L, record.timestamp()));
                        recordCells.put(record.key(), now);
                    } else {
                        recordCells.delete(record.key());
                    }
                }
            };
        }
    }

    /**
     * A cell's new count as its aggregate, keyed by the cell key; updatedAt is the update's record time. A cell that
     * falls to 0 stays on the compacted topic with count 0 (partners' views drop it).
     */
    static final class ToAggregate implements Processor<MigrFlowCell, Long, String, MigrationAggregate> {
        private ProcessorContext<String, MigrationAggregate> context;

        @Override
        public void init(ProcessorContext<String, MigrationAggregate> context) {
            this.context = context;
        }

        @Override
        public void process(Record<MigrFlowCell, Long> update) {
            long count = update.value() == null ? 0 : update.value();
            context.forward(new Record<>(update.key().key(), new MigrationAggregate(MigrFlowCell.DATAFLOW,
                    update.key().dimensions(), count, Instant.ofEpochMilli(update.timestamp())), update.timestamp()));
        }
    }
}
