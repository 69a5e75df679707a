package org.migrex.harmonization.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrex.harmonization.reference.ReferenceData;
import org.migrex.harmonization.reference.ReferenceDataLoader;
import org.migrex.harmonization.rules.Harmonizer;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.IntakeQualityDelta;
import org.migrex.schema.Provenance;
import org.migrex.schema.QuarantinedRecord;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.Topics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code harmonize} function bean's topology on a {@link TopologyTestDriver}: the test builds it exactly as the
 * binder does, by applying a {@link HarmonizationTopology} to a stream of a plain {@link StreamsBuilder}, and checks
 * the records per key on both outputs and the quarantine store. Expected values are written by hand from the rules
 * in docs/harmonization.md.
 */
class HarmonizationTopologyTest {
    private static final Topics TOPICS = Topics.forNode("KAZ");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration CHECK = Duration.ofMillis(100);

    @TempDir
    Path extension;

    private final AtomicReference<ReferenceData> reference = new AtomicReference<>();
    private final QuarantineReplay replay = new QuarantineReplay();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawMigrationRecord> raw;
    private TestOutputTopic<String, HarmonizedMigrationEvent> events;
    private TestOutputTopic<String, QuarantinedRecord> quarantine;
    private TestOutputTopic<String, IntakeQualityDelta> intake;
    private final Map<String, Long> counters = new java.util.TreeMap<>();

    @BeforeEach
    void start() {
        reference.set(new ReferenceDataLoader(extension).load());
        start(500);
    }

    void start(int chunkSize) {
        if (driver != null) {
            driver.close();
        }
        HarmonizationTopology harmonize = new HarmonizationTopology(new Harmonizer("KAZ", CLOCK), reference::get, CLOCK,
                new HarmonizationMetrics(meters), replay, new AvroBinarySerde<>(QuarantinedRecord.class), chunkSize,
                CHECK);
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, RawMigrationRecord> input = builder.stream(TOPICS.rawRecords().name(),
                Consumed.with(Serdes.String(), new AvroBinarySerde<>(RawMigrationRecord.class)));
        KStream<String, SpecificRecord>[] outputs = harmonize.apply(input);
        // the binder binds out-0 and out-1 to these destinations (HarmonizationBindingsEnvironmentPostProcessor)
        outputs[0].to(TOPICS.harmonizedEvents().name(), Produced.with(Serdes.String(), AvroBinarySerde.anyRecord()));
        outputs[1].to(TOPICS.quarantine().name(), Produced.with(Serdes.String(), AvroBinarySerde.anyRecord()));
        outputs[2].to(TOPICS.intakeQuality().name(), Produced.with(Serdes.String(), AvroBinarySerde.anyRecord()));

        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "migrex-kaz-harmonization");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(builder.build(), config);
        raw = driver.createInputTopic(TOPICS.rawRecords().name(), Serdes.String().serializer(),
                new AvroBinarySerde<>(RawMigrationRecord.class).serializer());
        events = driver.createOutputTopic(TOPICS.harmonizedEvents().name(), Serdes.String().deserializer(),
                new AvroBinarySerde<>(HarmonizedMigrationEvent.class).deserializer());
        quarantine = driver.createOutputTopic(TOPICS.quarantine().name(), Serdes.String().deserializer(),
                new AvroBinarySerde<>(QuarantinedRecord.class).deserializer());
        intake = driver.createOutputTopic(TOPICS.intakeQuality().name(), Serdes.String().deserializer(),
                new AvroBinarySerde<>(IntakeQualityDelta.class).deserializer());
    }

    /** The intake counters so far: every delta harmonization wrote, added up per key (as the aggregation does). */
    private Map<String, Long> intakeCounters() {
        intake.readKeyValuesToList().forEach(kv -> counters.merge(kv.key, kv.value.getDelta(), Long::sum));
        counters.values().removeIf(v -> v == 0);
        return counters;
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void harmonizedRecordGivesItsEventAndNothingInQuarantine() {
        raw.pipeInput("kaz-mvd|r-1", record("r-1", "Киргизия").build());

        List<KeyValue<String, HarmonizedMigrationEvent>> out = events.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo("kaz-mvd|r-1");
        assertThat(out.get(0).value.getCitizenship()).isEqualTo("KGZ");
        assertThat(out.get(0).value.getFlow()).isEqualTo("IMM");
        assertThat(quarantine.isEmpty()).isTrue();
        assertThat(store().approximateNumEntries()).isZero();
        assertThat(count("harmonized", "live")).isEqualTo(1.0);
    }

    @Test
    void quarantinedRecordGoesToQuarantineAndStoreAndTombstonesItsEvent() {
        raw.pipeInput("kaz-mvd|q-1", record("q-1", "Narnia").build());

        List<KeyValue<String, QuarantinedRecord>> entries = quarantine.readKeyValuesToList();
        assertThat(entries).hasSize(1);
        QuarantinedRecord entry = entries.get(0).value;
        assertThat(entry.getReplayCount()).isZero();
        assertThat(entry.getQuarantinedAt()).isEqualTo(NOW);
        assertThat(entry.getReasons()).hasSize(1);
        assertThat(entry.getReasons().get(0).getRule()).isEqualTo("COUNTRY_UNKNOWN");
        assertThat(entry.getReasons().get(0).getField()).isEqualTo("citizenship");
        assertThat(entry.getReasons().get(0).getValue()).isEqualTo("Narnia");
        assertThat(events.readKeyValuesToList()).containsExactly(KeyValue.pair("kaz-mvd|q-1", null));
        assertThat(store().get("kaz-mvd|q-1")).isEqualTo(entry);
    }

    @Test
    void correctionThatMapsWithdrawsTheQuarantineEntryAndOneThatDoesNotWithdrawsTheEvent() {
        raw.pipeInput("kaz-mvd|c-1", record("c-1", "Narnia").build());
        raw.pipeInput("kaz-mvd|c-1", record("c-1", "KG").build());
        raw.pipeInput("kaz-mvd|c-1", record("c-1", "Narnia").build());

        List<KeyValue<String, HarmonizedMigrationEvent>> eventOut = events.readKeyValuesToList();
        assertThat(eventOut).hasSize(3);
        assertThat(eventOut.get(0).value).isNull();
        assertThat(eventOut.get(1).value.getCitizenship()).isEqualTo("KGZ");
        assertThat(eventOut.get(2).value).isNull();
        List<KeyValue<String, QuarantinedRecord>> quarantineOut = quarantine.readKeyValuesToList();
        assertThat(quarantineOut).hasSize(3);
        assertThat(quarantineOut.get(0).value).isNotNull();
        assertThat(quarantineOut.get(1).value).isNull();
        assertThat(quarantineOut.get(2).value.getRecord().getCitizenship()).isEqualTo("Narnia");
        assertThat(store().approximateNumEntries()).isEqualTo(1);
    }

    @Test
    void rawTombstoneDeletesTheEventAndTheQuarantineEntryIfThere() {
        raw.pipeInput("kaz-mvd|d-1", record("d-1", "KG").build());
        raw.pipeInput("kaz-mvd|d-2", record("d-2", "Narnia").build());
        events.readKeyValuesToList();
        quarantine.readKeyValuesToList();

        raw.pipeInput("kaz-mvd|d-1", (RawMigrationRecord) null);
        raw.pipeInput("kaz-mvd|d-2", (RawMigrationRecord) null);

        assertThat(events.readKeyValuesToList()).containsExactly(KeyValue.pair("kaz-mvd|d-1", null),
                KeyValue.pair("kaz-mvd|d-2", null));
        assertThat(quarantine.readKeyValuesToList()).containsExactly(KeyValue.pair("kaz-mvd|d-2", null));
        assertThat(store().get("kaz-mvd|d-2")).isNull();
        assertThat(count("deleted", "live")).isEqualTo(2.0);
    }

    @Test
    void replayHarmonizesWhatNowMapsAndRequarantinesTheRestOnce() throws Exception {
        raw.pipeInput("kaz-mvd|q-1", record("q-1", "Кыргызия").build());
        raw.pipeInput("kaz-mvd|q-2", record("q-2", "Narnia").build());
        raw.pipeInput("kaz-mvd|ok", record("ok", "KG").build());
        events.readKeyValuesToList();
        quarantine.readKeyValuesToList();

        Files.writeString(extension.resolve("country-variants.csv"), "alpha3,lang,name\nKGZ,ru,Кыргызия\n");
        reference.set(new ReferenceDataLoader(extension).load());
        QuarantineReplay.Answer answer = replayNow();

        assertThat(answer.complete()).isTrue();
        assertThat(answer.result().replayed()).isEqualTo(2);
        assertThat(answer.result().harmonized()).isEqualTo(1);
        assertThat(answer.result().stillQuarantined()).isEqualTo(1);
        assertThat(answer.result().referenceDataVersion()).startsWith("2026.2+ext.");
        List<KeyValue<String, HarmonizedMigrationEvent>> eventOut = events.readKeyValuesToList();
        assertThat(eventOut).hasSize(1);
        assertThat(eventOut.get(0).key).isEqualTo("kaz-mvd|q-1");
        assertThat(eventOut.get(0).value.getCitizenship()).isEqualTo("KGZ");
        assertThat(eventOut.get(0).value.getLineage().getReferenceDataVersion()).startsWith("2026.2+ext.");
        Map<String, QuarantinedRecord> quarantineOut = latest(quarantine.readKeyValuesToList());
        assertThat(quarantineOut).containsOnlyKeys("kaz-mvd|q-1", "kaz-mvd|q-2");
        assertThat(quarantineOut.get("kaz-mvd|q-1")).isNull();
        assertThat(quarantineOut.get("kaz-mvd|q-2").getReplayCount()).isEqualTo(1);
        assertThat(quarantineOut.get("kaz-mvd|q-2").getReferenceDataVersion()).startsWith("2026.2+ext.");
        assertThat(store().get("kaz-mvd|q-1")).isNull();
        assertThat(store().get("kaz-mvd|q-2").getReplayCount()).isEqualTo(1);

        // a second replay finds only the record that still fails, and counts its replay again
        QuarantineReplay.Answer again = replayNow();
        assertThat(again.result().harmonized()).isZero();
        assertThat(again.result().stillQuarantined()).isEqualTo(1);
        assertThat(events.isEmpty()).isTrue();
        assertThat(store().get("kaz-mvd|q-2").getReplayCount()).isEqualTo(2);
    }

    @Test
    void replayInChunksTouchesEveryEntryExactlyOnceWhileTheLiveStreamGoesOn() throws Exception {
        start(2);
        for (int i = 0; i < 7; i++) {
            raw.pipeInput("kaz-mvd|n-" + i, record("n-" + i, "Narnia").build());
        }
        quarantine.readKeyValuesToList();
        events.readKeyValuesToList();

        CompletableFuture<QuarantineReplay.Answer> pending = CompletableFuture.supplyAsync(this::replayQuietly);
        awaitTasksAsked();
        // one chunk, then a live correction of a key the replay has not reached or has passed: it maps now
        driver.advanceWallClockTime(CHECK);
        raw.pipeInput("kaz-mvd|n-6", record("n-6", "KG").build());
        while (!pending.isDone()) {
            driver.advanceWallClockTime(CHECK);
        }
        QuarantineReplay.Answer answer = pending.get();

        assertThat(answer.complete()).isTrue();
        assertThat(answer.result().harmonized()).isZero();
        assertThat(answer.result().stillQuarantined()).isEqualTo(6); // n-6 left the quarantine before its turn
        try (var all = store().all()) {
            Map<String, Integer> replayCounts = new LinkedHashMap<>();
            all.forEachRemaining(kv -> replayCounts.put(kv.key, kv.value.getReplayCount()));
            assertThat(replayCounts).containsOnlyKeys("kaz-mvd|n-0", "kaz-mvd|n-1", "kaz-mvd|n-2", "kaz-mvd|n-3",
                    "kaz-mvd|n-4", "kaz-mvd|n-5");
            assertThat(replayCounts.values()).containsOnly(1);
        }
        assertThat(latest(events.readKeyValuesToList()).get("kaz-mvd|n-6").getCitizenship()).isEqualTo("KGZ");
        // MIGR_QUALITY: 7 quarantined for the unknown citizenship, n-6 released by its correction; the replays
        // quarantined the other 6 again for the same rule, which changes no counter
        assertThat(intakeCounters()).containsExactly(
                Map.entry("kaz-mvd|2026-01|QUARANTINED", 6L),
                Map.entry("kaz-mvd|2026-01|QUARANTINED_COUNTRY_UNKNOWN", 6L));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** Runs a replay request while the driver's wall clock moves, as the stream thread's punctuations would. */
    QuarantineReplay.Answer replayNow() throws Exception {
        CompletableFuture<QuarantineReplay.Answer> pending = CompletableFuture.supplyAsync(this::replayQuietly);
        awaitTasksAsked();
        while (!pending.isDone()) {
            driver.advanceWallClockTime(CHECK);
        }
        return pending.get();
    }

    /** Waits until the replay request is registered, so the next punctuation sees it (a barrier, not a sleep). */
    void awaitTasksAsked() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!replay.isReplaying() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(replay.isReplaying()).as("replay request registered").isTrue();
    }

    QuarantineReplay.Answer replayQuietly() {
        try {
            return replay.replay(reference.get().version(), Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    KeyValueStore<String, QuarantinedRecord> store() {
        return driver.getKeyValueStore(HarmonizationTopology.QUARANTINE_STORE);
    }

    double count(String outcome, String path) {
        return meters.counter(HarmonizationMetrics.RECORDS, "outcome", outcome, "path", path).count();
    }

    static <V> Map<String, V> latest(List<KeyValue<String, V>> records) {
        Map<String, V> latest = new LinkedHashMap<>();
        records.forEach(kv -> latest.put(kv.key, kv.value));
        return latest;
    }

    /**
     * Permits are harmonized and written to the harmonized events (MIGR_PERMITS counts them), not dropped or
     * quarantined: the template's codes and the listed national terms (event-types.csv) give RESIDENCE_PERMIT or
     * WORK_PERMIT, with no FLOW and scope NOT_A_FLOW; a permit without a counterpart country is not quarantined
     * (counterpart {@code _U}). Expected values from event-types.csv, purpose.csv and the age rule.
     */
    @Test
    void permitsAreHarmonizedIntoTheirEventTypesAndNotQuarantined() {
        Map<String, String> spellings = new LinkedHashMap<>();
        spellings.put("p-1", "RESIDENCE_PERMIT");
        spellings.put("p-2", "Вид на жительство");
        spellings.put("p-3", "WORK_PERMIT");
        spellings.put("p-4", "Разрешение на работу");
        spellings.put("p-5", "патент");
        spellings.put("p-6", "work permit");
        spellings.forEach((id, type) -> raw.pipeInput("kaz-mvd|" + id, record(id, "Кыргызстан").setEventType(type)
                .setCounterpartCountry(id.equals("p-6") ? null : "").setPurpose("трудовая деятельность")
                .setIntendedDurationDays(null).build()));

        Map<String, HarmonizedMigrationEvent> out = events.readKeyValuesToMap();
        assertThat(quarantine.isEmpty()).isTrue();
        assertThat(out.keySet()).containsExactlyInAnyOrder("kaz-mvd|p-1", "kaz-mvd|p-2", "kaz-mvd|p-3", "kaz-mvd|p-4",
                "kaz-mvd|p-5", "kaz-mvd|p-6");
        Map<String, String> types = new LinkedHashMap<>();
        out.forEach((key, e) -> types.put(key, e.getEventType()));
        assertThat(types).containsExactlyInAnyOrderEntriesOf(Map.of("kaz-mvd|p-1", "RESIDENCE_PERMIT",
                "kaz-mvd|p-2", "RESIDENCE_PERMIT", "kaz-mvd|p-3", "WORK_PERMIT", "kaz-mvd|p-4", "WORK_PERMIT",
                "kaz-mvd|p-5", "WORK_PERMIT", "kaz-mvd|p-6", "WORK_PERMIT"));
        for (HarmonizedMigrationEvent e : out.values()) {
            assertThat(e.getFlow()).isNull();
            assertThat(e.getScope()).isEqualTo(org.migrex.schema.MigrationScope.NOT_A_FLOW);
            assertThat(e.getRefArea()).isEqualTo("KAZ");
            assertThat(e.getCitizenship()).isEqualTo("KGZ");
            assertThat(e.getSex()).isEqualTo("F");
            assertThat(e.getAgeGroup()).isEqualTo("Y30T34"); // born 1995-06-01, permit of 2026-01-10: 30 years
            assertThat(e.getPurpose()).isEqualTo("WORK");
            assertThat(e.getTimePeriod()).isEqualTo("2026-01");
            assertThat(e.getCounterpartArea()).isEqualTo("_U");
        }
    }

    static RawMigrationRecord.Builder record(String recordId, String citizenship) {
        return RawMigrationRecord.newBuilder()
                .setRecordId(recordId)
                .setEventType("RESIDENCE_REGISTRATION")
                .setEventDate("2026-01-10")
                .setPersonPseudonym("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .setSex("F")
                .setBirthDate("1995-06-01")
                .setCitizenship(citizenship)
                .setCountryOfBirth("KG")
                .setCounterpartCountry("РФ")
                .setPurpose("WORK")
                .setIntendedDurationDays(400)
                .setProvenance(Provenance.newBuilder().setNode("KAZ").setSource("kaz-mvd").setBatchId("b-1")
                        .setLine(2).setProfile("template").setProfileVersion("1").setIngestedAt(NOW).build());
    }
}
