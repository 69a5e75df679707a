package org.migrex.exchange.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.Lineage;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.MigrationScope;
import org.migrex.schema.Topics;

/**
 * The aggregation counts persons, not registrations (statistical definitions v2), through the bound function on a
 * TopologyTestDriver: renewals, an emigration between two immigrations, out-of-scope events, the deletion of a
 * person's first registration, a correction that moves a record to another person, and a duplicate. Every expected
 * count is worked out by hand from BRIEF.md's rule and written as a literal.
 */
class PersonCountingTest {
    private static final Topics KAZ = Topics.forNode("KAZ");

    @TempDir
    Path dir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, HarmonizedMigrationEvent> events;
    private TestOutputTopic<String, MigrationAggregate> aggregates;
    private final Map<String, Long> counts = new HashMap<>();

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        var eventSerde = AvroBinarySerde.of(HarmonizedMigrationEvent.class);
        var aggregateSerde = AvroBinarySerde.of(MigrationAggregate.class);
        new Aggregation(KAZ, aggregateSerde, SendingTopology.FLUSH).accept(builder.stream(KAZ.harmonizedEvents().name(),
                Consumed.with(Serdes.String(), eventSerde)), builder.stream(KAZ.intakeQuality().name(),
                Consumed.with(Serdes.String(), AvroBinarySerde.of(org.migrex.schema.IntakeQualityDelta.class))));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "migrex-kaz-exchange-aggregation");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        driver = new TopologyTestDriver(builder.build(), props);
        events = driver.createInputTopic(KAZ.harmonizedEvents().name(), Serdes.String().serializer(),
                eventSerde.serializer());
        aggregates = driver.createOutputTopic(KAZ.aggregates().name(), Serdes.String().deserializer(),
                aggregateSerde.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static HarmonizedMigrationEvent.Builder registration(String person, String flow, String date) {
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType(flow.equals("IMM") ? "RESIDENCE_REGISTRATION" : "DEREGISTRATION")
                .setEventDate(date).setTimePeriod(date.substring(0, 7)).setFlow(flow).setScope(MigrationScope.IN_SCOPE)
                .setPersonPseudonym(person).setSex("F").setAgeYears(30).setAgeGroup("Y30T34").setCitizenship("KGZ")
                .setCountryOfBirth("KGZ").setCounterpartArea("KGZ").setPurpose("WORK").setDurationClass("LONG_TERM")
                .setDurationBasis("REGISTRATION")
                .setLineage(new Lineage("template", "r", "b1", 2L, "1", "ref-1", Instant.EPOCH));
    }

    private void pipe(String recordId, HarmonizedMigrationEvent.Builder event) {
        events.pipeInput(Topics.recordKey("template", recordId), event == null ? null : event.build());
        driver.advanceWallClockTime(SendingTopology.FLUSH);
        aggregates.readKeyValuesToList().forEach(kv -> counts.put(kv.key, kv.value.getCount()));
    }

    /** The count of women from KGZ aged 30-34, long-term, for work, in the given month and direction. */
    private long count(String flow, String month) {
        return counts.getOrDefault("KAZ|" + flow + "|KGZ|KGZ|F|Y30T34|WORK|LONG_TERM|" + month, 0L);
    }

    @Test
    void aRenewalWithinTwelveMonthsIsNotCountedAndAnEmigrationBetweenEndsTheChain() {
        pipe("a1", registration("p-a", "IMM", "2025-01-10"));
        pipe("a2", registration("p-a", "IMM", "2025-06-10"));   // renewal: 5 months after a1
        pipe("a3", registration("p-a", "IMM", "2026-01-10"));   // renewal: 7 months after a2 (the chain goes on)
        assertThat(count("IMM", "2025-01")).isEqualTo(1);
        assertThat(count("IMM", "2025-06")).isZero();
        assertThat(count("IMM", "2026-01")).isZero();

        pipe("b1", registration("p-b", "IMM", "2025-01-10"));
        pipe("b2", registration("p-b", "EMI", "2025-03-01"));
        pipe("b3", registration("p-b", "IMM", "2025-05-20"));   // after an emigration: a new immigration
        assertThat(count("IMM", "2025-01")).isEqualTo(2);
        assertThat(count("EMI", "2025-03")).isEqualTo(1);
        assertThat(count("IMM", "2025-05")).isEqualTo(1);
    }

    @Test
    void eventsOutOfScopeAreNotCountedAndDoNotMakeARenewal() {
        pipe("t1", registration("p-t", "IMM", "2025-02-01").setScope(MigrationScope.TEMPORARY_STAY));
        pipe("t2", registration("p-t", "IMM", "2025-02-20").setScope(MigrationScope.INTERNAL_OR_UNKNOWN));
        pipe("t3", registration("p-t", "IMM", "2025-02-25").setScope(null)); // harmonized before definitions v2
        assertThat(count("IMM", "2025-02")).isZero();
        pipe("t4", registration("p-t", "IMM", "2025-03-05"));
        assertThat(count("IMM", "2025-03")).isEqualTo(1);
    }

    @Test
    void deletingAPersonsFirstRegistrationMakesTheNextOneCount() {
        pipe("d1", registration("p-d", "IMM", "2025-01-10"));
        pipe("d2", registration("p-d", "IMM", "2025-04-10"));
        assertThat(count("IMM", "2025-01")).isEqualTo(1);
        assertThat(count("IMM", "2025-04")).isZero();
        pipe("d1", null);
        assertThat(count("IMM", "2025-01")).isZero();
        assertThat(count("IMM", "2025-04")).isEqualTo(1);
    }

    @Test
    void aCorrectionToAnotherPersonRederivesBothPersonsAndADuplicateChangesNothing() {
        pipe("c1", registration("p-c", "IMM", "2025-01-10"));
        pipe("c2", registration("p-c", "IMM", "2025-02-10"));   // renewal of c1
        pipe("e1", registration("p-e", "IMM", "2025-02-15"));
        assertThat(count("IMM", "2025-01")).isEqualTo(1);
        assertThat(count("IMM", "2025-02")).isEqualTo(1);

        // c1 was keyed to the wrong person: it belongs to p-e. Then p-c's c2 counts, and e1 renews c1 under p-e.
        pipe("c1", registration("p-e", "IMM", "2025-01-10"));
        assertThat(count("IMM", "2025-01")).isEqualTo(1);       // c1, now p-e's first
        assertThat(count("IMM", "2025-02")).isEqualTo(1);       // c2 (p-c's first); e1 is a renewal

        var updatesBefore = counts.size();
        pipe("c1", registration("p-e", "IMM", "2025-01-10"));   // the same version again
        assertThat(aggregates.isEmpty()).isTrue();
        assertThat(counts).hasSize(updatesBefore);
        assertThat(count("IMM", "2025-01")).isEqualTo(1);
    }

    @Test
    void aCorrectionOfACountedRegistrationsAttributesMovesItsCount() {
        pipe("s1", registration("p-s", "IMM", "2025-01-10"));
        pipe("s1", registration("p-s", "IMM", "2025-01-10").setSex("M"));
        assertThat(count("IMM", "2025-01")).isZero();
        assertThat(counts.get("KAZ|IMM|KGZ|KGZ|M|Y30T34|WORK|LONG_TERM|2025-01")).isEqualTo(1);
    }

    @Test
    void anUnreadableRegistrationCountsNowhereAndTheStreamGoesOn() {
        pipe("x1", registration("p-x", "IMM", "2025-01-10").setEventDate("10.01.2025"));
        pipe("x2", registration("p-x", "IMM", "2025-01-12"));
        assertThat(count("IMM", "2025-01")).isEqualTo(1);
    }
}
