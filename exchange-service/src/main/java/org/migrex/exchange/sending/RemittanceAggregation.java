package org.migrex.exchange.sending;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.migrex.exchange.dataflow.Cell;
import org.migrex.exchange.dataflow.CellSerde;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.RemittanceFlow;
import org.migrex.schema.RemittancePrice;
import org.migrex.schema.RemittanceRecord;
import org.migrex.schema.Topics;
import org.migrex.statistics.Remittances;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The function {@code remittances}: the accepted rows of the remittance templates on {@code <cc>.remittances} to
 * REMITTANCES cells on {@code <cc>.aggregates} (docs/remittances.md). A separate path beside {@link Aggregation}: the
 * rows carry no person and are not harmonized.
 *
 * <p>Each record version's values ({@link Remittances#observationsOf} for a price point,
 * {@link Remittances#observationsOfFlow} for a flow; REF_AREA is this node) are kept per record key in
 * {@value #RECORD_REMITTANCES}. A new version sends {@code new - old} for every cell either version touches (a
 * tombstone: {@code -old}), so a correction subtracts exactly what the earlier version added. The deltas are
 * repartitioned by period (as the aggregation's, {@link Aggregation.ByPeriod}) and summed per cell with
 * {@link Math#addExact} in {@value #REMITTANCE_CELLS}; every sum is a long, so the result is exact and independent of
 * the order. The cells go to {@code <cc>.aggregates} like the aggregation's ({@code dataflow} REMITTANCES, the sum in
 * {@code count}), where the delivery reads them for the agreements that name REMITTANCES.
 *
 * <p>A record whose fields cannot be read (not written by ingestion's checks) counts nowhere and is logged by key
 * (a source and record id, no person).
 */
public final class RemittanceAggregation implements Consumer<KStream<String, RemittanceRecord>> {
    private static final Logger log = LoggerFactory.getLogger(RemittanceAggregation.class);
    /** Per record key, the cells and values of the record's current version. */
    public static final String RECORD_REMITTANCES = "record-remittances";
    /** Per REMITTANCES cell, the sum of its records' values. */
    public static final String REMITTANCE_CELLS = "remittance-cells";
    private static final CellSerde CELLS = new CellSerde();
    private static final Serde<Map<Cell, Long>> VALUES = Serdes.serdeFrom(
            (topic, values) -> values == null ? null : valuesToText(values).getBytes(StandardCharsets.UTF_8),
            (topic, bytes) -> bytes == null ? null : valuesFromText(new String(bytes, StandardCharsets.UTF_8)));

    private final Topics topics;
    private final Serde<MigrationAggregate> aggregates;

    public RemittanceAggregation(Topics topics, Serde<MigrationAggregate> aggregates) {
        this.topics = topics;
        this.aggregates = aggregates;
    }

    @Override
    public void accept(KStream<String, RemittanceRecord> records) {
        records.process(new DeltasOfRecord(topics.nodeCode()), Named.as("remittance-of-record"))
                .repartition(Repartitioned.with(CELLS, Serdes.Long()).withName("remittance-deltas")
                        .withStreamPartitioner(new Aggregation.ByPeriod<>((cell, delta) -> cell.period())))
                .groupByKey(Grouped.with("remittance-cells-by-key", CELLS, Serdes.Long()))
                .reduce(Math::addExact, Named.as("sum-remittance-cells"),
                        Materialized.<Cell, Long, KeyValueStore<Bytes, byte[]>>as(REMITTANCE_CELLS)
                                .withKeySerde(CELLS).withValueSerde(Serdes.Long()))
                .toStream(Named.as("remittance-cell-updates"))
                .process(Aggregation.ToAggregate::new, Named.as("remittance-to-aggregate"))
                .to(topics.aggregates().name(), Produced.with(Serdes.String(), aggregates)
                        .withName("remittance-aggregates-sink")
                        .withStreamPartitioner(new Aggregation.ByPeriod<>((key, aggregate) ->
                                aggregate.getDimensions().get(Dataflow.TIME_PERIOD))));
    }

    /**
     * The REMITTANCES cells and values of one record version of this node ({@code refArea}); empty for a tombstone
     * or a record that is neither a price point nor a flow. Throws on fields ingestion would not have accepted.
     */
    public static Map<Cell, Long> valuesOf(String refArea, RemittanceRecord r) {
        Map<Cell, Long> values = new LinkedHashMap<>();
        if (r == null) {
            return values;
        }
        List<Remittances.RemittanceObservation> observations;
        if (r.getPrice() != null) {
            RemittancePrice p = r.getPrice();
            observations = Remittances.observationsOf(refArea, new Remittances.PricePoint(r.getSendingArea(),
                    r.getReceivingArea(), r.getQuarter(), Remittances.AmountBand.valueOf(p.getAmountBand()),
                    new BigDecimal(p.getAmountSent()), new BigDecimal(p.getFee()),
                    p.getFxMarginPercent() == null ? null : new BigDecimal(p.getFxMarginPercent())));
        } else if (r.getFlow() != null) {
            RemittanceFlow f = r.getFlow();
            observations = Remittances.observationsOfFlow(refArea, r.getSendingArea(), r.getReceivingArea(),
                    r.getQuarter(), f.getValueUsd(), f.getNationalCurrency(), f.getValueNational());
        } else {
            return values;
        }
        for (Remittances.RemittanceObservation o : observations) {
            Cell cell = Dataflows.REMITTANCES.cellOf(o);
            Dataflows.REMITTANCES.periodType().require("quarter", cell.period());
            values.merge(cell, o.value(), Math::addExact);
        }
        return values;
    }

    /** Record versions to cell deltas, keeping each record's current values (see the class comment). */
    static final class DeltasOfRecord implements ProcessorSupplier<String, RemittanceRecord, Cell, Long> {
        private final String refArea;

        DeltasOfRecord(String refArea) {
            this.refArea = refArea;
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RECORD_REMITTANCES),
                    Serdes.String(), VALUES));
        }

        @Override
        public Processor<String, RemittanceRecord, Cell, Long> get() {
            return new Processor<>() {
                private ProcessorContext<Cell, Long> context;
                private KeyValueStore<String, Map<Cell, Long>> recordValues;

                @Override
                public void init(ProcessorContext<Cell, Long> context) {
                    this.context = context;
                    this.recordValues = context.getStateStore(RECORD_REMITTANCES);
                }

                @Override
                public void process(Record<String, RemittanceRecord> record) {
                    if (record.key() == null) {
                        return; // no record id: nothing a later version could correct
                    }
                    Map<Cell, Long> now;
                    try {
                        now = valuesOf(refArea, record.value());
                    } catch (RuntimeException e) {
                        log.warn("remittance record {} cannot be read, counted nowhere: {}", record.key(),
                                e.toString());
                        now = Map.of();
                    }
                    Map<Cell, Long> stored = recordValues.get(record.key());
                    Map<Cell, Long> before = stored == null ? Map.of() : stored;
                    if (before.equals(now)) {
                        return; // a duplicate
                    }
                    for (Map.Entry<Cell, Long> old : before.entrySet()) {
                        long delta = Math.subtractExact(now.getOrDefault(old.getKey(), 0L), old.getValue());
                        if (delta != 0) {
                            context.forward(new Record<>(old.getKey(), delta, record.timestamp()));
                        }
                    }
                    for (Map.Entry<Cell, Long> added : now.entrySet()) {
                        if (!before.containsKey(added.getKey())) {
                            // also a 0 (COSTED_POINTS of an uncosted point): the cell exists, its value is 0
                            context.forward(new Record<>(added.getKey(), added.getValue(), record.timestamp()));
                        }
                    }
                    if (now.isEmpty()) {
                        recordValues.delete(record.key());
                    } else {
                        recordValues.put(record.key(), now);
                    }
                }
            };
        }
    }

    /** {@code <cell key>=<value>} per line. */
    static String valuesToText(Map<Cell, Long> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((cell, value) -> out.append(cell.key()).append('=').append(value).append('\n'));
        return out.toString();
    }

    static Map<Cell, Long> valuesFromText(String text) {
        Map<Cell, Long> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                int eq = line.lastIndexOf('=');
                values.put(Cell.parse(line.substring(0, eq)), Long.parseLong(line.substring(eq + 1)));
            }
        }
        return values;
    }
}
