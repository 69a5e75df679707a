package org.migrex.exchange.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.Lineage;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.MigrationScope;
import org.migrex.schema.Topics;
import org.migrex.statistics.Quality;

/**
 * MIGR_QUALITY's LATE_AFTER_FINAL: registrations of a month harmonized at or after the instant from which the month's
 * datasets are FINAL (the earliest end of month + final-after of the node's agreements). Node KAZ has a MIGR_FLOW
 * agreement with final-after P2M and a MIGR_QUALITY agreement with P3M: January 2026 is FINAL from 2026-04-01T00:00Z
 * (the earlier of 1 April and 1 May). Every expected value is worked out by hand from the piped records.
 */
class LateRecordsQualityTest {
    private static final Topics KAZ = Topics.forNode("KAZ");
    private static final Instant START = Instant.parse("2026-07-01T00:00:00Z");
    private static final Instant JANUARY_FINAL = Instant.parse("2026-04-01T00:00:00Z");

    private static final ExchangeAgreement FLOW = new ExchangeAgreement("KAZ-KGZ-MIGR_FLOW", 1, "KGZ",
            Dataflows.MIGR_FLOW, Map.of("COUNTERPART_AREA", Set.of("KGZ")), List.of("FLOW", "SEX", "TIME_PERIOD"), 3,
            Duration.ofSeconds(5), Period.ofMonths(2), "test");
    private static final ExchangeAgreement QUALITY = new ExchangeAgreement("KAZ-KGZ-MIGR_QUALITY", 1, "KGZ",
            Dataflows.MIGR_QUALITY, Map.of(), List.of("INDICATOR", "TIME_PERIOD"), 3, Duration.ofSeconds(5),
            Period.ofMonths(3), "test");

    @TempDir
    Path dir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, HarmonizedMigrationEvent> events;
    private TestOutputTopic<String, MigrationAggregate> aggregates;
    private final Map<String, MigrationAggregate> cells = new HashMap<>();

    @BeforeEach
    void start() {
        Ed25519Keys.generate(dir.resolve("kaz.key"), dir.resolve("kaz.pub"));
        var signer = new DatasetSigner("KAZ-TEST-1", Ed25519Keys.readPrivate(dir.resolve("kaz.key")));
        var serdes = new SendingSerdes(AvroBinarySerde.of(HarmonizedMigrationEvent.class),
                AvroBinarySerde.of(MigrationAggregate.class), AvroBinarySerde.of(ExchangeDataset.class),
                AvroBinarySerde.of(DeliveryAuditRecord.class));
        var topology = SendingTopology.build(KAZ, List.of(FLOW, QUALITY), serdes, signer, partner -> false);
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
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static HarmonizedMigrationEvent.Builder registration(String person, String flow, String date,
            String harmonizedAt) {
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType(flow.equals("IMM") ? "RESIDENCE_REGISTRATION" : "DEREGISTRATION")
                .setEventDate(date).setTimePeriod(date.substring(0, 7)).setFlow(flow).setScope(MigrationScope.IN_SCOPE)
                .setPersonPseudonym(person).setSex("F").setAgeYears(30).setAgeGroup("Y30T34").setCitizenship("KGZ")
                .setCountryOfBirth("KGZ").setCounterpartArea("KGZ").setPurpose("WORK").setDurationClass("LONG_TERM")
                .setDurationBasis("REGISTRATION")
                .setLineage(new Lineage("template", "r", "b1", 2L, "1", "ref-1", Instant.parse(harmonizedAt)));
    }

    private void pipe(String source, String recordId, HarmonizedMigrationEvent.Builder event) {
        events.pipeInput(Topics.recordKey(source, recordId), event == null ? null : event.build());
        driver.advanceWallClockTime(SendingTopology.FLUSH);
    }

    private long quality(String source, String flow, String indicator, String month) {
        aggregates.readKeyValuesToMap().forEach(cells::put);
        MigrationAggregate cell = cells.get("MIGR_QUALITY|KAZ|" + source + "|" + flow + "|" + indicator + "|" + month);
        return cell == null ? 0 : cell.getCount();
    }

    @Test
    void registrationsHarmonizedOnceTheirMonthIsFinalAreCountedBySourceAndMonth() {
        pipe("template", "a1", registration("p1", "IMM", "2026-01-10", "2026-02-10T08:00:00Z"));
        pipe("template", "a2", registration("p2", "IMM", "2026-01-11", "2026-03-31T23:59:59.999Z"));
        assertThat(quality("template", "IMM", "REGISTRATIONS", "2026-01")).isEqualTo(2);
        assertThat(quality("template", "IMM", "LATE_AFTER_FINAL", "2026-01")).as("both before 1 April").isZero();

        // at the instant itself: late
        pipe("template", "a3", registration("p3", "IMM", "2026-01-12", "2026-04-01T00:00:00Z"));
        assertThat(quality("template", "IMM", "LATE_AFTER_FINAL", "2026-01")).isEqualTo(1);
        // out of scope counts too: it is a registration of the month accepted late
        pipe("template", "a4", registration("p4", "IMM", "2026-01-13", "2026-05-02T10:00:00Z")
                .setScope(MigrationScope.TEMPORARY_STAY));
        assertThat(quality("template", "IMM", "LATE_AFTER_FINAL", "2026-01")).isEqualTo(2);
        assertThat(quality("template", "IMM", "TEMPORARY_STAY", "2026-01")).isEqualTo(1);
        // another source and direction: its own cell
        pipe("almaty", "b1", registration("p5", "EMI", "2026-01-20", "2026-06-01T00:00:00Z"));
        assertThat(quality("almaty", "EMI", "LATE_AFTER_FINAL", "2026-01")).isEqualTo(1);
        assertThat(quality("almaty", "EMI", "REGISTRATIONS", "2026-01")).isEqualTo(1);
        // a late correction of an on-time record: its current version is late
        pipe("template", "a1", registration("p1", "IMM", "2026-01-10", "2026-06-02T00:00:00Z").setSex("M"));
        assertThat(quality("template", "IMM", "LATE_AFTER_FINAL", "2026-01")).isEqualTo(3);
        // a deletion removes the record from every counter, this one included
        pipe("template", "a3", null);
        assertThat(quality("template", "IMM", "LATE_AFTER_FINAL", "2026-01")).isEqualTo(2);
        assertThat(quality("template", "IMM", "REGISTRATIONS", "2026-01")).isEqualTo(3);
        // a month not FINAL yet (May 2026 is FINAL from 2026-08-01): not late
        pipe("template", "c1", registration("p6", "IMM", "2026-05-04", "2026-06-03T00:00:00Z"));
        assertThat(quality("template", "IMM", "REGISTRATIONS", "2026-05")).isEqualTo(1);
        assertThat(quality("template", "IMM", "LATE_AFTER_FINAL", "2026-05")).isZero();
        // a late permit is no registration: in no counter
        pipe("template", "w1", registration("p7", "IMM", "2026-01-05", "2026-06-04T00:00:00Z")
                .setEventType("WORK_PERMIT").setFlow(null).setScope(MigrationScope.NOT_A_FLOW));
        assertThat(quality("template", "IMM", "LATE_AFTER_FINAL", "2026-01")).isEqualTo(2);
        // a re-sent unchanged row after the close is accepted after FINAL again: still one record, counted once
        pipe("template", "a2", registration("p2", "IMM", "2026-01-11", "2026-06-05T00:00:00Z"));
        assertThat(quality("template", "IMM", "LATE_AFTER_FINAL", "2026-01")).isEqualTo(3);
        assertThat(quality("template", "IMM", "REGISTRATIONS", "2026-01")).isEqualTo(3);
    }

    @Test
    void theMonthIsFinalFromTheEarliestAgreementsClosing() {
        assertThat(Aggregation.firstFinalFrom(List.of(QUALITY, FLOW)).apply("2026-01")).isEqualTo(JANUARY_FINAL);
        assertThat(Aggregation.firstFinalFrom(List.of(QUALITY)).apply("2026-01"))
                .isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
        // 31 December: end of month is 1 January of the next year, plus two months
        assertThat(Aggregation.firstFinalFrom(List.of(FLOW)).apply("2025-12"))
                .isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(Aggregation.firstFinalFrom(List.of()).apply("2026-01")).as("no agreement: never FINAL").isNull();

        HarmonizedMigrationEvent before = registration("p", "IMM", "2026-01-10", "2026-03-31T23:59:59.999Z").build();
        HarmonizedMigrationEvent at = registration("p", "IMM", "2026-01-10", "2026-04-01T00:00:00Z").build();
        assertThat(Quality.isLate(before, JANUARY_FINAL)).isFalse();
        assertThat(Quality.isLate(at, JANUARY_FINAL)).isTrue();
        assertThat(Quality.isLate(at, null)).isFalse();
        assertThat(Quality.observationsOfEvent("template|a", at, JANUARY_FINAL))
                .extracting(o -> o.indicator().name()).containsExactly("REGISTRATIONS", "LATE_AFTER_FINAL");
        assertThat(Quality.observationsOfEvent("template|a", before, JANUARY_FINAL))
                .extracting(o -> o.indicator().name()).containsExactly("REGISTRATIONS");
    }
}
