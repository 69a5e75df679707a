package org.migrex.exchange.sending;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.RevisionRequest;
import org.migrex.schema.Topics;
import org.migrex.exchange.dataflow.Cell;
import org.migrex.exchange.dataflow.Dataflows;

/**
 * The delivery function: cube cells from {@code <cc>.aggregates} (partitioned by period) to signed,
 * disclosure-controlled datasets per agreement.
 *
 * <pre>
 * &lt;cc&gt;.aggregates ─┐
 * &lt;cc&gt;.exchange.revision-requests ─┴─&gt; datasets ("period-cells", "dataset-state", "published-tables")
 *   ├─&gt; exchange.&lt;PARTNER&gt;.inbox          partner on this node's cluster; key SENDER|dataflow|period
 *   ├─&gt; &lt;cc&gt;.exchange.outbox.&lt;partner&gt;  partner that pulls (its MirrorMaker 2); key SENDER|dataflow|period
 *   ├─&gt; &lt;cc&gt;.exchange.outbox               partner on another cluster; key RECEIVER|SENDER|dataflow|period (forwarded later)
 *   └─&gt; &lt;cc&gt;.exchange.audit         DeliveryAuditRecord per delivery
 * </pre>
 * Every output is a topic of the node's own cluster, written in the exactly-once transaction that also moves the
 * dataset's revision; crossing to another cluster is the {@link Forwarding} function's job, off this stream thread.
 * Both inputs are partitioned by period (the requests with the aggregates' hash, {@link Aggregation.ByPeriod}), so
 * an operator's revision request reaches the task that holds its period's cells and state, and is applied in that
 * task's exactly-once transaction: one request, one revision (or one REVISION_DECLINED).
 * A plain factory, applied by the binder to {@code delivery-in-0} and {@code delivery-in-1} and by the topology tests
 * to a builder's streams.
 */
public final class Delivery
        implements BiConsumer<KStream<String, MigrationAggregate>, KStream<String, RevisionRequest>> {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Delivery.class);
    /** The store of every delivered revision's table ({@link org.migrex.exchange.sending.cube.PublishedTable}), for
     * readers outside this package (the disclosure audit, the portal's public pages). */
    public static final String PUBLISHED_TABLES = DatasetProcessor.PUBLISHED_TABLES;

    /** Serdes of the topics the delivery writes. */
    public record Serdes2(Serde<ExchangeDataset> datasets, Serde<DeliveryAuditRecord> audit) {
    }

    private final Topics topics;
    private final List<ExchangeAgreement> agreements;
    private final Serdes2 serdes;
    private final DatasetSigner signer;
    private final Function<String, DeliveryRoute> route;
    private final DeliveryListener listener;
    private final Duration scheduleInterval;
    private final java.util.function.LongSupplier nanoClock;

    /**
     * @param route where a partner's (ISO alpha-3) datasets are written
     * @param scheduleInterval how often pending datasets are checked (wall clock)
     */
    public Delivery(Topics topics, List<ExchangeAgreement> agreements, Serdes2 serdes, DatasetSigner signer,
            Function<String, DeliveryRoute> route, DeliveryListener listener, Duration scheduleInterval) {
        this(topics, agreements, serdes, signer, route, listener, scheduleInterval, System::nanoTime);
    }

    private Delivery(Topics topics, List<ExchangeAgreement> agreements, Serdes2 serdes, DatasetSigner signer,
            Function<String, DeliveryRoute> route, DeliveryListener listener, Duration scheduleInterval,
            java.util.function.LongSupplier nanoClock) {
        this.topics = topics;
        this.agreements = List.copyOf(agreements);
        this.serdes = serdes;
        this.signer = signer;
        this.route = route;
        this.listener = listener;
        this.scheduleInterval = scheduleInterval;
        this.nanoClock = nanoClock;
    }

    /** The same delivery timing its attempts with another clock (a test's, for attempts of a known duration). */
    Delivery withNanoClock(java.util.function.LongSupplier clock) {
        return new Delivery(topics, agreements, serdes, signer, route, listener, scheduleInterval, clock);
    }

    @Override
    public void accept(KStream<String, MigrationAggregate> cells, KStream<String, RevisionRequest> revisions) {
        String sender = topics.nodeCode();
        ProcessorSupplier<String, DatasetInput, String, SpecificRecord> datasets = new ProcessorSupplier<>() {
            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DatasetProcessor.PERIOD_CELLS),
                                Serdes.String(), Serdes.Long()),
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DatasetProcessor.DATASET_STATE),
                                Serdes.String(), Serdes.String()),
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DatasetProcessor.PUBLISHED_TABLES),
                                Serdes.String(), Serdes.String()));
            }

            @Override
            public DatasetProcessor get() {
                return new DatasetProcessor(sender, agreements, signer, listener, scheduleInterval, nanoClock);
            }
        };
        // the typed cell from the aggregate's dataflow and dimension map; only a tombstone (never written by the
        // aggregation, but the topic is compacted) falls back to the text key. A cell of a dataflow this node does
        // not know (written by a newer version) is left out: no agreement can cover it
        cells.filter((key, aggregate) -> known(key, aggregate), Named.as("cells-of-known-dataflows"))
                .<String, DatasetInput>map((key, aggregate) -> KeyValue.pair(key, aggregate == null
                        ? new DatasetInput.CellCount(Cell.parse(key), 0L)
                        : new DatasetInput.CellCount(Cell.of(Dataflows.require(aggregate.getDataflow()),
                                aggregate.getDimensions()), aggregate.getCount())),
                        Named.as("cell-and-count"))
                .merge(revisions.filter((key, request) -> request != null, Named.as("revision-requests"))
                        .<DatasetInput>mapValues(DatasetInput.Revision::new, Named.as("as-revision")),
                        Named.as("cells-and-revision-requests"))
                .process(datasets, Named.as("datasets"))
                // a dataset routed PUBLISH (the PUBLIC release) matches no branch: kept in published-tables only
                .split(Named.as("delivery-"))
                .branch((key, value) -> routed(value, DeliveryRoute.INBOX),
                        Branched.withConsumer(local -> local
                                .mapValues(value -> (ExchangeDataset) value, Named.as("as-dataset"))
                                .to((key, dataset, context) -> Topics.inbox(dataset.getReceiver()).name(),
                                        Produced.with(Serdes.String(), serdes.datasets()).withName("inbox-sink")),
                                "inbox"))
                .branch((key, value) -> routed(value, DeliveryRoute.PULL), Branched.withConsumer(pulled -> pulled
                                .mapValues(value -> (ExchangeDataset) value, Named.as("as-pulled-dataset"))
                                .to((key, dataset, context) -> topics.outboxFor(dataset.getReceiver()).name(),
                                        Produced.with(Serdes.String(), serdes.datasets()).withName("pull-outbox-sink")),
                        "pull-outbox"))
                .branch((key, value) -> routed(value, DeliveryRoute.FORWARD), Branched.withConsumer(remote -> remote
                                .map((key, value) -> {
                                    ExchangeDataset d = (ExchangeDataset) value;
                                    return KeyValue.pair(Topics.outboxKey(d.getReceiver(), d.getSender(),
                                            d.getDataflow(), d.getPeriod()), d);
                                }, Named.as("to-outbox-key"))
                                .to(topics.outbox().name(),
                                        Produced.with(Serdes.String(), serdes.datasets()).withName("outbox-sink")),
                        "outbox"))
                .branch((key, value) -> value instanceof DeliveryAuditRecord, Branched.withConsumer(audit -> audit
                        .mapValues(value -> (DeliveryAuditRecord) value, Named.as("as-audit"))
                        .to(topics.exchangeAudit().name(),
                                Produced.with(Serdes.String(), serdes.audit()).withName("audit-sink")),
                        "audit"));
    }

    private boolean routed(Object value, DeliveryRoute expected) {
        return value instanceof ExchangeDataset dataset && route.apply(dataset.getReceiver()) == expected;
    }

    private static boolean known(String key, MigrationAggregate aggregate) {
        if (aggregate == null) {
            return key != null; // a tombstone names its cell by its key only
        }
        if (Dataflows.find(aggregate.getDataflow()).isEmpty()) {
            log.warn("aggregate {} is of dataflow '{}', which this node does not know ({}); not delivered", key,
                    aggregate.getDataflow(), Dataflows.ids());
            return false;
        }
        return true;
    }
}
