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
import org.migrex.exchange.sending.cube.TestAgreements;
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
 * MIGR_PERMITS through the sending side's functions (the binder's objects) on a TopologyTestDriver: every harmonized
 * permit counts once in its own cell (events, not persons: one person's two permits are two), a duplicate changes
 * nothing, a correction moves the count (to another cell, or out of the dataflow when the record becomes a
 * registration), a tombstone removes it; the cells reach {@code <cc>.aggregates} and a signed MIGR_PERMITS dataset
 * reaches the partner, next to (and separate from) the MIGR_FLOW one. Every expected value is worked out by hand from
 * the piped records and written as a literal.
 */
class PermitsCountingTest {
    private static final Topics KAZ = Topics.forNode("KAZ");
    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");
    private static final String WORK_M = "MIGR_PERMITS|KAZ|WORK_PERMIT|KGZ|M|Y20T24|WORK|2026-03";
    private static final String WORK_F = "MIGR_PERMITS|KAZ|WORK_PERMIT|KGZ|F|Y20T24|WORK|2026-03";
    private static final String RESIDENCE_F = "MIGR_PERMITS|KAZ|RESIDENCE_PERMIT|KGZ|F|Y30T34|FAMILY|2026-03";
    private static final String WORK_TJK = "MIGR_PERMITS|KAZ|WORK_PERMIT|TJK|M|Y20T24|WORK|2026-03";
    private static final String FLOW_M = "KAZ|IMM|KGZ|KGZ|M|Y20T24|WORK|LONG_TERM|2026-03";
    /** The immigrant's stock on 1 April 2026 (the driver's clock is in April; no birth date, so age _U). */
    private static final String STOCK_M = "MIGR_STOCK|KAZ|KGZ|KGZ|M|_U|2026-04";

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
        ExchangeAgreement permits = new ExchangeAgreement("KAZ-KGZ-MIGR_PERMITS", 1, "KGZ", "MIGR_PERMITS",
                Map.of("CITIZENSHIP", Set.of("KGZ")), List.of("PERMIT_TYPE", "SEX", "TIME_PERIOD"), 3,
                Duration.ofSeconds(5), Duration.ofHours(1), "test");
        ExchangeAgreement flows = TestAgreements.standard("KAZ", "KGZ", 5, Duration.ofSeconds(5), Duration.ofHours(1));
        var topology = SendingTopology.build(KAZ, List.of(flows, permits), serdes, signer, partner -> false);
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

    /** A harmonized permit as harmonization writes it: no FLOW, scope NOT_A_FLOW. */
    private static HarmonizedMigrationEvent permit(String recordId, String person, String type, String citizenship,
            String sex, String ageGroup, String purpose) {
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType(type).setEventDate("2026-03-12").setTimePeriod("2026-03")
                .setFlow(null).setScope(MigrationScope.NOT_A_FLOW).setPersonPseudonym(person).setSex(sex)
                .setAgeYears(null).setAgeGroup(ageGroup).setCitizenship(citizenship).setCountryOfBirth(citizenship)
                .setCounterpartArea("_U").setPurpose(purpose).setDurationClass("_U").setDurationBasis("_U")
                .setIntendedDurationDays(null)
                .setLineage(new Lineage("template", recordId, "b1", 2L, "1", "ref-1", START))
                .build();
    }

    private static HarmonizedMigrationEvent workPermit(String recordId, String person, String sex) {
        return permit(recordId, person, "WORK_PERMIT", "KGZ", sex, "Y20T24", "WORK");
    }

    /** An in-scope immigration from KGZ (MIGR_FLOW's cell FLOW_M). */
    private static HarmonizedMigrationEvent registration(String recordId, String person) {
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType("RESIDENCE_REGISTRATION").setEventDate("2026-03-15")
                .setTimePeriod("2026-03").setFlow("IMM").setScope(MigrationScope.IN_SCOPE).setPersonPseudonym(person)
                .setSex("M").setAgeYears(22).setAgeGroup("Y20T24").setCitizenship("KGZ").setCountryOfBirth("KGZ")
                .setCounterpartArea("KGZ").setPurpose("WORK").setDurationClass("LONG_TERM")
                .setDurationBasis("INTENDED").setIntendedDurationDays(400)
                .setLineage(new Lineage("template", recordId, "b1", 2L, "1", "ref-1", START))
                .build();
    }

    private void pipe(String recordId, HarmonizedMigrationEvent event) {
        events.pipeInput(Topics.recordKey("template", recordId), event);
        driver.advanceWallClockTime(SendingTopology.FLUSH);
    }

    private long count(String key) {
        aggregates.readKeyValuesToMap().forEach(cells::put);
        MigrationAggregate cell = cells.get(key);
        return cell == null ? 0 : cell.getCount();
    }

    /** PERMIT_TYPE/SEX to the observation of the permits dataset. */
    private static Map<String, Observation> bySexAndType(ExchangeDataset dataset) {
        Map<String, Observation> map = new LinkedHashMap<>();
        for (Observation o : dataset.getObservations()) {
            assertThat(o.getDimensions().keySet()).containsExactlyInAnyOrder("PERMIT_TYPE", "SEX", "TIME_PERIOD");
            map.put(o.getDimensions().get("PERMIT_TYPE") + "/" + o.getDimensions().get("SEX"), o);
        }
        return map;
    }

    private ExchangeDataset permitsDataset(List<TestRecord<String, ExchangeDataset>> delivered) {
        List<ExchangeDataset> permits = delivered.stream().filter(r -> r.key().equals("KAZ|MIGR_PERMITS|2026-03"))
                .map(TestRecord::value).toList();
        assertThat(permits).hasSize(1);
        return permits.getFirst();
    }

    @Test
    void permitsCountOnceEachAndCorrectionsMoveAndTombstonesRemoveThem() {
        // 4 work permits, men of KGZ (w1 and w2 one person: two permits, two counts), 3 of women, 5 residence permits
        // of women, 2 work permits of TJK men, and one in-scope immigration of a KGZ man (MIGR_FLOW, not a permit)
        pipe("w1", workPermit("w1", "p-x", "M"));
        pipe("w2", workPermit("w2", "p-x", "M"));
        pipe("w3", workPermit("w3", "p-w3", "M"));
        pipe("w4", workPermit("w4", "p-w4", "M"));
        for (int i = 1; i <= 3; i++) {
            pipe("f" + i, workPermit("f" + i, "p-f" + i, "F"));
        }
        for (int i = 1; i <= 5; i++) {
            pipe("r" + i, permit("r" + i, "p-r" + i, "RESIDENCE_PERMIT", "KGZ", "F", "Y30T34", "FAMILY"));
        }
        pipe("t1", permit("t1", "p-t1", "WORK_PERMIT", "TJK", "M", "Y20T24", "WORK"));
        pipe("t2", permit("t2", "p-t2", "WORK_PERMIT", "TJK", "M", "Y20T24", "WORK"));
        pipe("reg", registration("reg", "p-reg"));

        assertThat(count(WORK_M)).isEqualTo(4);
        assertThat(count(WORK_F)).isEqualTo(3);
        assertThat(count(RESIDENCE_F)).isEqualTo(5);
        assertThat(count(WORK_TJK)).isEqualTo(2);
        assertThat(count(FLOW_M)).isEqualTo(1);
        assertThat(cells.get(WORK_M).getDataflow()).isEqualTo("MIGR_PERMITS");
        assertThat(cells.get(WORK_M).getDimensions()).containsExactlyInAnyOrderEntriesOf(Map.of("REF_AREA", "KAZ",
                "PERMIT_TYPE", "WORK_PERMIT", "CITIZENSHIP", "KGZ", "SEX", "M", "AGE", "Y20T24", "PURPOSE", "WORK",
                "TIME_PERIOD", "2026-03"));
        assertThat(cells.get(FLOW_M).getDataflow()).isEqualTo("MIGR_FLOW");
        // the permits are in no flow, stock or quality counter, the registration in no permit cell: 4 permit cells,
        // 1 flow cell, the registration's 2 MIGR_QUALITY counters (a registration, counted, no unknown code) and its
        // person's stock on 1 April (arrived 2026-03-15, 400 days declared)
        assertThat(cells.keySet()).containsExactlyInAnyOrder(WORK_M, WORK_F, RESIDENCE_F, WORK_TJK, FLOW_M, STOCK_M,
                "MIGR_QUALITY|KAZ|template|IMM|REGISTRATIONS|2026-03", "MIGR_QUALITY|KAZ|template|IMM|COUNTED|2026-03");

        driver.advanceWallClockTime(Duration.ofSeconds(1));
        List<TestRecord<String, ExchangeDataset>> first = kgzInbox.readRecordsToList();
        // MIGR_FLOW (1 immigration, suppressed under k 5) and MIGR_PERMITS, each under its own key
        assertThat(first).extracting(TestRecord::key)
                .containsExactlyInAnyOrder("KAZ|MIGR_FLOW|2026-03", "KAZ|MIGR_PERMITS|2026-03");
        ExchangeDataset r1 = permitsDataset(first);
        assertThat(r1.getDataflow()).isEqualTo("MIGR_PERMITS");
        assertThat(r1.getAgreementId()).isEqualTo("KAZ-KGZ-MIGR_PERMITS");
        assertThat(r1.getRevision()).isEqualTo(1);
        assertThat(DatasetSignatures.verify(r1, publicKey)).isTrue();
        // CITIZENSHIP KGZ only (TJK filtered out); SEX totalled, PERMIT_TYPE not: WORK M 4, F 3, _T 7; RESIDENCE F 5, _T 5
        Map<String, Observation> table = bySexAndType(r1);
        assertThat(table.keySet()).containsExactly("RESIDENCE_PERMIT/F", "RESIDENCE_PERMIT/_T", "WORK_PERMIT/F",
                "WORK_PERMIT/M", "WORK_PERMIT/_T");
        assertThat(table.get("WORK_PERMIT/M").getValue()).isEqualTo(4L);
        assertThat(table.get("WORK_PERMIT/F").getValue()).isEqualTo(3L);
        assertThat(table.get("WORK_PERMIT/_T").getValue()).isEqualTo(7L);
        assertThat(table.get("RESIDENCE_PERMIT/F").getValue()).isEqualTo(5L);
        assertThat(table.get("RESIDENCE_PERMIT/_T").getValue()).isEqualTo(5L);
        assertThat(table.values()).extracting(Observation::getConfStatus).containsOnly("F");

        // a duplicate changes no count: nothing is written to the aggregates
        pipe("w2", workPermit("w2", "p-x", "M"));
        assertThat(aggregates.isEmpty()).isTrue();

        // tombstone w3: WORK M 3; correction f1 to a man: WORK M 4, F 2; correction w4 into an immigration (the
        // record is no permit any more): WORK M 3, and MIGR_FLOW's cell 2; tombstones t1, t2: the TJK cell 0
        pipe("w3", null);
        pipe("f1", workPermit("f1", "p-f1", "M"));
        pipe("w4", registration("w4", "p-w4"));
        pipe("t1", null);
        pipe("t2", null);
        // a tombstone of a record never seen changes nothing
        pipe("never", null);
        assertThat(count(WORK_M)).isEqualTo(3);
        assertThat(count(WORK_F)).isEqualTo(2);
        assertThat(count(RESIDENCE_F)).isEqualTo(5);
        assertThat(count(WORK_TJK)).isZero();
        assertThat(cells.get(WORK_TJK)).as("a cell that falls to 0 stays on the topic with 0").isNotNull();
        assertThat(count(FLOW_M)).isEqualTo(2);
        assertThat(count(STOCK_M)).isEqualTo(2);

        // revision 2: WORK M 3, F 2 (< k 3: suppressed), _T 5; F alone suppressed in the line WORK/{M, F, _T} would be
        // derived as 5 - 3, so the smallest other entry, M 3, is suppressed too; RESIDENCE unchanged
        driver.advanceWallClockTime(Duration.ofSeconds(6));
        ExchangeDataset r2 = permitsDataset(kgzInbox.readRecordsToList());
        assertThat(r2.getRevision()).isEqualTo(2);
        assertThat(DatasetSignatures.verify(r2, publicKey)).isTrue();
        Map<String, Observation> revised = bySexAndType(r2);
        assertThat(revised.get("WORK_PERMIT/M").getValue()).isNull();
        assertThat(revised.get("WORK_PERMIT/M").getConfStatus()).isEqualTo("C");
        assertThat(revised.get("WORK_PERMIT/F").getValue()).isNull();
        assertThat(revised.get("WORK_PERMIT/F").getConfStatus()).isEqualTo("C");
        assertThat(revised.get("WORK_PERMIT/_T").getValue()).isEqualTo(5L);
        assertThat(revised.get("RESIDENCE_PERMIT/F").getValue()).isEqualTo(5L);
        assertThat(revised.get("RESIDENCE_PERMIT/_T").getValue()).isEqualTo(5L);
        assertThat(revised).hasSize(5);
    }
}
