package org.migrex.exchange.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
 * MIGR_STOCK through the sending side's functions on a TopologyTestDriver whose wall clock says "now": a person
 * counts on the first day of each month after their long-term immigration, in the cell of that immigration's
 * citizenship, country of birth and sex and of their age on that day; an emigration ends it, a short-term stay never
 * starts it, a correction moves it and a deletion removes it; no month after the current one (in the configured zone,
 * Asia/Almaty here, UTC+5) is counted until it starts, and then the residents are added by the punctuator. Every
 * expected value is worked out by hand from the definition (BRIEF.md, statistical definitions v2) and written as a
 * literal.
 */
class StockCountingTest {
    private static final Topics KAZ = Topics.forNode("KAZ");
    /** 15:00 on 20 March 2026 in Almaty: the horizon is March 2026. */
    private static final Instant START = Instant.parse("2026-03-20T10:00:00Z");
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");

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
        ExchangeAgreement stock = new ExchangeAgreement("KAZ-KGZ-MIGR_STOCK", 1, "KGZ", Dataflows.MIGR_STOCK,
                Map.of("CITIZENSHIP", Set.of("KGZ")), List.of("SEX", "AGE", "TIME_PERIOD"), 1,
                Duration.ofSeconds(5), Duration.ofHours(1), "test");
        var topology = SendingTopology.build(KAZ, List.of(stock), serdes, signer, partner -> false,
                new ExchangeProperties.Stock(ALMATY, Duration.ofMinutes(1), SendingTopology.FLUSH));
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

    /** An in-scope registration as harmonization writes it: from (or to) KGZ, a long-term stay without days. */
    private static HarmonizedMigrationEvent.Builder registration(String eventType, String date, String person,
            String sex, String birthDate, String citizenship, String countryOfBirth) {
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType(eventType).setEventDate(date).setTimePeriod(date.substring(0, 7))
                .setFlow(eventType.equals("DEREGISTRATION") ? "EMI" : "IMM").setScope(MigrationScope.IN_SCOPE)
                .setPersonPseudonym(person).setSex(sex).setBirthDate(birthDate).setAgeYears(null).setAgeGroup("_U")
                .setCitizenship(citizenship).setCountryOfBirth(countryOfBirth).setCounterpartArea("KGZ")
                .setPurpose("WORK").setDurationClass("LONG_TERM").setDurationBasis("REGISTRATION")
                .setIntendedDurationDays(null)
                .setLineage(new Lineage("template", "r", "b1", 2L, "1", "ref-1", START));
    }

    private void pipe(String recordId, HarmonizedMigrationEvent.Builder event) {
        events.pipeInput(Topics.recordKey("template", recordId), event == null ? null : event.build());
        driver.advanceWallClockTime(SendingTopology.FLUSH);
    }

    private long count(String key) {
        read();
        MigrationAggregate cell = cells.get(key);
        return cell == null ? 0 : cell.getCount();
    }

    private Map<String, MigrationAggregate> read() {
        aggregates.readKeyValuesToMap().forEach(cells::put);
        return cells;
    }

    /** The MIGR_STOCK cells with a count other than 0, key to count. */
    private Map<String, Long> stock() {
        Map<String, Long> stock = new java.util.TreeMap<>();
        read().forEach((key, cell) -> {
            if (key.startsWith("MIGR_STOCK|") && cell.getCount() != 0) {
                stock.put(key, cell.getCount());
            }
        });
        return stock;
    }

    @Test
    void residentsOnTheFirstDayOfEachMonthUpToTheCurrentOne() {
        // A: KGZ woman, born 1991-02-10, arrives 2026-01-15. Not in on 2026-01-01 (not arrived), in on 2026-02-01
        // aged 34 (Y30T34) and on 2026-03-01 aged 35 (Y35T39: her birthday came between)
        pipe("a1", registration("RESIDENCE_REGISTRATION", "2026-01-15", "pA", "F", "1991-02-10", "KGZ", "KGZ"));
        // B: KGZ man born in Russia, 1980-06-01 (45 on both dates), arrives 2026-01-10: in on 02-01 and 03-01
        pipe("b1", registration("RESIDENCE_REGISTRATION", "2026-01-10", "pB", "M", "1980-06-01", "KGZ", "RUS"));
        assertThat(stock()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MIGR_STOCK|KAZ|KGZ|KGZ|F|Y30T34|2026-02", 1L,
                "MIGR_STOCK|KAZ|KGZ|KGZ|F|Y35T39|2026-03", 1L,
                "MIGR_STOCK|KAZ|KGZ|RUS|M|Y45T49|2026-02", 1L,
                "MIGR_STOCK|KAZ|KGZ|RUS|M|Y45T49|2026-03", 1L));
        assertThat(cells.get("MIGR_STOCK|KAZ|KGZ|KGZ|F|Y30T34|2026-02").getDimensions())
                .containsExactlyInAnyOrderEntriesOf(Map.of("REF_AREA", "KAZ", "CITIZENSHIP", "KGZ",
                        "COUNTRY_OF_BIRTH", "KGZ", "SEX", "F", "AGE", "Y30T34", "TIME_PERIOD", "2026-02"));

        // B emigrates on 2026-02-20: out on 2026-03-01, still in on 2026-02-01
        pipe("b2", registration("DEREGISTRATION", "2026-02-20", "pB", "M", "1980-06-01", "KGZ", "RUS"));
        assertThat(count("MIGR_STOCK|KAZ|KGZ|RUS|M|Y45T49|2026-03")).isZero();
        assertThat(count("MIGR_STOCK|KAZ|KGZ|RUS|M|Y45T49|2026-02")).isEqualTo(1);

        // C: a short-term stay (100 days, work) counts in MIGR_FLOW but never in the stock
        pipe("c1", registration("STAY_REGISTRATION", "2026-01-05", "pC", "F", "1995-05-05", "KGZ", "KGZ")
                .setDurationClass("SHORT_TERM").setDurationBasis("INTENDED").setIntendedDurationDays(100));
        assertThat(count("KAZ|IMM|KGZ|KGZ|F|_U|WORK|SHORT_TERM|2026-01")).isEqualTo(1);
        assertThat(stock()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MIGR_STOCK|KAZ|KGZ|KGZ|F|Y30T34|2026-02", 1L,
                "MIGR_STOCK|KAZ|KGZ|KGZ|F|Y35T39|2026-03", 1L,
                "MIGR_STOCK|KAZ|KGZ|RUS|M|Y45T49|2026-02", 1L));

        // D: TJK man born 2000-01-01, arrives 2026-02-05: in on 2026-03-01 aged 26
        pipe("d1", registration("RESIDENCE_REGISTRATION", "2026-02-05", "pD", "M", "2000-01-01", "TJK", "TJK"));
        assertThat(count("MIGR_STOCK|KAZ|TJK|TJK|M|Y25T29|2026-03")).isEqualTo(1);
        // corrected to 2025-12-10: in on 2026-01-01 (aged 26), 02-01 and 03-01
        pipe("d1", registration("RESIDENCE_REGISTRATION", "2025-12-10", "pD", "M", "2000-01-01", "TJK", "TJK"));
        assertThat(count("MIGR_STOCK|KAZ|TJK|TJK|M|Y25T29|2026-01")).isEqualTo(1);
        assertThat(count("MIGR_STOCK|KAZ|TJK|TJK|M|Y25T29|2026-02")).isEqualTo(1);
        assertThat(count("MIGR_STOCK|KAZ|TJK|TJK|M|Y25T29|2026-03")).isEqualTo(1);
        // a duplicate writes nothing
        pipe("d1", registration("RESIDENCE_REGISTRATION", "2025-12-10", "pD", "M", "2000-01-01", "TJK", "TJK"));
        assertThat(aggregates.isEmpty()).isTrue();
        // deleted: in no month
        pipe("d1", null);
        assertThat(stock().keySet()).noneMatch(k -> k.contains("|TJK|"));

        // the horizon: 1 April has not come in Almaty, so April is not counted, though A is still resident
        assertThat(stock()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MIGR_STOCK|KAZ|KGZ|KGZ|F|Y30T34|2026-02", 1L,
                "MIGR_STOCK|KAZ|KGZ|KGZ|F|Y35T39|2026-03", 1L,
                "MIGR_STOCK|KAZ|KGZ|RUS|M|Y45T49|2026-02", 1L));

        // 19:30 UTC on 31 March is 00:30 on 1 April in Almaty: April starts there, and its stock is added: A only
        // (B left, D is deleted)
        driver.advanceWallClockTime(Duration.between(START, Instant.parse("2026-03-31T19:30:00Z")));
        driver.advanceWallClockTime(SendingTopology.FLUSH);
        assertThat(stock()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MIGR_STOCK|KAZ|KGZ|KGZ|F|Y30T34|2026-02", 1L,
                "MIGR_STOCK|KAZ|KGZ|KGZ|F|Y35T39|2026-03", 1L,
                "MIGR_STOCK|KAZ|KGZ|RUS|M|Y45T49|2026-02", 1L,
                "MIGR_STOCK|KAZ|KGZ|KGZ|F|Y35T39|2026-04", 1L));
        // another check within April adds nothing again
        driver.advanceWallClockTime(Duration.ofMinutes(2));
        assertThat(aggregates.isEmpty()).isTrue();

        // E: born like A, arrives 2026-03-25: in on 2026-04-01 only, in A's cell
        pipe("e1", registration("RESIDENCE_REGISTRATION", "2026-03-25", "pE", "F", "1991-02-10", "KGZ", "KGZ"));
        assertThat(count("MIGR_STOCK|KAZ|KGZ|KGZ|F|Y35T39|2026-04")).isEqualTo(2);
        // A's arrival corrected to 2026-02-15: out on 2026-02-01, same cells on 03-01 and 04-01
        pipe("a1", registration("RESIDENCE_REGISTRATION", "2026-02-15", "pA", "F", "1991-02-10", "KGZ", "KGZ"));
        assertThat(stock()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MIGR_STOCK|KAZ|KGZ|KGZ|F|Y35T39|2026-03", 1L,
                "MIGR_STOCK|KAZ|KGZ|RUS|M|Y45T49|2026-02", 1L,
                "MIGR_STOCK|KAZ|KGZ|KGZ|F|Y35T39|2026-04", 2L));

        // the partner's April dataset (CITIZENSHIP KGZ, by SEX and AGE, k 1): A and E, women aged 35 to 39
        driver.advanceWallClockTime(Duration.ofSeconds(6));
        List<ExchangeDataset> april = kgzInbox.readRecordsToList().stream()
                .filter(r -> r.key().equals("KAZ|MIGR_STOCK|2026-04")).map(TestRecord::value).toList();
        assertThat(april).isNotEmpty();
        ExchangeDataset dataset = april.getLast();
        assertThat(dataset.getDataflow()).isEqualTo("MIGR_STOCK");
        assertThat(DatasetSignatures.verify(dataset, publicKey)).isTrue();
        Map<String, Long> table = new LinkedHashMap<>();
        for (Observation o : dataset.getObservations()) {
            table.put(o.getDimensions().get("SEX") + "/" + o.getDimensions().get("AGE"), o.getValue());
        }
        assertThat(table).containsExactlyInAnyOrderEntriesOf(Map.of("F/Y35T39", 2L, "F/_T", 2L, "_T/Y35T39", 2L,
                "_T/_T", 2L));
    }

    @Test
    void aDeclaredStayLeavesTheStockWhenItEnds() {
        // 2025-12-01 + 400 days = 2027-01-05 (365 days to 2026-12-01, 35 more): LONG_TERM; in on every first day from
        // 2026-01-01 to 2027-01-01, out on 2027-02-01. The horizon is March 2026: Jan, Feb, Mar counted
        pipe("s1", registration("STAY_REGISTRATION", "2025-12-01", "pS", "M", "1990-01-01", "KGZ", "KGZ")
                .setDurationBasis("INTENDED").setIntendedDurationDays(400));
        assertThat(stock()).containsOnlyKeys("MIGR_STOCK|KAZ|KGZ|KGZ|M|Y35T39|2026-01",
                "MIGR_STOCK|KAZ|KGZ|KGZ|M|Y35T39|2026-02", "MIGR_STOCK|KAZ|KGZ|KGZ|M|Y35T39|2026-03");
        // ten months later (2027-01-20 in Almaty) one scan catches up April to January 2027; February 2027 is after
        // the stay's end and after the horizon, and a scan in February then adds nothing
        driver.advanceWallClockTime(Duration.between(START, Instant.parse("2027-01-20T00:00:00Z")));
        driver.advanceWallClockTime(SendingTopology.FLUSH);
        Map<String, Long> stock = stock();
        assertThat(stock).hasSize(13).allSatisfy((key, count) -> assertThat(count).isEqualTo(1L));
        assertThat(stock).containsKey("MIGR_STOCK|KAZ|KGZ|KGZ|M|Y35T39|2027-01");
        driver.advanceWallClockTime(Duration.ofDays(20));
        driver.advanceWallClockTime(SendingTopology.FLUSH);
        assertThat(aggregates.isEmpty()).isTrue();
    }
}
