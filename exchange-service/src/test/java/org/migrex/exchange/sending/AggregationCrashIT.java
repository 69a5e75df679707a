package org.migrex.exchange.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.junit.jupiter.api.Test;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.Lineage;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.MigrationScope;
import org.migrex.schema.Topics;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Exactly-once of the aggregation under a crash, on a real KRaft broker ({@code @EmbeddedKafka}, three partitions):
 * harmonized events of 150 persons (so renewals, and corrections that move a record to another person or out of
 * scope) and permits, with duplicates, corrections (to other cells, other periods, from a registration to a permit and
 * back) and tombstones are written; the aggregation's stream thread dies in the middle of a transaction; a new
 * instance with the same application id finishes the work. The aggregates read read_committed, last value per cell,
 * must equal an independent recount of the events (latest version per record key, then for MIGR_FLOW the renewal
 * rule of definitions v2 read literally, over every pair of a person's registrations, for MIGR_PERMITS one per
 * permit, for MIGR_QUALITY one per registration and reason or verdict, for MIGR_ACQ one per person by the earliest
 * grant, for MIGR_STOCK one per person and month up to the current one by the stock rule read literally): nothing
 * lost, nothing counted twice.
 * "Nothing more arrives" is the application's committed input offsets reaching the input's end, not a sleep.
 */
@EmbeddedKafka(partitions = 3, topics = {"kaz.harmonized.events", "kaz.intake.quality", "kaz.aggregates"},
        bootstrapServersProperty = "migrex.test.crash-it.brokers",
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class AggregationCrashIT {
    /**
     * The embedded broker's address outlives it as a system property; under Spring's names the Spring Boot tests that
     * run later in the same JVM would connect to this dead broker, hence a name of its own, cleared afterwards.
     */
    @org.junit.jupiter.api.AfterAll
    static void forgetTheBroker() {
        System.clearProperty("migrex.test.crash-it.brokers");
        System.clearProperty("spring.embedded.kafka.brokers");
    }

    private static final Topics KAZ = Topics.forNode("KAZ");
    private static final String APPLICATION_ID = "migrex-kaz-exchange-aggregation-crash-it";
    private static final Serde<HarmonizedMigrationEvent> EVENTS = AvroBinarySerde.of(HarmonizedMigrationEvent.class);
    private static final Serde<MigrationAggregate> AGGREGATES = AvroBinarySerde.of(MigrationAggregate.class);

    private static final String[] SEXES = {"M", "F", "_U"};
    /** Months far enough apart that some registrations of a person renew an earlier one and some do not. */
    private static final String[] PERIODS = {"2024-11", "2025-06", "2026-01", "2026-03"};
    private static final MigrationScope[] SCOPES = {MigrationScope.IN_SCOPE, MigrationScope.IN_SCOPE,
            MigrationScope.IN_SCOPE, MigrationScope.TEMPORARY_STAY, MigrationScope.INTERNAL_OR_UNKNOWN};
    private static final String[] COUNTRIES = {"KGZ", "TJK", "UZB"};
    private static final String[] FLOWS = {"IMM", "EMI", null};

    private static HarmonizedMigrationEvent event(String id, Random random) {
        String period = PERIODS[random.nextInt(PERIODS.length)];
        String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        String flow = FLOWS[random.nextInt(FLOWS.length)];
        // an event without a FLOW is a permit or a citizenship grant (chosen by the id, so that the seeded sequence
        // stays as it was)
        String type = flow != null ? "RESIDENCE_REGISTRATION" : switch (Math.floorMod(id.hashCode(), 3)) {
            case 0 -> "WORK_PERMIT";
            case 1 -> "RESIDENCE_PERMIT";
            default -> "CITIZENSHIP_GRANT";
        };
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType(type)
                .setEventDate(period + "-%02d".formatted(1 + random.nextInt(28)))
                .setTimePeriod(period).setFlow(flow)
                .setScope(flow == null ? MigrationScope.NOT_A_FLOW : SCOPES[random.nextInt(SCOPES.length)])
                .setPersonPseudonym("p-" + random.nextInt(150))
                .setSex(SEXES[random.nextInt(SEXES.length)]).setAgeYears(30).setAgeGroup("Y30T34")
                .setCitizenship(country).setCountryOfBirth(country).setCounterpartArea(country).setPurpose("WORK")
                .setDurationClass("LONG_TERM").setDurationBasis("INTENDED").setIntendedDurationDays(400)
                .setLineage(new Lineage("template", id, "b1", 2L, "1", "ref-1", Instant.EPOCH))
                .build();
    }

    /** The independent recount: the aggregate key of a flow event, written out from the documented key order. */
    private static String cellKey(HarmonizedMigrationEvent e) {
        return String.join("|", e.getRefArea(), e.getFlow(), e.getCounterpartArea(), e.getCitizenship(), e.getSex(),
                e.getAgeGroup(), e.getPurpose(), e.getDurationClass(), e.getTimePeriod());
    }

    /** The independent recount of a permit: its MIGR_PERMITS aggregate key, written out from docs/exchange.md. */
    private static String permitKey(HarmonizedMigrationEvent e) {
        return String.join("|", "MIGR_PERMITS", e.getRefArea(), e.getEventType(), e.getCitizenship(), e.getSex(),
                e.getAgeGroup(), e.getPurpose(), e.getTimePeriod());
    }

    /** The independent recount of a quality counter: its MIGR_QUALITY aggregate key, from docs/exchange.md. */
    private static String qualityKey(HarmonizedMigrationEvent e, String indicator) {
        return String.join("|", "MIGR_QUALITY", e.getRefArea(), "template", e.getFlow(), indicator,
                e.getTimePeriod());
    }

    /**
     * The definition read literally: a person's in-scope registration e (latest versions) is a renewal when another
     * registration e' of the same person and direction comes before it (earlier date, or same date and smaller record
     * key), is dated on or after e's date minus 12 months, and no registration of the other direction is dated from
     * e'.date to e.date inclusive. Every other one counts once in the cell of its own attributes. Every permit (latest
     * version) counts once in its own cell. MIGR_QUALITY: every registration (FLOW given) counts in REGISTRATIONS,
     * an out-of-scope one in its scope's name, an in-scope one in RENEWAL or COUNTED by the verdict above, a counted
     * one of unknown sex also in SEX_UNKNOWN (the seeded events know age, counterpart and duration). MIGR_ACQ: a
     * person with grants counts once, in the cell of the grant with the smallest (date, record key).
     */
    private static Map<String, Long> recount(Map<String, HarmonizedMigrationEvent> latest) {
        Map<String, Long> expected = new HashMap<>();
        latest.values().stream().filter(e -> e != null && e.getEventType().endsWith("_PERMIT"))
                .forEach(e -> expected.merge(permitKey(e), 1L, Long::sum));
        Map<String, List<Map.Entry<String, HarmonizedMigrationEvent>>> byPerson = new HashMap<>();
        latest.forEach((key, e) -> {
            if (e != null && e.getFlow() != null && e.getScope() == MigrationScope.IN_SCOPE) {
                byPerson.computeIfAbsent(e.getPersonPseudonym(), p -> new ArrayList<>()).add(Map.entry(key, e));
            }
        });
        for (var registrations : byPerson.values()) {
            List<Map.Entry<String, HarmonizedMigrationEvent>> counted = new ArrayList<>();
            for (var e : registrations) {
                java.time.LocalDate date = java.time.LocalDate.parse(e.getValue().getEventDate());
                boolean renewal = false;
                for (var earlier : registrations) {
                    java.time.LocalDate from = java.time.LocalDate.parse(earlier.getValue().getEventDate());
                    boolean before = from.isBefore(date)
                            || from.equals(date) && earlier.getKey().compareTo(e.getKey()) < 0;
                    if (earlier == e || !earlier.getValue().getFlow().equals(e.getValue().getFlow()) || !before
                            || from.isBefore(date.minusMonths(12))) {
                        continue;
                    }
                    boolean interrupted = registrations.stream().anyMatch(x ->
                            !x.getValue().getFlow().equals(e.getValue().getFlow())
                                    && !java.time.LocalDate.parse(x.getValue().getEventDate()).isBefore(from)
                                    && !java.time.LocalDate.parse(x.getValue().getEventDate()).isAfter(date));
                    renewal |= !interrupted;
                }
                if (!renewal) {
                    counted.add(e);
                    expected.merge(cellKey(e.getValue()), 1L, Long::sum);
                    expected.merge(qualityKey(e.getValue(), "COUNTED"), 1L, Long::sum);
                    if (e.getValue().getSex().equals("_U")) {
                        expected.merge(qualityKey(e.getValue(), "SEX_UNKNOWN"), 1L, Long::sum);
                    }
                } else {
                    expected.merge(qualityKey(e.getValue(), "RENEWAL"), 1L, Long::sum);
                }
            }
            stock(counted, expected);
        }
        latest.values().stream().filter(e -> e != null && e.getFlow() != null).forEach(e -> {
            expected.merge(qualityKey(e, "REGISTRATIONS"), 1L, Long::sum);
            if (e.getScope() != MigrationScope.IN_SCOPE) {
                expected.merge(qualityKey(e, e.getScope().name()), 1L, Long::sum);
            }
        });
        Map<String, Map.Entry<String, HarmonizedMigrationEvent>> earliestGrant = new HashMap<>();
        latest.forEach((key, e) -> {
            if (e == null || !e.getEventType().equals("CITIZENSHIP_GRANT")) {
                return;
            }
            var best = earliestGrant.get(e.getPersonPseudonym());
            if (best == null || (e.getEventDate() + " " + key).compareTo(best.getValue().getEventDate() + " "
                    + best.getKey()) < 0) {
                earliestGrant.put(e.getPersonPseudonym(), Map.entry(key, e));
            }
        });
        earliestGrant.values().forEach(g -> expected.merge(String.join("|", "MIGR_ACQ", g.getValue().getRefArea(),
                g.getValue().getCitizenship(), g.getValue().getSex(), g.getValue().getAgeGroup(),
                g.getValue().getTimePeriod()), 1L, Long::sum));
        return expected;
    }

    /**
     * MIGR_STOCK of one person's counted registrations, on the first day t of every month from the first seeded one
     * to the current one (UTC, the aggregation's default horizon): the latest counted IMM dated before t (by date,
     * then key) is LONG_TERM, no counted EMI is dated from its day to before t, and its declared days end after t; the
     * cell takes its codes, and the age group on t is _U (the seeded events carry no birth date).
     */
    private static void stock(List<Map.Entry<String, HarmonizedMigrationEvent>> counted, Map<String, Long> expected) {
        java.time.YearMonth now = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
        for (var month = java.time.YearMonth.of(2024, 11); !month.isAfter(now); month = month.plusMonths(1)) {
            java.time.LocalDate t = month.atDay(1);
            Map.Entry<String, HarmonizedMigrationEvent> latest = null;
            for (var e : counted) {
                java.time.LocalDate date = java.time.LocalDate.parse(e.getValue().getEventDate());
                if (e.getValue().getFlow().equals("IMM") && date.isBefore(t) && (latest == null
                        || (e.getValue().getEventDate() + " " + e.getKey()).compareTo(
                                latest.getValue().getEventDate() + " " + latest.getKey()) > 0)) {
                    latest = e;
                }
            }
            if (latest == null || !latest.getValue().getDurationClass().equals("LONG_TERM")) {
                continue;
            }
            java.time.LocalDate arrived = java.time.LocalDate.parse(latest.getValue().getEventDate());
            boolean left = counted.stream().anyMatch(x -> x.getValue().getFlow().equals("EMI")
                    && !java.time.LocalDate.parse(x.getValue().getEventDate()).isBefore(arrived)
                    && java.time.LocalDate.parse(x.getValue().getEventDate()).isBefore(t));
            if (left || !arrived.plusDays(latest.getValue().getIntendedDurationDays()).isAfter(t)) {
                continue;
            }
            HarmonizedMigrationEvent m = latest.getValue();
            expected.merge(String.join("|", "MIGR_STOCK", m.getRefArea(), m.getCitizenship(), m.getCountryOfBirth(),
                    m.getSex(), "_U", month.toString()), 1L, Long::sum);
        }
    }

    @Test
    void aCrashInTheMiddleNeitherLosesNorDoubleCountsARecord(EmbeddedKafkaBroker broker) throws Exception {
        String bootstrap = broker.getBrokersAsString();
        // 600 records, then 900 updates among duplicates, corrections and tombstones, from a fixed seed
        Random random = new Random(20260401L);
        Map<String, HarmonizedMigrationEvent> latest = new LinkedHashMap<>();
        List<ProducerRecord<String, HarmonizedMigrationEvent>> writes = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String key = Topics.recordKey("template", "r" + i);
            HarmonizedMigrationEvent e = event("r" + i, random);
            latest.put(key, e);
            writes.add(new ProducerRecord<>(KAZ.harmonizedEvents().name(), key, e));
        }
        for (int i = 0; i < 900; i++) {
            String key = Topics.recordKey("template", "r" + random.nextInt(600));
            int kind = random.nextInt(3);
            HarmonizedMigrationEvent e = kind == 0 ? latest.get(key)        // duplicate (or a repeated tombstone)
                    : kind == 1 ? event(key, random)                          // correction
                    : null;                                                   // tombstone
            latest.put(key, e);
            writes.add(new ProducerRecord<>(KAZ.harmonizedEvents().name(), key, e));
        }
        Map<String, Long> expected = recount(latest);
        long inScope = latest.values().stream()
                .filter(e -> e != null && e.getFlow() != null && e.getScope() == MigrationScope.IN_SCOPE).count();
        assertThat(expected.entrySet().stream().filter(c -> c.getKey().startsWith("KAZ|"))
                .mapToLong(Map.Entry::getValue).sum())
                .as("the data has renewals, so counting persons differs from counting registrations")
                .isLessThan(inScope);
        assertThat(expected.keySet()).as("every dataflow counted").anyMatch(k -> k.startsWith("MIGR_PERMITS|"))
                .anyMatch(k -> k.startsWith("KAZ|")).anyMatch(k -> k.startsWith("MIGR_ACQ|"))
                .anyMatch(k -> k.startsWith("MIGR_STOCK|"))
                .anyMatch(k -> k.contains("|RENEWAL|")).anyMatch(k -> k.contains("|TEMPORARY_STAY|"));

        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(producerConfig, Serdes.String().serializer(), EVENTS.serializer())) {
            for (var write : writes) {
                producer.send(write);
            }
            producer.flush();
        }

        Path state = Files.createTempDirectory("migrex-crash-it");
        // first instance: its stream thread dies at the 700th record, inside an open transaction
        AtomicInteger processed = new AtomicInteger();
        KafkaStreams first = streams(bootstrap, state, 700, processed);
        first.setUncaughtExceptionHandler(
                e -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        first.start();
        awaitState(first, KafkaStreams.State.ERROR);
        first.close(Duration.ofSeconds(10));
        assertThat(processed.get()).as("the crash came mid-stream").isEqualTo(700);
        long committedAtCrash = committedInput(bootstrap);
        assertThat(committedAtCrash).as("some, not all input was committed before the crash").isLessThan(writes.size());

        // second instance, same application id and state folder: finishes the work
        KafkaStreams second = streams(bootstrap, state, -1, new AtomicInteger());
        second.start();
        try {
            awaitCommitted(bootstrap, writes.size());
            Map<String, Long> counted = new HashMap<>();
            Map<String, Set<Integer>> partitionsOfPeriod = new HashMap<>();
            for (ConsumerRecord<String, MigrationAggregate> r : readAggregates(bootstrap)) {
                counted.put(r.key(), r.value().getCount());
                partitionsOfPeriod.computeIfAbsent(r.value().getDimensions().get("TIME_PERIOD"),
                        p -> new HashSet<>()).add(r.partition());
            }
            counted.values().removeIf(count -> count == 0);
            assertThat(counted).isEqualTo(expected);
            assertThat(partitionsOfPeriod.values()).as("all cells of a period in one partition")
                    .allSatisfy(partitions -> assertThat(partitions).hasSize(1));
        } finally {
            second.close(Duration.ofSeconds(10));
        }
    }

    private static KafkaStreams streams(String bootstrap, Path state, int crashAt, AtomicInteger processed) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, HarmonizedMigrationEvent> events = builder.stream(KAZ.harmonizedEvents().name(),
                Consumed.with(Serdes.String(), EVENTS));
        new Aggregation(KAZ, AGGREGATES, Duration.ofMillis(50)).accept(events.peek((key, value) -> {
            if (processed.incrementAndGet() == crashAt) {
                throw new IllegalStateException("simulated crash of the stream thread at record " + crashAt);
            }
        }), builder.stream(KAZ.intakeQuality().name(), Consumed.with(Serdes.String(),
                AvroBinarySerde.of(org.migrex.schema.IntakeQualityDelta.class))));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 50);
        // the crashed instance's member leaves by session timeout; the broker's minimum keeps the takeover short
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        return new KafkaStreams(builder.build(), props);
    }

    private static void awaitState(KafkaStreams streams, KafkaStreams.State wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (streams.state() != wanted && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling a state that must come, not waiting for something not to happen
        }
        assertThat(streams.state()).isEqualTo(wanted);
    }

    /** Input records whose offsets the application has committed, over all partitions. */
    private static long committedInput(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(APPLICATION_ID)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(KAZ.harmonizedEvents().name()))
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    /**
     * Waits until the application has committed every partition it reads, the input and its own repartition topic,
     * up to that partition's end: then every delta has been counted and every count written, committed.
     */
    private static void awaitCommitted(String bootstrap, int records) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            Map<TopicPartition, Long> behind = Map.of();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                for (int p = 0; p < 3; p++) {
                    latest.put(new TopicPartition(KAZ.harmonizedEvents().name(), p), OffsetSpec.latest());
                }
                Map<TopicPartition, Long> ends = new HashMap<>();
                admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
                assertThat(ends.entrySet().stream().filter(e -> e.getKey().topic().equals(KAZ.harmonizedEvents().name()))
                        .mapToLong(Map.Entry::getValue).sum()).isEqualTo(records);
                behind = new HashMap<>();
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    if (end.getValue() > 0 && (at == null || at.offset() < end.getValue())) {
                        behind.put(end.getKey(), end.getValue() - (at == null ? 0 : at.offset()));
                    }
                }
                if (behind.isEmpty()) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("the aggregation did not commit what it reads; behind: " + behind);
        }
    }

    /** Every committed record of the aggregates topic, read to its last stable offset. */
    private static List<ConsumerRecord<String, MigrationAggregate>> readAggregates(String bootstrap) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, MigrationAggregate>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, Serdes.String().deserializer(), AGGREGATES.deserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                partitions.add(new TopicPartition(KAZ.aggregates().name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
