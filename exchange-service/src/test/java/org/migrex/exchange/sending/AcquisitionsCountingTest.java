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
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.Lineage;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.MigrationScope;
import org.migrex.schema.Observation;
import org.migrex.schema.Topics;

/**
 * MIGR_ACQ through the sending side's functions on a TopologyTestDriver: persons, not grant records. Of a person's
 * grants the earliest counts, in its own month and attributes; a second grant of the same person counts nowhere; the
 * deletion of the counted grant makes the next one count (a move to its month), a correction of a date, a correction
 * to another person or into a registration re-derives both persons; a duplicate writes nothing; a tombstone of a
 * person's only grant removes the person. Every expected value is worked out by hand and written as a literal.
 */
class AcquisitionsCountingTest {
    private static final Topics KAZ = Topics.forNode("KAZ");
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    private static final String KGZ_F_MARCH = "MIGR_ACQ|KAZ|KGZ|F|Y30T34|2026-03";
    private static final String KGZ_F_MAY = "MIGR_ACQ|KAZ|KGZ|F|Y30T34|2026-05";
    private static final String UNKNOWN_M_MARCH = "MIGR_ACQ|KAZ|_U|M|Y40T44|2026-03";

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
        // PROVISIONAL throughout (final-after ten years): corrections of a FINAL dataset would be held
        // (FinalIsFinalTopologyTest)
        ExchangeAgreement acquisitions = new ExchangeAgreement("KAZ-KGZ-MIGR_ACQ", 1, "KGZ", Dataflows.MIGR_ACQ,
                Map.of(), List.of("SEX", "TIME_PERIOD"), 1, Duration.ofSeconds(5), Duration.ofDays(3650), "test");
        var topology = SendingTopology.build(KAZ, List.of(acquisitions), serdes, signer, partner -> false);
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

    @AfterEach
    void stop() {
        driver.close();
    }

    /** A harmonized CITIZENSHIP_GRANT as harmonization writes it: no FLOW, scope NOT_A_FLOW. */
    private static HarmonizedMigrationEvent.Builder grant(String person, String date, String citizenship, String sex,
            String ageGroup) {
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType("CITIZENSHIP_GRANT").setEventDate(date)
                .setTimePeriod(date.substring(0, 7)).setFlow(null).setScope(MigrationScope.NOT_A_FLOW)
                .setPersonPseudonym(person).setSex(sex).setAgeYears(null).setAgeGroup(ageGroup)
                .setCitizenship(citizenship).setCountryOfBirth(citizenship).setCounterpartArea("_U").setPurpose("_U")
                .setDurationClass("_U").setDurationBasis("_U").setIntendedDurationDays(null)
                .setLineage(new Lineage("template", "g", "b1", 2L, "1", "ref-1", START));
    }

    private static HarmonizedMigrationEvent.Builder kgzWoman(String person, String date) {
        return grant(person, date, "KGZ", "F", "Y30T34");
    }

    /** An in-scope immigration (MIGR_FLOW), not a grant. */
    private static HarmonizedMigrationEvent.Builder immigration(String person, String date) {
        return kgzWoman(person, date).setEventType("RESIDENCE_REGISTRATION").setFlow("IMM")
                .setScope(MigrationScope.IN_SCOPE).setCounterpartArea("KGZ").setPurpose("FAMILY")
                .setDurationClass("LONG_TERM").setDurationBasis("REGISTRATION");
    }

    private void pipe(String recordId, HarmonizedMigrationEvent.Builder event) {
        events.pipeInput(Topics.recordKey("template", recordId), event == null ? null : event.build());
        driver.advanceWallClockTime(SendingTopology.FLUSH);
    }

    private long count(String key) {
        aggregates.readKeyValuesToMap().forEach(cells::put);
        MigrationAggregate cell = cells.get(key);
        return cell == null ? 0 : cell.getCount();
    }

    /** SEX to the observation of the newest MIGR_ACQ dataset of March 2026. */
    private Map<String, Observation> marchBySex() {
        driver.advanceWallClockTime(Duration.ofSeconds(6));
        List<ExchangeDataset> march = kgzInbox.readRecordsToList().stream()
                .filter(r -> r.key().equals("KAZ|MIGR_ACQ|2026-03")).map(TestRecord::value).toList();
        assertThat(march).isNotEmpty();
        ExchangeDataset dataset = march.getLast();
        assertThat(dataset.getDataflow()).isEqualTo("MIGR_ACQ");
        assertThat(DatasetSignatures.verify(dataset, publicKey)).isTrue();
        Map<String, Observation> bySex = new LinkedHashMap<>();
        for (Observation o : dataset.getObservations()) {
            assertThat(o.getDimensions().keySet()).containsExactlyInAnyOrder("SEX", "TIME_PERIOD");
            bySex.put(o.getDimensions().get("SEX"), o);
        }
        return bySex;
    }

    @Test
    void personsCountOnceByTheirEarliestGrantAndCorrectionsRederiveThem() {
        pipe("g1", kgzWoman("pA", "2026-03-10"));
        pipe("g2", kgzWoman("pA", "2026-05-02"));                          // pA again: the same act, no count
        pipe("g3", grant("pB", "2026-03-20", "KAZ", "M", "Y40T44"));       // already KAZ: previous unknown
        pipe("g4", kgzWoman("pC", "2026-03-15"));
        pipe("r1", immigration("pA", "2026-01-05"));                       // a registration of pA: MIGR_FLOW only

        assertThat(count(KGZ_F_MARCH)).isEqualTo(2);                       // pA (g1), pC (g4)
        assertThat(count(KGZ_F_MAY)).isZero();
        assertThat(count(UNKNOWN_M_MARCH)).isEqualTo(1);                   // pB (g3)
        assertThat(cells.get(KGZ_F_MARCH).getDataflow()).isEqualTo("MIGR_ACQ");
        assertThat(cells.get(KGZ_F_MARCH).getDimensions()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "REF_AREA", "KAZ", "CITIZENSHIP", "KGZ", "SEX", "F", "AGE", "Y30T34", "TIME_PERIOD", "2026-03"));
        assertThat(cells.keySet()).filteredOn(k -> k.startsWith("MIGR_ACQ|"))
                .containsExactlyInAnyOrder(KGZ_F_MARCH, UNKNOWN_M_MARCH);

        // SEX kept and totalled, k 1: F 2, M 1, _T 3
        Map<String, Observation> first = marchBySex();
        assertThat(first.keySet()).containsExactlyInAnyOrder("F", "M", "_T");
        assertThat(first.get("F").getValue()).isEqualTo(2L);
        assertThat(first.get("M").getValue()).isEqualTo(1L);
        assertThat(first.get("_T").getValue()).isEqualTo(3L);

        // a duplicate of a grant writes nothing
        pipe("g2", kgzWoman("pA", "2026-05-02"));
        assertThat(aggregates.isEmpty()).isTrue();

        // g1 deleted: pA's earliest is g2, in May
        pipe("g1", null);
        assertThat(count(KGZ_F_MARCH)).isEqualTo(1);
        assertThat(count(KGZ_F_MAY)).isEqualTo(1);
        // g2's date corrected to 1 March: pA moves back to March
        pipe("g2", kgzWoman("pA", "2026-03-01"));
        assertThat(count(KGZ_F_MAY)).isZero();
        assertThat(count(KGZ_F_MARCH)).isEqualTo(2);
        // g4 belonged to pB: pC has no grant any more (-1), pB's earliest is now g4 (15 March, before g3's 20th),
        // so pB moves from (_U, M, Y40T44) to g4's (KGZ, F, Y30T34)
        pipe("g4", kgzWoman("pB", "2026-03-15"));
        assertThat(count(UNKNOWN_M_MARCH)).isZero();
        assertThat(count(KGZ_F_MARCH)).isEqualTo(2);                       // pA (g2), pB (g4)
        // g3 corrected into a registration: pB's grants are g4 alone, the cell does not change
        pipe("g3", immigration("pB", "2026-03-20"));
        assertThat(aggregates.readKeyValuesToList()).noneMatch(kv -> kv.key.startsWith("MIGR_ACQ|"));
        // g4 deleted: pB has no grant
        pipe("g4", null);
        assertThat(count(KGZ_F_MARCH)).isEqualTo(1);                       // pA (g2)
        assertThat(count(UNKNOWN_M_MARCH)).isZero();
        assertThat(count(KGZ_F_MAY)).isZero();

        // the newest dataset of March: F 1, _T 1 (M is 0 and left out)
        Map<String, Observation> last = marchBySex();
        assertThat(last.keySet()).containsExactlyInAnyOrder("F", "_T");
        assertThat(last.get("F").getValue()).isEqualTo(1L);
        assertThat(last.get("_T").getValue()).isEqualTo(1L);
    }
}
