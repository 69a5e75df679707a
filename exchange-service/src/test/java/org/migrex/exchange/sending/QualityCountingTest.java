package org.migrex.exchange.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.IntakeQualityDelta;
import org.migrex.schema.Lineage;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.MigrationScope;
import org.migrex.schema.Observation;
import org.migrex.schema.Topics;

/**
 * MIGR_QUALITY through the sending side's functions on a TopologyTestDriver: per record REGISTRATIONS and its
 * out-of-scope reason, from each person's history COUNTED (with its unknowns) or RENEWAL; corrections move the
 * counters (also when the deletion of one registration turns another person's renewal into a count), deletions and
 * a correction into a non-registration remove them; a signed MIGR_QUALITY dataset goes through the same table and
 * primary suppression (k) as every dataflow. Every expected value is worked out by hand from the piped records and
 * written as a literal.
 */
class QualityCountingTest {
    private static final Topics KAZ = Topics.forNode("KAZ");
    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");

    @TempDir
    Path dir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, HarmonizedMigrationEvent> events;
    private TestOutputTopic<String, MigrationAggregate> aggregates;
    private TestOutputTopic<String, ExchangeDataset> kgzInbox;
    private PublicKey publicKey;
    private final Map<String, MigrationAggregate> cells = new HashMap<>();

    @BeforeEach
    void start() {
        Ed25519Keys.generate(dir.resolve("kaz.key"), dir.resolve("kaz.pub"));
        publicKey = Ed25519Keys.readPublic(dir.resolve("kaz.pub"));
        var signer = new DatasetSigner("KAZ-TEST-1", Ed25519Keys.readPrivate(dir.resolve("kaz.key")));
        var serdes = new SendingSerdes(AvroBinarySerde.of(HarmonizedMigrationEvent.class),
                AvroBinarySerde.of(MigrationAggregate.class), AvroBinarySerde.of(ExchangeDataset.class),
                AvroBinarySerde.of(DeliveryAuditRecord.class));
        // the template source's immigrations, by indicator; no totalled dimension kept, so only primary suppression;
        // PROVISIONAL throughout (final-after ten years): corrections of a FINAL dataset would be held
        // (FinalIsFinalTopologyTest)
        ExchangeAgreement quality = new ExchangeAgreement("KAZ-KGZ-MIGR_QUALITY", 1, "KGZ",
                org.migrex.exchange.dataflow.Dataflows.MIGR_QUALITY,
                Map.of("SOURCE", Set.of("template"), "FLOW", Set.of("IMM")), List.of("INDICATOR", "TIME_PERIOD"), 2,
                Duration.ofSeconds(5), Duration.ofDays(3650), "test");
        var topology = SendingTopology.build(KAZ, List.of(quality), serdes, signer, partner -> false);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "migrex-kaz-exchange");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        driver = new TopologyTestDriver(topology, props, START);
        events = driver.createInputTopic(KAZ.harmonizedEvents().name(), Serdes.String().serializer(),
                serdes.events().serializer(), START, Duration.ofMillis(10));
        aggregates = driver.createOutputTopic(KAZ.aggregates().name(), Serdes.String().deserializer(),
                serdes.aggregates().deserializer());
        kgzInbox = driver.createOutputTopic(Topics.inbox("KGZ").name(), Serdes.String().deserializer(),
                serdes.datasets().deserializer());
    }

    @Test
    void intakeCountersAddUpTheDeltasIngestionAndHarmonizationWrote() {
        var intake = driver.createInputTopic(KAZ.intakeQuality().name(), Serdes.String().serializer(),
                AvroBinarySerde.of(IntakeQualityDelta.class).serializer(), START, Duration.ofMillis(10));
        // two uploads of the template source: 10 rows (8 accepted) and 5 rows (5 accepted) of March 2025, and
        // one row of the first upload whose date could not be read, counted in the month it was received
        List<IntakeQualityDelta> writes = List.of(
                new IntakeQualityDelta("template", "2025-03", "ROWS_RECEIVED", 9L),
                new IntakeQualityDelta("template", "2025-03", "ROWS_ACCEPTED", 8L),
                new IntakeQualityDelta("template", "2025-03", "ROWS_REJECTED", 1L),
                new IntakeQualityDelta("template", "2025-05", "ROWS_RECEIVED", 1L),
                new IntakeQualityDelta("template", "2025-05", "ROWS_REJECTED", 1L),
                new IntakeQualityDelta("template", "2025-03", "ROWS_RECEIVED", 5L),
                new IntakeQualityDelta("template", "2025-03", "ROWS_ACCEPTED", 5L),
                // harmonization: two records quarantined (one with two rules), then one of them released
                new IntakeQualityDelta("template", "2025-03", "QUARANTINED", 1L),
                new IntakeQualityDelta("template", "2025-03", "QUARANTINED_COUNTRY_UNKNOWN", 1L),
                new IntakeQualityDelta("template", "2025-03", "QUARANTINED", 1L),
                new IntakeQualityDelta("template", "2025-03", "QUARANTINED_COUNTRY_UNKNOWN", 1L),
                new IntakeQualityDelta("template", "2025-03", "QUARANTINED_SEX_UNKNOWN", 1L),
                new IntakeQualityDelta("template", "2025-03", "QUARANTINED", -1L),
                new IntakeQualityDelta("template", "2025-03", "QUARANTINED_COUNTRY_UNKNOWN", -1L),
                // not written by ingestion or harmonization: a counter of the harmonized records, a bad month
                new IntakeQualityDelta("template", "2025-03", "REGISTRATIONS", 100L),
                new IntakeQualityDelta("template", "March", "ROWS_RECEIVED", 100L));
        for (IntakeQualityDelta delta : writes) {
            intake.pipeInput(Topics.intakeQualityKey(delta), delta);
        }
        driver.advanceWallClockTime(SendingTopology.FLUSH);

        assertThat(quality("template", "_Z", "ROWS_RECEIVED", "2025-03")).isEqualTo(14);
        assertThat(quality("template", "_Z", "ROWS_ACCEPTED", "2025-03")).isEqualTo(13);
        assertThat(quality("template", "_Z", "ROWS_REJECTED", "2025-03")).isEqualTo(1);
        assertThat(quality("template", "_Z", "ROWS_RECEIVED", "2025-05")).isEqualTo(1);
        assertThat(quality("template", "_Z", "ROWS_REJECTED", "2025-05")).isEqualTo(1);
        assertThat(quality("template", "_Z", "QUARANTINED", "2025-03")).isEqualTo(1);
        assertThat(quality("template", "_Z", "QUARANTINED_COUNTRY_UNKNOWN", "2025-03")).isEqualTo(1);
        assertThat(quality("template", "_Z", "QUARANTINED_SEX_UNKNOWN", "2025-03")).isEqualTo(1);
        assertThat(cells.keySet()).as("only the intake counters' own cells").allMatch(k -> k.contains("|_Z|"))
                .noneMatch(k -> k.contains("REGISTRATIONS") || k.contains("March"));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** A registration of a KGZ woman aged 30-34 from KGZ, long-term, for work, in scope unless told otherwise. */
    private static HarmonizedMigrationEvent.Builder registration(String person, String flow, String date) {
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType(flow.equals("IMM") ? "RESIDENCE_REGISTRATION" : "DEREGISTRATION")
                .setEventDate(date).setTimePeriod(date.substring(0, 7)).setFlow(flow).setScope(MigrationScope.IN_SCOPE)
                .setPersonPseudonym(person).setSex("F").setAgeYears(30).setAgeGroup("Y30T34").setCitizenship("KGZ")
                .setCountryOfBirth("KGZ").setCounterpartArea("KGZ").setPurpose("WORK").setDurationClass("LONG_TERM")
                .setDurationBasis("REGISTRATION")
                .setLineage(new Lineage("template", "r", "b1", 2L, "1", "ref-1", START));
    }

    private static HarmonizedMigrationEvent.Builder workPermit(String person, String date) {
        return registration(person, "IMM", date).setEventType("WORK_PERMIT").setFlow(null)
                .setScope(MigrationScope.NOT_A_FLOW).setDurationClass("_U").setDurationBasis("_U");
    }

    private void pipe(String source, String recordId, HarmonizedMigrationEvent.Builder event) {
        events.pipeInput(Topics.recordKey(source, recordId), event == null ? null : event.build());
        driver.advanceWallClockTime(SendingTopology.FLUSH);
    }

    private void pipe(String recordId, HarmonizedMigrationEvent.Builder event) {
        pipe("template", recordId, event);
    }

    private long quality(String source, String flow, String indicator, String month) {
        aggregates.readKeyValuesToMap().forEach(cells::put);
        MigrationAggregate cell = cells.get("MIGR_QUALITY|KAZ|" + source + "|" + flow + "|" + indicator + "|" + month);
        return cell == null ? 0 : cell.getCount();
    }

    /** The template source's immigrations of January 2025, indicator to count. */
    private Map<String, Long> templateImmigrations() {
        Map<String, Long> byIndicator = new LinkedHashMap<>();
        for (String indicator : List.of("REGISTRATIONS", "INTERNAL_OR_UNKNOWN", "TEMPORARY_STAY", "EXCLUDED_PURPOSE",
                "SCOPE_NOT_CLASSIFIED", "RENEWAL", "COUNTED", "SEX_UNKNOWN", "AGE_UNKNOWN", "COUNTERPART_UNKNOWN",
                "DURATION_UNKNOWN")) {
            byIndicator.put(indicator, quality("template", "IMM", indicator, "2025-01"));
        }
        return byIndicator;
    }

    @Test
    void recordsAreCountedByReasonAndCorrectionsAndDeletionsMoveTheCounters() {
        pipe("a1", registration("p1", "IMM", "2025-01-10"));                       // counted
        pipe("a2", registration("p1", "IMM", "2025-01-20"));                       // renewal of a1
        pipe("a3", registration("p1", "IMM", "2025-01-25").setScope(MigrationScope.TEMPORARY_STAY));
        pipe("a4", registration("p1", "EMI", "2025-01-28").setScope(MigrationScope.INTERNAL_OR_UNKNOWN));
        pipe("a5", registration("p1", "IMM", "2025-01-05").setScope(null));        // harmonized before v2
        pipe("a6", registration("p1", "IMM", "2025-01-06").setScope(MigrationScope.EXCLUDED_PURPOSE));
        pipe("b1", registration("p2", "IMM", "2025-01-15").setSex("_U").setAgeGroup("_U").setAgeYears(null)
                .setCounterpartArea("_U").setDurationClass("_U"));                 // counted, four unknowns
        pipe("kaz-mvd", "k1", registration("p3", "IMM", "2025-01-11"));            // counted, another source
        pipe("w1", workPermit("p4", "2025-01-12"));                                // no FLOW: no quality counter

        // template IMM 2025-01: registrations a1 a2 a3 a5 a6 b1 = 6 = 1 temporary (a3) + 1 excluded purpose (a6)
        // + 1 not classified (a5) + 1 renewal (a2) + 2 counted (a1, b1); b1's four unknowns
        assertThat(templateImmigrations()).isEqualTo(Map.ofEntries(
                Map.entry("REGISTRATIONS", 6L), Map.entry("INTERNAL_OR_UNKNOWN", 0L), Map.entry("TEMPORARY_STAY", 1L),
                Map.entry("EXCLUDED_PURPOSE", 1L), Map.entry("SCOPE_NOT_CLASSIFIED", 1L), Map.entry("RENEWAL", 1L),
                Map.entry("COUNTED", 2L), Map.entry("SEX_UNKNOWN", 1L), Map.entry("AGE_UNKNOWN", 1L),
                Map.entry("COUNTERPART_UNKNOWN", 1L), Map.entry("DURATION_UNKNOWN", 1L)));
        assertThat(quality("template", "EMI", "REGISTRATIONS", "2025-01")).isEqualTo(1);
        assertThat(quality("template", "EMI", "INTERNAL_OR_UNKNOWN", "2025-01")).isEqualTo(1);
        assertThat(quality("kaz-mvd", "IMM", "REGISTRATIONS", "2025-01")).isEqualTo(1);
        assertThat(quality("kaz-mvd", "IMM", "COUNTED", "2025-01")).isEqualTo(1);
        assertThat(cells.get("MIGR_QUALITY|KAZ|template|IMM|COUNTED|2025-01").getDimensions())
                .containsExactlyInAnyOrderEntriesOf(Map.of("REF_AREA", "KAZ", "SOURCE", "template", "FLOW", "IMM",
                        "INDICATOR", "COUNTED", "TIME_PERIOD", "2025-01"));

        // a duplicate changes no count
        pipe("a2", registration("p1", "IMM", "2025-01-20"));
        assertThat(aggregates.isEmpty()).isTrue();

        // deleting a1 makes a2 count: renewal 0, counted 2 (a2, b1), registrations 5
        pipe("a1", null);
        assertThat(quality("template", "IMM", "REGISTRATIONS", "2025-01")).isEqualTo(5);
        assertThat(quality("template", "IMM", "RENEWAL", "2025-01")).isZero();
        assertThat(quality("template", "IMM", "COUNTED", "2025-01")).isEqualTo(2);
        // a3 corrected into scope: a renewal of a2 (5 days later; a4 is out of scope, so no emigration between)
        pipe("a3", registration("p1", "IMM", "2025-01-25"));
        assertThat(quality("template", "IMM", "TEMPORARY_STAY", "2025-01")).isZero();
        assertThat(quality("template", "IMM", "RENEWAL", "2025-01")).isEqualTo(1);
        // b1's sex corrected: still counted, sex no longer unknown
        pipe("b1", registration("p2", "IMM", "2025-01-15").setAgeGroup("_U").setAgeYears(null)
                .setCounterpartArea("_U").setDurationClass("_U"));
        assertThat(quality("template", "IMM", "SEX_UNKNOWN", "2025-01")).isZero();
        // a6 corrected into a permit: no registration any more
        pipe("a6", workPermit("p1", "2025-01-06"));
        // k1 corrected to February: its counters move month
        pipe("kaz-mvd", "k1", registration("p3", "IMM", "2025-02-11"));
        assertThat(quality("kaz-mvd", "IMM", "REGISTRATIONS", "2025-01")).isZero();
        assertThat(quality("kaz-mvd", "IMM", "COUNTED", "2025-01")).isZero();
        assertThat(quality("kaz-mvd", "IMM", "REGISTRATIONS", "2025-02")).isEqualTo(1);
        assertThat(quality("kaz-mvd", "IMM", "COUNTED", "2025-02")).isEqualTo(1);
        // a4 deleted: the EMI counters fall to 0
        pipe("a4", null);
        assertThat(quality("template", "EMI", "REGISTRATIONS", "2025-01")).isZero();
        assertThat(quality("template", "EMI", "INTERNAL_OR_UNKNOWN", "2025-01")).isZero();

        // template IMM 2025-01 now: registrations a2 a3 a5 b1 = 4 = 1 not classified (a5) + 1 renewal (a3)
        // + 2 counted (a2, b1); b1 still has age, counterpart and duration unknown
        Map<String, Long> now = templateImmigrations();
        assertThat(now.get("REGISTRATIONS")).isEqualTo(4);
        assertThat(now.get("INTERNAL_OR_UNKNOWN")).isZero();
        assertThat(now.get("TEMPORARY_STAY")).isZero();
        assertThat(now.get("EXCLUDED_PURPOSE")).isZero();
        assertThat(now.get("SCOPE_NOT_CLASSIFIED")).isEqualTo(1);
        assertThat(now.get("RENEWAL")).isEqualTo(1);
        assertThat(now.get("COUNTED")).isEqualTo(2);
        assertThat(now.get("SEX_UNKNOWN")).isZero();
        assertThat(now.get("AGE_UNKNOWN")).isEqualTo(1);
        assertThat(now.get("COUNTERPART_UNKNOWN")).isEqualTo(1);
        assertThat(now.get("DURATION_UNKNOWN")).isEqualTo(1);

        // the delivered table (SOURCE template, FLOW IMM; INDICATOR and TIME_PERIOD kept, k 2): the non-zero
        // indicators, no _T over INDICATOR; 1 < k is suppressed, REGISTRATIONS 4 and COUNTED 2 are free
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        List<ExchangeDataset> january = kgzInbox.readRecordsToList().stream()
                .filter(r -> r.key().equals("KAZ|MIGR_QUALITY|2025-01")).map(TestRecord::value).toList();
        assertThat(january).hasSize(1);
        ExchangeDataset dataset = january.getFirst();
        assertThat(dataset.getDataflow()).isEqualTo("MIGR_QUALITY");
        assertThat(DatasetSignatures.verify(dataset, publicKey)).isTrue();
        Map<String, Observation> table = new LinkedHashMap<>();
        for (Observation o : dataset.getObservations()) {
            assertThat(o.getDimensions().keySet()).containsExactlyInAnyOrder("INDICATOR", "TIME_PERIOD");
            table.put(o.getDimensions().get("INDICATOR"), o);
        }
        assertThat(table.keySet()).containsExactlyInAnyOrder("REGISTRATIONS", "SCOPE_NOT_CLASSIFIED", "RENEWAL",
                "COUNTED", "AGE_UNKNOWN", "COUNTERPART_UNKNOWN", "DURATION_UNKNOWN");
        assertThat(table.get("REGISTRATIONS").getValue()).isEqualTo(4L);
        assertThat(table.get("REGISTRATIONS").getConfStatus()).isEqualTo("F");
        assertThat(table.get("COUNTED").getValue()).isEqualTo(2L);
        for (String small : List.of("SCOPE_NOT_CLASSIFIED", "RENEWAL", "AGE_UNKNOWN", "COUNTERPART_UNKNOWN",
                "DURATION_UNKNOWN")) {
            assertThat(table.get(small).getValue()).as(small).isNull();
            assertThat(table.get(small).getConfStatus()).as(small).isEqualTo("C");
        }
    }
}
