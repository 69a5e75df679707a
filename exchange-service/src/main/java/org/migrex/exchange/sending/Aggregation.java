package org.migrex.exchange.sending;

import java.nio.charset.StandardCharsets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.Optional;
import java.util.Set;
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
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.migrex.exchange.dataflow.Cell;
import org.migrex.exchange.dataflow.CellSerde;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.IntakeQualityDelta;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Topics;
import org.migrex.statistics.Acquisitions;
import org.migrex.statistics.Permits;
import org.migrex.statistics.PersonHistory;
import org.migrex.statistics.Quality;
import org.migrex.statistics.Registration;
import org.migrex.statistics.Stock;

/**
 * The aggregation function: harmonized events to the cube cells of every dataflow on {@code <cc>.aggregates}:
 * {@code MIGR_FLOW} v2 counting persons, not registrations (statistical definitions v2,
 * {@code org.migrex.statistics.PersonHistory}), {@code MIGR_STOCK} counting long-term migrants resident on the first
 * day of each month up to the current one ({@code org.migrex.statistics.Stock}), {@code MIGR_PERMITS} counting
 * permits issued (events, {@code org.migrex.statistics.Permits}), {@code MIGR_ACQ} counting persons granted citizenship
 * ({@code org.migrex.statistics.Acquisitions}) and {@code MIGR_QUALITY} counting records by why they do or do not
 * count ({@code org.migrex.statistics.Quality}).
 *
 * <pre>
 * &lt;cc&gt;.harmonized.events ─┬─ the record's person ("record-persons": record key → pseudonym) ─ repartition by
 *                          │  pseudonym ("person-updates") ─ the person's history ("person-histories": pseudonym →
 *                          │  PersonHistory; "person-grants": pseudonym → grants) ─ MIGR_FLOW and MIGR_QUALITY
 *                          │  (COUNTED, unknowns, RENEWAL) deltas of the registrations that start or stop counting or
 *                          │  being renewals; MIGR_STOCK deltas of the months whose cell changed, up to the
 *                          │  horizon ("stock-horizon": pseudonym → month sent up to, for persons who can count
 *                          │  later; a wall-clock punctuation adds them to each month that starts), summed per
 *                          │  cell as month-range differences ("pending-stock-changes") and sent on per cell and
 *                          │  month every migrex.exchange.stock.flush-interval, past the other dataflows' summing;
 *                          │  MIGR_ACQ deltas when the person's earliest grant changes cell
 *                          ├─ the record's permit cell ("record-permits": record key → MIGR_PERMITS cell) ─ its deltas
 *                          └─ the record's quality cells ("record-quality": record key → MIGR_QUALITY cells of
 *                             REGISTRATIONS and its out-of-scope reason) ─ their deltas
 * &lt;cc&gt;.intake.quality ── MIGR_QUALITY's intake counters (rows of uploads, records in quarantine), already deltas
 *   ─ merged, summed per cell in the task ("pending-deltas", flushed every commit interval) ─ repartition by
 *   TIME_PERIOD ("cell-deltas") ─ sum of the deltas per cell, a cached table ("cell-counts": cell → count)
 *   ─&gt; &lt;cc&gt;.aggregates (partitioned by TIME_PERIOD)
 * </pre>
 * <b>MIGR_FLOW.</b> Only in-scope registrations ({@code scope IN_SCOPE}, FLOW IMM or EMI) reach a person; every
 * other event (crossings, permits, out of scope, harmonized before v2) costs one store read and stops. For each record
 * key "record-persons" keeps the person its current version belongs to. A version of another person, or one that is
 * no longer an in-scope registration, sends a removal to the old person; an in-scope version goes to its person. The
 * person's history applies it and emits {@code -1} for each registration that stopped counting and {@code +1} for
 * each that started (a correction or deletion can make a later registration count, or stop a renewal from being one);
 * a duplicate changes nothing and emits nothing.
 *
 * <p><b>MIGR_STOCK.</b> From the same person history: each change moves the person in every month from
 * {@link Stock#firstAffectedMonth} to the horizon whose cell changed ({@link Stock#moves}: {@code -1} old cell,
 * {@code +1} new one). The horizon is the current month in {@code migrex.exchange.stock.zone}; a month that has not
 * started is never counted, since its figure would be a forecast taken back by every departure. A person who can still
 * count in a later month ({@link Stock#canCountAfter}) is kept in "stock-horizon" with the month their stock was sent
 * up to; when a month starts, a wall-clock punctuation scans that store once and sends each person's cell of the new
 * month(s). A person update that finds its person behind the current month catches the person up first, so the scan
 * and the updates never count a month twice. A person's moves in consecutive months with the same cell are one run,
 * kept as two differences ({@link StockChanges}): a backlog row dated a year back costs two store updates, not twelve,
 * and the month-by-month deltas are only formed per cell when the task sends its sums on.
 *
 * <p><b>MIGR_PERMITS.</b> Every version of a record that is a permit ({@link Permits#observationOf}) counts once, in
 * the cell of its own attributes. For each record key "record-permits" keeps the cell its current version counts in:
 * a new version in another cell (a correction) emits {@code -1} for the old cell and {@code +1} for the new one, a
 * version that is no longer a permit or a deletion (tombstone) emits {@code -1}, a duplicate emits nothing. No person
 * is involved (no repartition): the unit is the permit.
 *
 * <p><b>MIGR_ACQ.</b> A CITIZENSHIP_GRANT crosses the same repartition by person as a grant update
 * ({@link PersonUpdate}); the person's grants are kept next to the history, and when the cell of the earliest grant
 * ({@link Acquisitions#personCellOfGrants}) changes, the person moves: {@code -1} old cell, {@code +1} new one.
 *
 * <p><b>MIGR_QUALITY.</b> Per record, REGISTRATIONS and the out-of-scope reason ({@link Quality#observationsOfEvent}),
 * and LATE_AFTER_FINAL for a version harmonized once its month's datasets are FINAL ({@link #firstFinalFrom}),
 * record-keyed like the permits; COUNTED, its unknowns and RENEWAL from the person-history Change, alongside the
 * MIGR_FLOW deltas. So REGISTRATIONS = INTERNAL_OR_UNKNOWN + TEMPORARY_STAY + EXCLUDED_PURPOSE +
 * SCOPE_NOT_CLASSIFIED + RENEWAL + COUNTED per REF_AREA, SOURCE, FLOW and month, once the deltas are counted.
 *
 * <p><b>Intake counters.</b> Ingestion (per committed upload) and harmonization (per quarantine change) write their
 * changes of ROWS_RECEIVED, ROWS_ACCEPTED, ROWS_REJECTED, QUARANTINED and QUARANTINED_&lt;rule&gt; as deltas to
 * {@code <cc>.intake.quality} in their own transactions ({@link IntakeCells}); nothing per record is kept here.
 *
 * <p>The deltas of a cell meet in one task (partitioned by period), which adds them to the cell's count. One
 * repartition topic and one count store serve every dataflow ({@link CellSerde} tells the cells apart). Under
 * exactly-once every store update, both repartitions and the counts commit together, so a crash neither loses nor
 * repeats a delta.
 *
 * <p>A plain factory: the binder applies it to the bound {@code aggregation-in-0} and {@code aggregation-in-1} streams, and the topology tests
 * apply the same object to a {@code StreamsBuilder} stream. The sink is written here rather than bound, because it
 * needs its partitioner: {@code <cc>.aggregates} is partitioned by period, so that the delivery, which needs every
 * cell of a period in one task, reads it without another repartition.
 */
public final class Aggregation
        implements BiConsumer<KStream<String, HarmonizedMigrationEvent>, KStream<String, IntakeQualityDelta>> {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Aggregation.class);
    public static final String RECORD_PERSONS = "record-persons";
    public static final String PERSON_HISTORIES = "person-histories";
    public static final String RECORD_PERMITS = "record-permits";
    public static final String RECORD_QUALITY = "record-quality";
    public static final String PERSON_GRANTS = "person-grants";
    public static final String CELL_COUNTS = "cell-counts";
    public static final String PENDING_DELTAS = "pending-deltas";
    public static final String STOCK_HORIZON = "stock-horizon";
    public static final String PENDING_STOCK = "pending-stock-changes";
    private static final CellSerde CELLS = new CellSerde();
    private static final Serde<PersonUpdate> UPDATES = PersonUpdate.serde();
    private static final Serde<PersonHistory> HISTORIES = Serdes.serdeFrom(
            (topic, history) -> history == null ? null : history.toBytes(),
            (topic, bytes) -> bytes == null ? null : PersonHistory.fromBytes(bytes));
    private static final Serde<List<Cell>> CELL_LISTS = Serdes.serdeFrom(Aggregation::cellsToBytes,
            Aggregation::cellsFromBytes);
    /** A month as its number since year 0 ({@code year * 12 + month - 1}), 4 bytes. */
    private static final Serde<YearMonth> MONTHS = Serdes.serdeFrom(
            (topic, month) -> month == null ? null : Serdes.Integer().serializer().serialize(topic,
                    month.getYear() * 12 + month.getMonthValue() - 1),
            (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                int months = Serdes.Integer().deserializer().deserialize(topic, bytes);
                return YearMonth.of(Math.floorDiv(months, 12), Math.floorMod(months, 12) + 1);
            });
    private static final Serde<List<Acquisitions.Grant>> GRANT_LISTS = Serdes.serdeFrom(Aggregation::grantsToBytes,
            Aggregation::grantsFromBytes);

    private final Topics topics;
    private final Serde<MigrationAggregate> aggregates;
    private final Duration flushInterval;
    private final ExchangeProperties.Stock stock;
    /** Month (yyyy-MM) → the instant from which its datasets are FINAL, or null when no agreement makes it FINAL. */
    private final java.util.function.Function<String, Instant> monthFinalFrom;

    /** With MIGR_STOCK's horizon in UTC, checked every minute, and no agreement (no month is ever FINAL). */
    public Aggregation(Topics topics, Serde<MigrationAggregate> aggregates, Duration flushInterval) {
        this(topics, aggregates, flushInterval, new ExchangeProperties.Stock(ZoneId.of("UTC"), Duration.ofMinutes(1),
                flushInterval));
    }

    /** With no agreement: no month is ever FINAL, so MIGR_QUALITY's LATE_AFTER_FINAL stays empty. */
    public Aggregation(Topics topics, Serde<MigrationAggregate> aggregates, Duration flushInterval,
            ExchangeProperties.Stock stock) {
        this(topics, aggregates, flushInterval, stock, List.of());
    }

    /**
     * @param flushInterval how often each task sends its summed deltas on (wall clock); the exchange's commit
     *                      interval, so that a delta waits at most about one commit more than it did unsummed
     * @param stock         MIGR_STOCK's horizon: the zone whose current month is the last one counted, how often a
     *                      task looks whether a new month has started, and how long it adds up stock changes
     * @param agreements    the node's agreements: a month's registrations harmonized from the earliest instant one of
     *                      them makes the month's dataset FINAL ({@link #firstFinalFrom}) count in LATE_AFTER_FINAL
     */
    public Aggregation(Topics topics, Serde<MigrationAggregate> aggregates, Duration flushInterval,
            ExchangeProperties.Stock stock, List<org.migrex.exchange.sending.agreement.ExchangeAgreement> agreements) {
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("the delta flush interval must be positive, got " + flushInterval);
        }
        this.topics = topics;
        this.aggregates = aggregates;
        this.flushInterval = flushInterval;
        this.stock = java.util.Objects.requireNonNull(stock, "stock");
        this.monthFinalFrom = firstFinalFrom(agreements);
    }

    /**
     * The instant from which a month's datasets are FINAL under {@code agreements}: the earliest
     * {@link org.migrex.exchange.sending.agreement.ExchangeAgreement#finalFrom} (end of month UTC + final-after) of
     * any of them by month, whatever its dataflow or partner (a record of the month can change every such dataflow's
     * table of it; a dataflow by quarter, REMITTANCES, is not made of migration records);
     * null for every month when there is no agreement. Memoized per month.
     */
    static java.util.function.Function<String, Instant> firstFinalFrom(
            List<org.migrex.exchange.sending.agreement.ExchangeAgreement> agreements) {
        List<org.migrex.exchange.sending.agreement.ExchangeAgreement> all = List.copyOf(agreements);
        Map<String, Optional<Instant>> months = new java.util.concurrent.ConcurrentHashMap<>();
        return period -> months.computeIfAbsent(period, p -> all.stream()
                .filter(a -> a.dataflow().periodType() == org.migrex.exchange.dataflow.PeriodType.MONTH)
                .map(a -> a.finalFrom(p))
                .min(Instant::compareTo)).orElse(null);
    }

    @Override
    public void accept(KStream<String, HarmonizedMigrationEvent> events, KStream<String, IntakeQualityDelta> intake) {
        KStream<Cell, Long> intakeDeltas = intake.process(IntakeCells::new, Named.as("intake-quality-cells"));
        KStream<Cell, Long> byPerson = events.process(new PersonOfRecord(), Named.as("person-of-record"))
                .repartition(Repartitioned.with(Serdes.String(), UPDATES).withName("person-updates"))
                .process(new CountedByPerson(stock), Named.as("counted-by-person"));
        // MIGR_STOCK leaves the person already summed per cell and flush (StockChanges); summing it again would only
        // cost a store update per cell and month
        KStream<Cell, Long> stockSums = byPerson.filter((cell, delta) -> cell.dataflow() == Dataflows.MIGR_STOCK,
                Named.as("stock-sums"));
        KStream<Cell, Long> flowDeltas = byPerson.filterNot((cell, delta) -> cell.dataflow() == Dataflows.MIGR_STOCK,
                Named.as("person-deltas"));
        KStream<Cell, Long> permitDeltas = events.process(new CellsOfRecord(RECORD_PERMITS, Aggregation::permitCells),
                Named.as("permit-of-record"));
        KStream<Cell, Long> qualityDeltas = events.process(new CellsOfRecord(RECORD_QUALITY,
                (key, event) -> qualityCells(key, event, monthFinalFrom)),
                Named.as("quality-of-record"));
        flowDeltas.merge(permitDeltas, Named.as("cell-deltas-of-every-dataflow"))
                .merge(qualityDeltas, Named.as("cell-deltas-with-record-quality"))
                .merge(intakeDeltas, Named.as("cell-deltas-with-intake-quality"))
                // a registration moves three cells (MIGR_FLOW, REGISTRATIONS and its reason or COUNTED) and most of
                // a commit's records share a few quality cells: summed per cell first, the repartition carries about
                // one delta per changed cell and flush instead of three per record
                .process(new SumDeltas(flushInterval), Named.as("sum-deltas-in-task"))
                .merge(stockSums, Named.as("cell-deltas-with-stock"))
                .repartition(Repartitioned.with(CELLS, Serdes.Long()).withName("cell-deltas")
                        .withStreamPartitioner(new ByPeriod<>((cell, delta) -> cell.period())))
                // a table, not a processor, for the counts: its cache coalesces the updates of a cell between commits
                // (flushed before each commit, so exactly-once holds), so the count's changelog, the aggregates and the
                // delivery's store see about one write per cell and commit instead of one per record
                .groupByKey(Grouped.with("cells", CELLS, Serdes.Long()))
                .reduce(Long::sum, Named.as("count-cells"),
                        Materialized.<Cell, Long, KeyValueStore<Bytes, byte[]>>as(CELL_COUNTS)
                                .withKeySerde(CELLS).withValueSerde(Serdes.Long()))
                .toStream(Named.as("cell-updates"))
                .process(ToAggregate::new, Named.as("to-aggregate"))
                .to(topics.aggregates().name(), Produced.with(Serdes.String(), aggregates).withName("aggregates-sink")
                        .withStreamPartitioner(new ByPeriod<>((key, aggregate) ->
                                aggregate.getDimensions().get(Dataflow.TIME_PERIOD))));
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

    /** Record versions to person updates (see the class comment), keeping the record's current person. */
    static final class PersonOfRecord
            implements ProcessorSupplier<String, HarmonizedMigrationEvent, String, PersonUpdate> {
        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RECORD_PERSONS), Serdes.String(),
                    Serdes.String()));
        }

        @Override
        public Processor<String, HarmonizedMigrationEvent, String, PersonUpdate> get() {
            return new Processor<>() {
                private ProcessorContext<String, PersonUpdate> context;
                private KeyValueStore<String, String> recordPersons;

                @Override
                public void init(ProcessorContext<String, PersonUpdate> context) {
                    this.context = context;
                    this.recordPersons = context.getStateStore(RECORD_PERSONS);
                }

                @Override
                public void process(Record<String, HarmonizedMigrationEvent> record) {
                    if (record.key() == null) {
                        return; // not a record of any source: nothing to replace or delete later
                    }
                    Registration now;
                    try {
                        now = Registration.of(record.key(), record.value());
                    } catch (RuntimeException e) {
                        // harmonization writes ISO dates and IMM/EMI only; anything else on the topic was not
                        // written by it, and must not stop the stream: it counts nowhere (the key names the record,
                        // not the person)
                        log.warn("harmonized event {} is not a readable registration, counted nowhere: {}",
                                record.key(), e.toString());
                        now = null;
                    }
                    Acquisitions.Grant grant = now == null ? Acquisitions.grantOf(record.key(), record.value()) : null;
                    String person = now == null && grant == null ? null : record.value().getPersonPseudonym();
                    String before = recordPersons.get(record.key());
                    if (before != null && !before.equals(person)) {
                        context.forward(new Record<>(before, new PersonUpdate(record.key(), null), record.timestamp()));
                    }
                    if (person != null) {
                        context.forward(new Record<>(person, new PersonUpdate(record.key(), now, grant),
                                record.timestamp()));
                        if (!person.equals(before)) {
                            recordPersons.put(record.key(), person);
                        }
                    } else if (before != null) {
                        recordPersons.delete(record.key());
                    }
                }
            };
        }
    }

    /**
     * Person updates to cell deltas. The registration (or its absence) is applied to the person's history: {@code -1}
     * for every registration that stopped counting and {@code +1} for every one that started, in MIGR_FLOW and in
     * MIGR_QUALITY's COUNTED and unknowns ({@link Quality#observationsOfCounted}), and likewise {@code ±1} in RENEWAL
     * for every renewal that started or stopped being one. The grant (or its absence) is applied to the person's
     * grants: when the person's MIGR_ACQ cell ({@link Acquisitions#personCellOfGrants}) changes, {@code -1} for the
     * old cell and {@code +1} for the new one. Both stores are updated for every update, since a correction can turn
     * a person's registration into a grant or back under the same record key.
     */
    static final class CountedByPerson implements ProcessorSupplier<String, PersonUpdate, Cell, Long> {
        /** Persons re-checked per store scan at a month's start, so a scan never holds the whole store in memory. */
        private static final int HORIZON_BATCH = 10_000;
        private final ExchangeProperties.Stock stock;

        CountedByPerson(ExchangeProperties.Stock stock) {
            this.stock = stock;
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PERSON_HISTORIES),
                    Serdes.String(), HISTORIES), Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(PERSON_GRANTS), Serdes.String(), GRANT_LISTS),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STOCK_HORIZON), Serdes.String(),
                            MONTHS),
                    // as "pending-deltas": in memory behind a cache, logged, sent on and emptied in one transaction
                    Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_STOCK), CELLS,
                            Serdes.Long()).withCachingEnabled());
        }

        @Override
        public Processor<String, PersonUpdate, Cell, Long> get() {
            return new Processor<>() {
                private ProcessorContext<Cell, Long> context;
                private KeyValueStore<String, PersonHistory> histories;
                private KeyValueStore<String, List<Acquisitions.Grant>> personGrants;
                private KeyValueStore<String, YearMonth> horizons;
                /** MIGR_STOCK cell (its TIME_PERIOD the month a difference starts) → summed difference. */
                private TimestampedKeyValueStore<Cell, Long> pendingStock;
                /** The month up to which this task has caught every person of "stock-horizon" up; null: not yet. */
                private YearMonth caughtUp;

                @Override
                public void init(ProcessorContext<Cell, Long> context) {
                    this.context = context;
                    this.histories = context.getStateStore(PERSON_HISTORIES);
                    this.personGrants = context.getStateStore(PERSON_GRANTS);
                    this.horizons = context.getStateStore(STOCK_HORIZON);
                    this.pendingStock = context.getStateStore(PENDING_STOCK);
                    context.schedule(stock.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::onNewMonth);
                    context.schedule(stock.flushInterval(), PunctuationType.WALL_CLOCK_TIME, now -> flushStock());
                }

                /** The month whose first day has come in the configured zone: the last month counted. */
                private YearMonth currentMonth(long wallClockMs) {
                    return YearMonth.from(Instant.ofEpochMilli(wallClockMs).atZone(stock.zone()));
                }

                /**
                 * When a month has started since the last scan (or on the first check after a start, which may follow
                 * a month's start while the node was down): every person still to be re-checked is caught up to it.
                 */
                private void onNewMonth(long wallClockMs) {
                    YearMonth now = currentMonth(wallClockMs);
                    if (caughtUp != null && !now.isAfter(caughtUp)) {
                        return;
                    }
                    String after = null;
                    while (true) {
                        List<org.apache.kafka.streams.KeyValue<String, YearMonth>> batch = new ArrayList<>();
                        try (KeyValueIterator<String, YearMonth> persons = after == null ? horizons.all()
                                : horizons.range(after, null)) {
                            while (persons.hasNext() && batch.size() < HORIZON_BATCH) {
                                var person = persons.next();
                                if (!person.key.equals(after)) {
                                    batch.add(person);
                                }
                            }
                        }
                        for (var person : batch) {
                            if (person.value.isBefore(now)) {
                                PersonHistory history = histories.get(person.key);
                                catchUp(history == null ? PersonHistory.empty() : history, person.value, now,
                                        wallClockMs);
                                keepOrForget(person.key, history == null ? PersonHistory.empty() : history,
                                        person.value, now);
                            }
                        }
                        if (batch.size() < HORIZON_BATCH) {
                            break;
                        }
                        after = batch.getLast().key;
                    }
                    caughtUp = now;
                }

                /** {@code +1} in the person's cell of every month after {@code emittedUpTo} up to {@code now}. */
                private void catchUp(PersonHistory history, YearMonth emittedUpTo, YearMonth now, long time) {
                    if (!now.isAfter(emittedUpTo)) {
                        return;
                    }
                    addStock(Stock.moves(PersonHistory.empty(), history, emittedUpTo.plusMonths(1), now), time);
                }

                /** The moves' runs as differences in "pending-stock-changes" ({@link StockChanges}). */
                private void addStock(List<Stock.StockMove> moves, long time) {
                    for (StockChanges.Run run : StockChanges.runsOf(moves)) {
                        addDifference(run.member(), run.from(), run.sign(), time);
                        addDifference(run.member(), run.to().plusMonths(1), -run.sign(), time);
                    }
                }

                private void addDifference(Stock.StockMember member, YearMonth month, long difference, long time) {
                    Cell cell = Dataflows.MIGR_STOCK.cellOf(new Stock.StockObservation(member, month));
                    ValueAndTimestamp<Long> before = pendingStock.get(cell);
                    long sum = (before == null ? 0 : before.value()) + difference;
                    if (sum == 0) {
                        pendingStock.delete(cell);
                    } else {
                        pendingStock.put(cell, ValueAndTimestamp.make(sum,
                                before == null ? time : Math.max(before.timestamp(), time)));
                    }
                }

                /**
                 * Sends the summed stock changes on as one delta per cell and month ({@link StockChanges#expand}) and
                 * empties the store, in the same transaction as the person updates they came from.
                 */
                private void flushStock() {
                    Map<List<String>, TreeMap<YearMonth, ValueAndTimestamp<Long>>> byMember =
                            new HashMap<>();
                    List<Cell> sent = new ArrayList<>();
                    try (KeyValueIterator<Cell, ValueAndTimestamp<Long>> all = pendingStock.all()) {
                        while (all.hasNext()) {
                            var difference = all.next();
                            List<String> codes = difference.key.codes();
                            byMember.computeIfAbsent(codes.subList(0, codes.size() - 1), c -> new TreeMap<>())
                                    .put(YearMonth.parse(difference.key.period()), difference.value);
                            sent.add(difference.key);
                        }
                    }
                    for (var member : byMember.entrySet()) {
                        TreeMap<YearMonth, Long> differences = new TreeMap<>();
                        long time = 0;
                        for (var difference : member.getValue().entrySet()) {
                            differences.put(difference.getKey(), difference.getValue().value());
                            time = Math.max(time, difference.getValue().timestamp());
                        }
                        for (var delta : StockChanges.expand(differences)) {
                            List<String> codes = new ArrayList<>(member.getKey());
                            codes.add(delta.getKey().toString());
                            context.forward(new Record<>(new Cell(Dataflows.MIGR_STOCK, codes), delta.getValue(), time));
                        }
                    }
                    sent.forEach(pendingStock::delete);
                }

                /**
                 * Keeps the person in "stock-horizon" at {@code horizon} when a later month can count them, and
                 * forgets them otherwise: only those a new month must look at again are scanned.
                 */
                private void keepOrForget(String person, PersonHistory history, YearMonth stored, YearMonth horizon) {
                    if (Stock.canCountAfter(history, horizon)) {
                        if (!horizon.equals(stored)) {
                            horizons.put(person, horizon);
                        }
                    } else if (stored != null) {
                        horizons.delete(person);
                    }
                }

                @Override
                public void process(Record<String, PersonUpdate> record) {
                    if (record.key() == null || record.value() == null) {
                        return; // PersonOfRecord writes neither
                    }
                    applyRegistration(record);
                    applyGrant(record);
                }

                private void applyRegistration(Record<String, PersonUpdate> record) {
                    PersonHistory stored = histories.get(record.key());
                    PersonHistory before = stored == null ? PersonHistory.empty() : stored;
                    PersonHistory.Update update = before.put(record.value().recordKey(), record.value().registration());
                    if (update.change().isEmpty() && update.history().equals(before)) {
                        return; // a duplicate, or not a registration now nor before
                    }
                    if (update.history().isEmpty()) {
                        histories.delete(record.key());
                    } else {
                        histories.put(record.key(), update.history());
                    }
                    PersonHistory.Change change = update.change();
                    applyStock(record, before, update.history(), change);
                    for (Registration stopped : change.countedRemoved()) {
                        forward(Dataflows.MIGR_FLOW.cellOf(stopped), -1, record);
                        Quality.observationsOfCounted(stopped)
                                .forEach(q -> forward(Dataflows.MIGR_QUALITY.cellOf(q), -1, record));
                    }
                    for (Registration started : change.countedAdded()) {
                        forward(Dataflows.MIGR_FLOW.cellOf(started), 1, record);
                        Quality.observationsOfCounted(started)
                                .forEach(q -> forward(Dataflows.MIGR_QUALITY.cellOf(q), 1, record));
                    }
                    for (Registration stopped : change.renewalsRemoved()) {
                        Quality.observationsOfRenewal(stopped)
                                .forEach(q -> forward(Dataflows.MIGR_QUALITY.cellOf(q), -1, record));
                    }
                    for (Registration started : change.renewalsAdded()) {
                        Quality.observationsOfRenewal(started)
                                .forEach(q -> forward(Dataflows.MIGR_QUALITY.cellOf(q), 1, record));
                    }
                }

                /**
                 * MIGR_STOCK: the person's moves from the first month the change can alter
                 * ({@link Stock#firstAffectedMonth}) up to the horizon, {@code -1} in the old month's cell and
                 * {@code +1} in the new one. The invariant: for every month up to the person's horizon in
                 * "stock-horizon" (or every month, for a person not in it, who can count in no later month), what
                 * was sent equals the person's membership by the history. A person whose horizon is behind the
                 * current month (it started, and the task's scan has not reached them yet) is first caught up by the
                 * old history, as the scan would have done, so no month is counted twice or missed.
                 */
                private void applyStock(Record<String, PersonUpdate> record, PersonHistory before,
                        PersonHistory after, PersonHistory.Change change) {
                    YearMonth now = currentMonth(context.currentSystemTimeMs());
                    YearMonth stored = horizons.get(record.key());
                    YearMonth horizon = now;
                    if (stored != null) {
                        catchUp(before, stored, now, record.timestamp());
                        if (stored.isAfter(now)) {
                            horizon = stored; // the zone or the clock went back: what was sent stays sent
                        }
                    }
                    YearMonth last = horizon;
                    Stock.firstAffectedMonth(change).ifPresent(from -> {
                        // a backlog row dated years ago moves every month since: as runs, two store updates
                        addStock(Stock.moves(before, after, from, last), record.timestamp());
                    });
                    keepOrForget(record.key(), after, stored, horizon);
                }

                private void applyGrant(Record<String, PersonUpdate> record) {
                    String recordKey = record.value().recordKey();
                    Acquisitions.Grant grant = record.value().grant();
                    List<Acquisitions.Grant> stored = personGrants.get(record.key());
                    List<Acquisitions.Grant> before = stored == null ? List.of() : stored;
                    List<Acquisitions.Grant> after = new ArrayList<>(before.size() + 1);
                    for (Acquisitions.Grant g : before) {
                        if (!g.recordKey().equals(recordKey)) {
                            after.add(g);
                        }
                    }
                    if (grant != null) {
                        after.add(grant);
                    }
                    if (after.size() == before.size() && after.containsAll(before)) {
                        return; // a duplicate, or not a grant now nor before
                    }
                    if (after.isEmpty()) {
                        personGrants.delete(record.key());
                    } else {
                        personGrants.put(record.key(), after);
                    }
                    Cell cellBefore = Acquisitions.personCellOfGrants(before).map(Dataflows.MIGR_ACQ::cellOf)
                            .orElse(null);
                    Cell cellAfter = Acquisitions.personCellOfGrants(after).map(Dataflows.MIGR_ACQ::cellOf)
                            .orElse(null);
                    if (java.util.Objects.equals(cellBefore, cellAfter)) {
                        return; // another grant of the person changed, not the one that counts
                    }
                    if (cellBefore != null) {
                        forward(cellBefore, -1, record);
                    }
                    if (cellAfter != null) {
                        forward(cellAfter, 1, record);
                    }
                }

                private void forward(Cell cell, long delta, Record<String, PersonUpdate> cause) {
                    context.forward(new Record<>(cell, delta, cause.timestamp()));
                }
            };
        }
    }

    /**
     * Record versions to cell deltas of a dataflow counted per record, keeping the cells the record's current version
     * counts in (a record-keyed store: record key → cells): a correction emits {@code -1} for each old cell and
     * {@code +1} for each new one, a deletion {@code -1} for each old cell, a duplicate nothing. One mechanism for
     * {@code MIGR_PERMITS} ({@link #permitCells}, store "record-permits") and {@code MIGR_QUALITY}'s per-record
     * counters ({@link #qualityCells}, "record-quality").
     */
    static final class CellsOfRecord implements ProcessorSupplier<String, HarmonizedMigrationEvent, Cell, Long> {
        private final String storeName;
        private final BiFunction<String, HarmonizedMigrationEvent, List<Cell>> cellsOf;

        /**
         * @param storeName the record-keyed store
         * @param cellsOf   the cells a record's version (null: deleted) counts in; never throws
         */
        CellsOfRecord(String storeName, BiFunction<String, HarmonizedMigrationEvent, List<Cell>> cellsOf) {
            this.storeName = storeName;
            this.cellsOf = cellsOf;
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(),
                    CELL_LISTS));
        }

        @Override
        public Processor<String, HarmonizedMigrationEvent, Cell, Long> get() {
            return new Processor<>() {
                private ProcessorContext<Cell, Long> context;
                private KeyValueStore<String, List<Cell>> recordCells;

                @Override
                public void init(ProcessorContext<Cell, Long> context) {
                    this.context = context;
                    this.recordCells = context.getStateStore(storeName);
                }

                @Override
                public void process(Record<String, HarmonizedMigrationEvent> record) {
                    if (record.key() == null) {
                        return; // not a record of any source: nothing to replace or delete later
                    }
                    List<Cell> now = cellsOf.apply(record.key(), record.value());
                    List<Cell> stored = recordCells.get(record.key());
                    List<Cell> before = stored == null ? List.of() : stored;
                    if (before.equals(now)) {
                        return; // a duplicate, or (both empty) counted nowhere now nor before
                    }
                    for (Cell cell : before) {
                        context.forward(new Record<>(cell, -1L, record.timestamp()));
                    }
                    for (Cell cell : now) {
                        context.forward(new Record<>(cell, 1L, record.timestamp()));
                    }
                    if (now.isEmpty()) {
                        recordCells.delete(record.key());
                    } else {
                        recordCells.put(record.key(), now);
                    }
                }
            };
        }
    }

    /**
     * Sums the deltas of each cell within the task and sends the sums on every {@code flushInterval} (wall clock), a
     * cell whose deltas cancel out not at all. The pending sums live in a logged store ("pending-deltas"): a flush
     * forwards and deletes them in the same exactly-once transaction as the input offsets they came from, so a crash
     * between two flushes restores them from the changelog rather than losing them, and a delta is never sent twice.
     * The store is in memory with a cache in front, so its changelog sees about one record per pending cell and
     * commit; each sum keeps the latest record time among its deltas as its own.
     */
    static final class SumDeltas implements ProcessorSupplier<Cell, Long, Cell, Long> {
        private final Duration flushInterval;

        SumDeltas(Duration flushInterval) {
            this.flushInterval = flushInterval;
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_DELTAS), CELLS,
                    Serdes.Long()).withCachingEnabled());
        }

        @Override
        public Processor<Cell, Long, Cell, Long> get() {
            return new Processor<>() {
                private ProcessorContext<Cell, Long> context;
                private TimestampedKeyValueStore<Cell, Long> pending;

                @Override
                public void init(ProcessorContext<Cell, Long> context) {
                    this.context = context;
                    this.pending = context.getStateStore(PENDING_DELTAS);
                    context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
                }

                @Override
                public void process(Record<Cell, Long> delta) {
                    if (delta.key() == null || delta.value() == null || delta.value() == 0) {
                        return; // the processors above write neither
                    }
                    ValueAndTimestamp<Long> before = pending.get(delta.key());
                    long sum = (before == null ? 0 : before.value()) + delta.value();
                    if (sum == 0) {
                        pending.delete(delta.key());
                    } else {
                        long time = before == null ? delta.timestamp() : Math.max(before.timestamp(), delta.timestamp());
                        pending.put(delta.key(), ValueAndTimestamp.make(sum, time));
                    }
                }

                private void flush() {
                    List<org.apache.kafka.streams.KeyValue<Cell, ValueAndTimestamp<Long>>> sums = new ArrayList<>();
                    try (KeyValueIterator<Cell, ValueAndTimestamp<Long>> all = pending.all()) {
                        all.forEachRemaining(sums::add);
                    }
                    for (var sum : sums) {
                        context.forward(new Record<>(sum.key, sum.value.value(), sum.value.timestamp()));
                        pending.delete(sum.key);
                    }
                }
            };
        }
    }

    /**
     * MIGR_QUALITY's per-record counters of a record version ({@link Quality#observationsOfEvent}: REGISTRATIONS and
     * the out-of-scope reason; LATE_AFTER_FINAL when the version was harmonized at or after the instant from which
     * its month's datasets are FINAL, {@code monthFinalFrom}). An event that is no readable registration ({@link Registration#of} fails, or a FLOW
     * other than IMM and EMI) counts nowhere, as in MIGR_FLOW, so that REGISTRATIONS stays the sum of its parts.
     */
    static List<Cell> qualityCells(String key, HarmonizedMigrationEvent event,
            java.util.function.Function<String, Instant> monthFinalFrom) {
        if (event == null || event.getFlow() == null) {
            return List.of();
        }
        try {
            if (!"IMM".equals(event.getFlow()) && !"EMI".equals(event.getFlow())) {
                throw new IllegalArgumentException("flow '" + event.getFlow() + "' is neither IMM nor EMI");
            }
            Registration.of(key, event); // readable, as the person's history will need it
            return Quality.observationsOfEvent(key, event, monthFinalFrom.apply(event.getTimePeriod())).stream()
                    .map(Dataflows.MIGR_QUALITY::cellOf).toList();
        } catch (RuntimeException e) {
            log.warn("harmonized event {} is not a readable registration, in no quality counter: {}", key,
                    e.toString());
            return List.of();
        }
    }

    /** The {@code MIGR_PERMITS} cell of a record version (see the class comment), or none when it is no permit. */
    static List<Cell> permitCells(String key, HarmonizedMigrationEvent event) {
        try {
            return Permits.observationOf(event).map(Dataflows.MIGR_PERMITS::cellOf).map(List::of).orElse(List.of());
        } catch (RuntimeException e) {
            // a permit without a code harmonization always writes: not written by it, counts nowhere
            log.warn("harmonized event {} is not a readable permit, counted nowhere: {}", key, e.toString());
            return List.of();
        }
    }

    /**
     * MIGR_QUALITY's intake counters: each delta ingestion or harmonization wrote ({@link Quality#observationOfIntake})
     * as a delta of its cell. Nothing to remember per record: the writers already sent changes, not states, in the
     * transactions that made them. A delta that is no intake counter was not written by them and counts nowhere.
     */
    final class IntakeCells implements Processor<String, IntakeQualityDelta, Cell, Long> {
        private ProcessorContext<Cell, Long> context;

        @Override
        public void init(ProcessorContext<Cell, Long> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, IntakeQualityDelta> record) {
            if (record.value() == null || record.value().getDelta() == 0) {
                return;
            }
            try {
                Cell cell = Dataflows.MIGR_QUALITY.cellOf(Quality.observationOfIntake(topics.nodeCode(),
                        record.value()));
                context.forward(new Record<>(cell, record.value().getDelta(), record.timestamp()));
            } catch (RuntimeException e) {
                log.warn("intake quality delta {} counts nowhere: {}", record.key(), e.getMessage());
            }
        }
    }

    /**
     * A cell's new count as its aggregate, keyed by the cell key; updatedAt is the update's record time. A cell that
     * falls to 0 stays on the compacted topic with count 0 (partners' views drop it).
     */
    static final class ToAggregate implements Processor<Cell, Long, String, MigrationAggregate> {
        private ProcessorContext<String, MigrationAggregate> context;

        @Override
        public void init(ProcessorContext<String, MigrationAggregate> context) {
            this.context = context;
        }

        @Override
        public void process(Record<Cell, Long> update) {
            long count = update.value() == null ? 0 : update.value();
            context.forward(new Record<>(update.key().key(), new MigrationAggregate(update.key().dataflow().id(),
                    update.key().dimensions(), count, Instant.ofEpochMilli(update.timestamp())), update.timestamp()));
        }
    }

    /** A list of cells: their number, then each as a 4-byte length and its {@link CellSerde} bytes. */
    static byte[] cellsToBytes(String topic, List<Cell> cells) {
        if (cells == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * cells.size() + 4);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(cells.size());
            for (Cell cell : cells) {
                byte[] encoded = CELLS.serialize(topic, cell);
                out.writeInt(encoded.length);
                out.write(encoded);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<Cell> cellsFromBytes(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int n = in.readInt();
            if (n < 0 || n > data.length) {
                throw new IllegalArgumentException("cell list bytes announce " + n + " cells");
            }
            List<Cell> cells = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int length = in.readInt();
                if (length < 0 || length > data.length) {
                    throw new IllegalArgumentException("cell list bytes announce a cell of " + length + " bytes");
                }
                cells.add(CELLS.deserialize(topic, in.readNBytes(length)));
            }
            return List.copyOf(cells);
        } catch (IOException e) {
            throw new IllegalArgumentException("cell list bytes are truncated", e);
        }
    }

    /** A person's grants: their number, then each as {@link Acquisitions.Grant#writeTo} writes it. */
    static byte[] grantsToBytes(String topic, List<Acquisitions.Grant> grants) {
        if (grants == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * grants.size() + 4);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(grants.size());
            for (Acquisitions.Grant grant : grants) {
                grant.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<Acquisitions.Grant> grantsFromBytes(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int n = in.readInt();
            if (n < 0 || n > data.length) {
                throw new IllegalArgumentException("grant list bytes announce " + n + " grants");
            }
            List<Acquisitions.Grant> grants = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                grants.add(Acquisitions.Grant.readFrom(in));
            }
            return List.copyOf(grants);
        } catch (IOException e) {
            throw new IllegalArgumentException("grant list bytes are truncated", e);
        }
    }
}
