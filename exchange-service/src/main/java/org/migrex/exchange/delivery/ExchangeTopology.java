package org.migrex.exchange.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.migrex.exchange.agreement.ExchangeAgreement;
import org.migrex.exchange.cube.MigrFlowCell;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Topics;

/**
 * The exchange topology of a node, built by a plain factory method.
 *
 * <pre>
 * &lt;cc&gt;.harmonized.events ─ cell of each flow event ─ KTable record key → cell ("record-cells") ─ groupBy cell ─ count ("cell-counts")
 *   ├─&gt; &lt;cc&gt;.aggregates (MigrationAggregate per cell, compacted)
 *   └─ repartition by TIME_PERIOD ─&gt; DatasetProcessor ("period-cells", "dataset-state")
 *        ├─&gt; exchange.&lt;PARTNER&gt;.inbox (signed ExchangeDataset, key SENDER|dataflow|period)
 *        └─&gt; &lt;cc&gt;.exchange.audit (DeliveryAuditRecord)
 * </pre>
 * Counting over a KTable makes a duplicate change nothing, a correction move its count from the old cell to the new
 * one, and a tombstone subtract it.
 */
public final class ExchangeTopology {
    /** Serdes of the topics the topology reads and writes. */
    public record Serdes4(Serde<HarmonizedMigrationEvent> events, Serde<MigrationAggregate> aggregates,
            Serde<ExchangeDataset> datasets, Serde<DeliveryAuditRecord> audit) {
    }

    private ExchangeTopology() {
    }

    /** Builds the topology of the node whose topics are given. */
    public static Topology build(Topics topics, List<ExchangeAgreement> agreements, Serdes4 serdes,
            DatasetSigner signer, RemoteInboxes remote, DeliveryListener listener, Duration scheduleInterval) {
        StreamsBuilder builder = new StreamsBuilder();
        // The table keeps, per record key, only the cell the record counts in (null for events that are not flows):
        // a few dozen bytes instead of the whole event, and no Avro round trip per state-store access. Profiling the
        // benchmark showed the full-event table (serialize on put, deserialize the old value for every update) as the
        // stage that bounded the pipeline. A tombstone, or a correction into a non-flow event, deletes the entry, so
        // its count is subtracted; a duplicate replaces the entry with the same cell and changes no count.
        KTable<String, String> recordCells = builder.stream(topics.harmonizedEvents().name(),
                        Consumed.with(Serdes.String(), serdes.events()).withName("harmonized-events"))
                .mapValues(event -> event == null || event.getFlow() == null ? null : MigrFlowCell.of(event).key(),
                        Named.as("cell-of-event"))
                .toTable(Named.as("record-cells"),
                        Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("record-cells")
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        KTable<String, Long> cellCounts = recordCells
                .groupBy((key, cell) -> KeyValue.pair(cell, 1L), Grouped.with("cells", Serdes.String(), Serdes.Long()))
                .count(Named.as("count-cells"),
                        Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("cell-counts")
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        KStream<String, Long> cellUpdates = cellCounts.toStream(Named.as("cell-updates"));

        cellUpdates.processValues(AggregateRecord::new, Named.as("to-aggregate"))
                .to(topics.aggregates().name(), Produced.with(Serdes.String(), serdes.aggregates())
                        .withName("aggregates-sink"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DatasetProcessor.PERIOD_CELLS),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DatasetProcessor.DATASET_STATE), Serdes.String(), Serdes.String()));
        String sender = topics.nodeCode();
        KStream<String, SpecificRecord> deliveries = cellUpdates
                .repartition(Repartitioned.<String, Long>with(Serdes.String(), Serdes.Long())
                        .withName("cells-by-period").withStreamPartitioner(new ByPeriod()))
                .process(() -> new DatasetProcessor(sender, agreements, signer, remote, listener, scheduleInterval),
                        Named.as("datasets"), DatasetProcessor.PERIOD_CELLS, DatasetProcessor.DATASET_STATE);
        deliveries.split(Named.as("delivery-"))
                .branch((key, value) -> value instanceof ExchangeDataset, Branched.withConsumer(datasets -> datasets
                        .mapValues(value -> (ExchangeDataset) value, Named.as("as-dataset"))
                        .to((key, dataset, context) -> Topics.inbox(dataset.getReceiver()).name(),
                                Produced.with(Serdes.String(), serdes.datasets()).withName("inbox-sink")),
                        "datasets"))
                .branch((key, value) -> value instanceof DeliveryAuditRecord, Branched.withConsumer(audit -> audit
                        .mapValues(value -> (DeliveryAuditRecord) value, Named.as("as-audit"))
                        .to(topics.exchangeAudit().name(),
                                Produced.with(Serdes.String(), serdes.audit()).withName("audit-sink")),
                        "audit"));
        return builder.build();
    }

    /** All cells of one period go to one partition, so one task sees a period's whole table. */
    static final class ByPeriod implements StreamPartitioner<String, Long> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, Long value, int numPartitions) {
            byte[] period = MigrFlowCell.parse(key).period().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(period)) % numPartitions));
        }
    }

    /** The aggregate record of a cell update; updatedAt is the update's record time. */
    static final class AggregateRecord implements FixedKeyProcessor<String, Long, MigrationAggregate> {
        private FixedKeyProcessorContext<String, MigrationAggregate> context;

        @Override
        public void init(FixedKeyProcessorContext<String, MigrationAggregate> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, Long> record) {
            MigrFlowCell cell = MigrFlowCell.parse(record.key());
            context.forward(record.withValue(new MigrationAggregate(MigrFlowCell.DATAFLOW, cell.dimensions(),
                    record.value() == null ? 0L : record.value(), Instant.ofEpochMilli(record.timestamp()))));
        }
    }
}
