package org.migrex.exchange.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.test.TestRecord;
import org.migrex.exchange.sending.cube.TestAgreements;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.MigrationScope;
import org.migrex.schema.Lineage;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Observation;
import org.migrex.schema.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sending side's functions ({@link Aggregation} and {@link Delivery}, the same objects the binder runs) applied
 * to one StreamsBuilder in a TopologyTestDriver: duplicates, corrections, deletions, debounce, closing of a period
 * and late records revising a closed one. Expected counts are worked out by hand from the piped records.
 */
class ExchangeTopologyTest {
    private static final Topics KAZ = Topics.forNode("KAZ");
    /** March 2026 closes one hour after the month's end. */
    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");
    private static final String M_CELL = "KAZ|IMM|KGZ|KGZ|M|Y20T24|WORK|LONG_TERM|2026-03";

    @TempDir
    Path dir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, HarmonizedMigrationEvent> events;
    private TestOutputTopic<String, ExchangeDataset> kgzInbox;
    private TestOutputTopic<String, DeliveryAuditRecord> audit;
    private TestOutputTopic<String, MigrationAggregate> aggregates;
    private PublicKey publicKey;
    private SendingSerdes serdes;

    @BeforeEach
    void start() {
        Ed25519Keys.generate(dir.resolve("kaz.key"), dir.resolve("kaz.pub"));
        publicKey = Ed25519Keys.readPublic(dir.resolve("kaz.pub"));
        var signer = new DatasetSigner("KAZ-TEST-1", Ed25519Keys.readPrivate(dir.resolve("kaz.key")));
        var serdes = new SendingSerdes(AvroBinarySerde.of(HarmonizedMigrationEvent.class),
                AvroBinarySerde.of(MigrationAggregate.class), AvroBinarySerde.of(ExchangeDataset.class),
                AvroBinarySerde.of(DeliveryAuditRecord.class));
        this.serdes = serdes;
        var agreement = TestAgreements.standard("KAZ", "KGZ", 5, Duration.ofSeconds(5), Duration.ofHours(1));
        var topology = SendingTopology.build(KAZ, List.of(agreement), serdes, signer, partner -> false);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "migrex-kaz-exchange");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        driver = new TopologyTestDriver(topology, props, START);
        events = driver.createInputTopic(KAZ.harmonizedEvents().name(), Serdes.String().serializer(),
                serdes.events().serializer(), START, Duration.ofMillis(10));
        kgzInbox = driver.createOutputTopic(Topics.inbox("KGZ").name(), Serdes.String().deserializer(),
                serdes.datasets().deserializer());
        audit = driver.createOutputTopic(KAZ.exchangeAudit().name(), Serdes.String().deserializer(),
                serdes.audit().deserializer());
        aggregates = driver.createOutputTopic(KAZ.aggregates().name(), Serdes.String().deserializer(),
                serdes.aggregates().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static HarmonizedMigrationEvent event(String recordId, String flow, String sex, String counterpart,
            String period) {
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType("RESIDENCE_REGISTRATION").setEventDate(period + "-15")
                .setTimePeriod(period).setFlow(flow).setPersonPseudonym("p-" + recordId).setSex(sex)
                .setScope(flow == null ? MigrationScope.NOT_A_FLOW : MigrationScope.IN_SCOPE)
                .setAgeYears(22).setAgeGroup("Y20T24").setCitizenship(counterpart).setCountryOfBirth(counterpart)
                .setCounterpartArea(counterpart).setPurpose("WORK").setDurationClass("LONG_TERM")
                .setDurationBasis("INTENDED").setIntendedDurationDays(400)
                .setLineage(new Lineage("template", recordId, "b1", 2L, "1", "ref-1", START))
                .build();
    }

    private void pipe(String recordId, HarmonizedMigrationEvent event) {
        events.pipeInput(Topics.recordKey("template", recordId), event);
        driver.advanceWallClockTime(SendingTopology.FLUSH);
    }

    /** value of the observation FLOW=IMM, SEX=sex, AGE=_T, DURATION=_T (null when suppressed). */
    private static Observation imm(ExchangeDataset dataset, String sex) {
        return dataset.getObservations().stream()
                .filter(o -> o.getDimensions().get("FLOW").equals("IMM") && o.getDimensions().get("SEX").equals(sex)
                        && o.getDimensions().get("AGE").equals("_T") && o.getDimensions().get("DURATION").equals("_T"))
                .findFirst().orElseThrow(() -> new AssertionError("no IMM/" + sex + " in " + dataset));
    }

    private void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    @Test
    void duplicatesCorrectionsDeletionsAndLateRecordsRevisingAClosedPeriod() {
        for (int i = 1; i <= 6; i++) {
            pipe("m" + i, event("m" + i, "IMM", "M", "KGZ", "2026-03"));
        }
        for (int i = 1; i <= 5; i++) {
            pipe("f" + i, event("f" + i, "IMM", "F", "KGZ", "2026-03"));
        }
        pipe("exit", event("exit", null, "M", "KGZ", "2026-03"));       // not a flow: counts nowhere
        pipe("tjk", event("tjk", "IMM", "M", "TJK", "2026-03"));        // no agreement with TJK
        advance(Duration.ofSeconds(1));

        List<TestRecord<String, ExchangeDataset>> first = kgzInbox.readRecordsToList();
        assertThat(first).hasSize(1);
        ExchangeDataset r1 = first.getFirst().value();
        assertThat(first.getFirst().key()).isEqualTo("KAZ|MIGR_FLOW|2026-03");
        assertThat(r1.getRevision()).isEqualTo(1);
        assertThat(r1.getStatus()).isEqualTo("PROVISIONAL");
        assertThat(r1.getReceiver()).isEqualTo("KGZ");
        assertThat(r1.getKeyId()).isEqualTo("KAZ-TEST-1");
        assertThat(DatasetSignatures.verify(r1, publicKey)).isTrue();
        assertThat(imm(r1, "M").getValue()).isEqualTo(6L);
        assertThat(imm(r1, "F").getValue()).isEqualTo(5L);
        assertThat(imm(r1, "_T").getValue()).isEqualTo(11L);
        // FLOW=IMM x SEX {M,F,_T} x AGE {Y20T24,_T} x DURATION {LONG_TERM,_T}; nothing about TJK
        assertThat(r1.getObservations()).hasSize(12);
        List<DeliveryAuditRecord> audits = audit.readValuesToList();
        assertThat(audits).hasSize(1);
        assertThat(audits.getFirst().getChecksum()).isEqualTo(DatasetSignatures.checksum(r1));
        assertThat(audits.getFirst().getDatasetId()).isEqualTo(r1.getDatasetId());
        assertThat(audits.getFirst().getEvent()).isEqualTo("DELIVERED");
        Map<String, MigrationAggregate> cells = new HashMap<>(aggregates.readKeyValuesToMap());
        assertThat(cells.get(M_CELL).getCount()).isEqualTo(6L);
        assertThat(cells.get("KAZ|IMM|TJK|TJK|M|Y20T24|WORK|LONG_TERM|2026-03").getCount()).isEqualTo(1L);
        // the same men's only other cells are their stock on 1 April (MIGR_STOCK, the driver's clock is in April)
        assertThat(cells.keySet()).noneMatch(k -> k.contains("|KGZ|KGZ|M|") && !k.startsWith("KAZ|IMM|")
                && !k.startsWith("MIGR_STOCK|KAZ|KGZ|KGZ|M|"));

        // a duplicate changes nothing: no new revision
        pipe("m1", event("m1", "IMM", "M", "KGZ", "2026-03"));
        advance(Duration.ofSeconds(6));
        assertThat(kgzInbox.isEmpty()).isTrue();
        aggregates.readKeyValuesToMap().forEach((k, v) -> cells.put(k, v));
        assertThat(cells.get(M_CELL).getCount()).isEqualTo(6L);

        // a correction moves m1 from M to F: M 5, F 6 (the last delivery was 6 s ago: it goes at once)
        pipe("m1", event("m1", "IMM", "F", "KGZ", "2026-03"));
        advance(Duration.ofSeconds(1));
        List<ExchangeDataset> corrected = kgzInbox.readValuesToList();
        assertThat(corrected).hasSize(1);
        ExchangeDataset r2 = corrected.getFirst();
        assertThat(r2.getRevision()).isEqualTo(2);
        assertThat(imm(r2, "M").getValue()).isEqualTo(5L);
        assertThat(imm(r2, "F").getValue()).isEqualTo(6L);
        assertThat(imm(r2, "_T").getValue()).isEqualTo(11L);

        // a tombstone deletes m2: M 4 (suppressed), so one of F 6 and the total 10 goes too: the margins by sex are
        // kept first, so the total goes
        pipe("m2", null);
        advance(Duration.ofSeconds(2));
        assertThat(kgzInbox.isEmpty()).as("debounced: 2 s after the last delivery, the agreement says 5 s").isTrue();
        advance(Duration.ofSeconds(4));
        ExchangeDataset r3 = kgzInbox.readValuesToList().getLast();
        assertThat(r3.getRevision()).isEqualTo(3);
        assertThat(imm(r3, "M").getValue()).isNull();
        assertThat(imm(r3, "M").getConfStatus()).isEqualTo("C");
        assertThat(imm(r3, "F").getValue()).isEqualTo(6L);
        assertThat(imm(r3, "_T").getConfStatus()).isEqualTo("C");
        aggregates.readKeyValuesToMap().forEach((k, v) -> cells.put(k, v));
        assertThat(cells.get(M_CELL).getCount()).isEqualTo(4L);
        assertThat(DatasetSignatures.verify(r3, publicKey)).isTrue();

        // the period closes at 2026-04-01T01:00Z: the same table is re-delivered as FINAL
        advance(Duration.ofHours(1));
        List<ExchangeDataset> closing = kgzInbox.readValuesToList();
        assertThat(closing).hasSize(1);
        assertThat(closing.getFirst().getStatus()).isEqualTo("FINAL");
        assertThat(closing.getFirst().getRevision()).isEqualTo(4);
        assertThat(imm(closing.getFirst(), "F").getValue()).isEqualTo(6L);
        assertThat(imm(closing.getFirst(), "_T").getConfStatus()).isEqualTo("C");

        // late records of the closed period are held, not delivered (FINAL is final: FinalIsFinalTopologyTest)
        pipe("late", event("late", "IMM", "M", "KGZ", "2026-03"));
        pipe("late2", event("late2", "IMM", "M", "KGZ", "2026-03"));
        advance(Duration.ofSeconds(6));
        assertThat(kgzInbox.isEmpty()).isTrue();

        // an operator's revision publishes them: a new FINAL revision with the new count and the reason
        driver.createInputTopic(KAZ.revisionRequests().name(), Serdes.String().serializer(),
                serdes.revisionRequests().serializer()).pipeInput("KAZ-KGZ-MIGR_FLOW|2026-03",
                new org.migrex.schema.RevisionRequest("KAZ-KGZ-MIGR_FLOW", "2026-03", "two late registrations",
                        "kaz-ops", START));
        List<ExchangeDataset> late = kgzInbox.readValuesToList();
        assertThat(late).hasSize(1);
        assertThat(late.getFirst().getRevision()).isEqualTo(5);
        assertThat(late.getFirst().getStatus()).isEqualTo("FINAL");
        assertThat(late.getFirst().getRevisionReason()).isEqualTo("two late registrations");
        assertThat(imm(late.getFirst(), "M").getValue()).isEqualTo(6L);
        assertThat(imm(late.getFirst(), "F").getValue()).isEqualTo(6L);
        assertThat(imm(late.getFirst(), "_T").getValue()).isEqualTo(12L);

        // the audit has one DELIVERED entry per delivered revision, with the dataset's checksum, and the held changes
        List<DeliveryAuditRecord> trail = audit.readValuesToList();
        assertThat(trail).filteredOn(a -> a.getEvent().equals("DELIVERED"))
                .extracting(DeliveryAuditRecord::getRevision).containsExactly(2L, 3L, 4L, 5L);
        assertThat(trail).filteredOn(a -> a.getEvent().equals("LATE_CHANGES_HELD")).isNotEmpty()
                .allMatch(a -> a.getRevision() == 4L);
    }

    /**
     * An undeserializable event is skipped and the stream goes on. (Whether it lands on the dead-letter topic is
     * checked on a real broker: the TopologyTestDriver of Kafka 4.2 does not emit the handler's dead-letter records.)
     */
    @Test
    void undeserializableEventsAreSkippedAndTheStreamGoesOn() {
        TestInputTopic<byte[], byte[]> raw = driver.createInputTopic(KAZ.harmonizedEvents().name(),
                new ByteArraySerializer(), new ByteArraySerializer());
        raw.pipeInput("template|bad".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, 0x01, 0x02, 0x03});
        for (int i = 1; i <= 5; i++) {
            pipe("m" + i, event("m" + i, "IMM", "M", "KGZ", "2026-03"));
        }
        advance(Duration.ofSeconds(1));
        assertThat(imm(kgzInbox.readValuesToList().getLast(), "M").getValue()).isEqualTo(5L);
    }
}
