package org.migrex.exchange.sending;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.migrex.exchange.sending.cube.TestAgreements;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Observation;
import org.migrex.schema.RevisionRequest;
import org.migrex.schema.Topics;

/**
 * FINAL is final, on the delivery topology alone ({@link Delivery}, the object the binder runs) in a
 * TopologyTestDriver: cube cells are piped straight onto {@code <cc>.aggregates} and operators' requests onto
 * {@code <cc>.exchange.revision-requests}, so every count below is the piped one. March 2026 closes one hour after the
 * month's end (the agreement's final-after), k = 5.
 */
class FinalIsFinalTopologyTest {
    private static final Topics KAZ = Topics.forNode("KAZ");
    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");
    private static final String AGREEMENT = "KAZ-KGZ-MIGR_FLOW";

    @TempDir
    Path dir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, MigrationAggregate> aggregates;
    private TestInputTopic<String, RevisionRequest> requests;
    private TestOutputTopic<String, ExchangeDataset> kgzInbox;
    private TestOutputTopic<String, DeliveryAuditRecord> audit;
    private SimpleMeterRegistry meters;
    private PublicKey publicKey;
    /** When set, every delivery attempt takes 3 s by the delivery's clock (each reading advances it 3 s). */
    private volatile boolean slowAttempts;
    private final java.util.concurrent.atomic.AtomicLong slowClock = new java.util.concurrent.atomic.AtomicLong();

    @BeforeEach
    void start() {
        Ed25519Keys.generate(dir.resolve("kaz.key"), dir.resolve("kaz.pub"));
        publicKey = Ed25519Keys.readPublic(dir.resolve("kaz.pub"));
        var signer = new DatasetSigner("KAZ-TEST-1", Ed25519Keys.readPrivate(dir.resolve("kaz.key")));
        var serdes = new SendingSerdes(AvroBinarySerde.of(org.migrex.schema.HarmonizedMigrationEvent.class),
                AvroBinarySerde.of(MigrationAggregate.class), AvroBinarySerde.of(ExchangeDataset.class),
                AvroBinarySerde.of(DeliveryAuditRecord.class));
        var agreement = TestAgreements.standard("KAZ", "KGZ", 5, Duration.ofSeconds(5), Duration.ofHours(1));
        meters = new SimpleMeterRegistry();
        StreamsBuilder builder = new StreamsBuilder();
        new Delivery(KAZ, List.of(agreement), new Delivery.Serdes2(serdes.datasets(), serdes.audit()), signer,
                partner -> DeliveryRoute.INBOX, new ExchangeMetrics(meters), Duration.ofSeconds(1))
                .withNanoClock(() -> slowAttempts ? slowClock.addAndGet(3_000_000_000L) : System.nanoTime())
                .accept(builder.stream(KAZ.aggregates().name(), Consumed.with(Serdes.String(), serdes.aggregates())),
                        builder.stream(KAZ.revisionRequests().name(),
                                Consumed.with(Serdes.String(), serdes.revisionRequests())));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "migrex-kaz-exchange");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        driver = new TopologyTestDriver(builder.build(), props, START);
        aggregates = driver.createInputTopic(KAZ.aggregates().name(), Serdes.String().serializer(),
                serdes.aggregates().serializer(), START, Duration.ofMillis(10));
        requests = driver.createInputTopic(KAZ.revisionRequests().name(), Serdes.String().serializer(),
                serdes.revisionRequests().serializer(), START, Duration.ofMillis(10));
        kgzInbox = driver.createOutputTopic(Topics.inbox("KGZ").name(), Serdes.String().deserializer(),
                serdes.datasets().deserializer());
        audit = driver.createOutputTopic(KAZ.exchangeAudit().name(), Serdes.String().deserializer(),
                serdes.audit().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** The MIGR_FLOW cell IMM from KGZ, citizens of KGZ, aged 20-24, WORK, LONG_TERM, of the sex and month. */
    private void cell(String sex, String period, long count) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("REF_AREA", "KAZ");
        dimensions.put("FLOW", "IMM");
        dimensions.put("COUNTERPART_AREA", "KGZ");
        dimensions.put("CITIZENSHIP", "KGZ");
        dimensions.put("SEX", sex);
        dimensions.put("AGE", "Y20T24");
        dimensions.put("PURPOSE", "WORK");
        dimensions.put("DURATION", "LONG_TERM");
        dimensions.put("TIME_PERIOD", period);
        aggregates.pipeInput(String.join("|", dimensions.values()),
                new MigrationAggregate("MIGR_FLOW", dimensions, count, START));
    }

    private void request(String period, String reason) {
        requests.pipeInput(Topics.revisionRequestKey(AGREEMENT, period),
                new RevisionRequest(AGREEMENT, period, reason, "kaz-ops", START));
    }

    /** The value of IMM / sex / AGE _T / DURATION _T (null when suppressed). */
    private static Long imm(ExchangeDataset dataset, String sex) {
        return dataset.getObservations().stream()
                .filter(o -> o.getDimensions().get("SEX").equals(sex) && o.getDimensions().get("AGE").equals("_T")
                        && o.getDimensions().get("DURATION").equals("_T"))
                .map(Observation::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no IMM/" + sex + " in " + dataset));
    }

    private double heldMetric() {
        var counter = meters.find("migrex.exchange.late.changes.held").tag("partner", "KGZ").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void lateChangesOfAFinalDatasetAreHeldUntilAnOperatorRevisesItWithAReason() {
        cell("M", "2026-03", 6);
        cell("F", "2026-03", 5);
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        ExchangeDataset r1 = kgzInbox.readValuesToList().getLast();
        assertThat(r1.getStatus()).isEqualTo("PROVISIONAL");
        assertThat(r1.getRevision()).isEqualTo(1);
        assertThat(audit.readValuesToList()).extracting(DeliveryAuditRecord::getEvent).containsExactly("DELIVERED");

        // not FINAL yet: a request is declined, nothing is sent
        request("2026-03", "too early");
        assertThat(kgzInbox.isEmpty()).isTrue();
        DeliveryAuditRecord early = audit.readValuesToList().getLast();
        assertThat(early.getEvent()).isEqualTo("REVISION_DECLINED");
        assertThat(early.getReason()).contains("PROVISIONAL").contains("only a FINAL dataset");
        assertThat(early.getRevisionReason()).isEqualTo("too early");

        // the period closes at 01:00: the same table goes out FINAL
        driver.advanceWallClockTime(Duration.ofHours(1));
        ExchangeDataset r2 = kgzInbox.readValuesToList().getLast();
        assertThat(r2.getStatus()).isEqualTo("FINAL");
        assertThat(r2.getRevision()).isEqualTo(2);
        assertThat(r2.getRevisionReason()).isNull();
        assertThat(List.of(imm(r2, "M"), imm(r2, "F"), imm(r2, "_T"))).containsExactly(6L, 5L, 11L);
        audit.readValuesToList();

        // two late changes of the men's cell (6 -> 7 -> 8): held, not delivered, counted, audited once
        cell("M", "2026-03", 7);
        cell("M", "2026-03", 8);
        driver.advanceWallClockTime(Duration.ofSeconds(6));
        assertThat(kgzInbox.isEmpty()).as("FINAL is final: no automatic revision").isTrue();
        assertThat(heldMetric()).isEqualTo(2.0);
        List<DeliveryAuditRecord> held = audit.readValuesToList();
        assertThat(held).hasSize(1);
        assertThat(held.getFirst().getEvent()).isEqualTo("LATE_CHANGES_HELD");
        assertThat(held.getFirst().getLateChangesHeld()).isEqualTo(2L);
        assertThat(held.getFirst().getRevision()).isEqualTo(2);
        assertThat(held.getFirst().getReason()).contains("2 change(s)").contains("FINAL revision 2");
        driver.advanceWallClockTime(Duration.ofSeconds(6));
        assertThat(audit.isEmpty()).as("nothing more held, nothing more audited").isTrue();
        assertThat(kgzInbox.isEmpty()).isTrue();

        // the operator's revision: revision 3, FINAL, with the reason, signed; M 8, F 5, total 13
        request("2026-03", "late records of the Almaty office");
        ExchangeDataset r3 = kgzInbox.readValuesToList().getLast();
        assertThat(r3.getRevision()).isEqualTo(3);
        assertThat(r3.getStatus()).isEqualTo("FINAL");
        assertThat(r3.getRevisionReason()).isEqualTo("late records of the Almaty office");
        assertThat(List.of(imm(r3, "M"), imm(r3, "F"), imm(r3, "_T"))).containsExactly(8L, 5L, 13L);
        assertThat(DatasetSignatures.verify(r3, publicKey)).isTrue();
        DeliveryAuditRecord delivered = audit.readValuesToList().getLast();
        assertThat(delivered.getEvent()).isEqualTo("DELIVERED");
        assertThat(delivered.getRevisionReason()).isEqualTo("late records of the Almaty office");
        assertThat(delivered.getLateChangesHeld()).isEqualTo(2L);
        assertThat(delivered.getChecksum()).isEqualTo(DatasetSignatures.checksum(r3));

        // the same request again (a retry): nothing changed since revision 3, declined
        request("2026-03", "late records of the Almaty office");
        assertThat(kgzInbox.isEmpty()).isTrue();
        DeliveryAuditRecord again = audit.readValuesToList().getLast();
        assertThat(again.getEvent()).isEqualTo("REVISION_DECLINED");
        assertThat(again.getReason()).contains("nothing to revise");

        // every attempt through the delivery path is timed, by outcome: r1, r2, r3 delivered; the retry declined
        // there (the early request was declined before any table was made, so it is not timed)
        assertThat(attempts("delivered")).isEqualTo(3);
        assertThat(attempts("declined")).isEqualTo(1);
        assertThat(attempts("refused")).isZero();
    }

    private long attempts(String outcome) {
        var timer = meters.find(ExchangeMetrics.DELIVERY_DURATION).tag("partner", "KGZ").tag("dataflow", "MIGR_FLOW")
                .tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aCostlyProvisionalDatasetWaitsFourTimesItsLastAttemptBeforeItIsMadeAgain() {
        slowAttempts = true; // each attempt takes 3 s: the next waits until 3 + 4 x 3 = 15 s after the last began
        cell("M", "2026-04", 6);
        cell("F", "2026-04", 5);
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // t = 1 s: revision 1, made again from t = 16 s
        assertThat(kgzInbox.readValuesToList()).extracting(ExchangeDataset::getRevision).containsExactly(1L);
        cell("F", "2026-04", 7);
        driver.advanceWallClockTime(Duration.ofSeconds(6)); // t = 7 s: past the agreement's 5 s, not past 16 s
        driver.advanceWallClockTime(Duration.ofSeconds(6)); // t = 13 s
        assertThat(kgzInbox.isEmpty()).as("waits for its cost").isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(4)); // t = 17 s
        ExchangeDataset r2 = kgzInbox.readValuesToList().getLast();
        assertThat(r2.getRevision()).isEqualTo(2);
        assertThat(List.of(imm(r2, "M"), imm(r2, "F"), imm(r2, "_T"))).containsExactly(6L, 7L, 13L);
        assertThat(meters.find(ExchangeMetrics.DELIVERY_DURATION).tag("outcome", "delivered").timer().max(
                java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(3.0);
    }

    @Test
    void aClosingPeriodDoesNotWaitForTheCostOfItsLastAttempt() {
        slowAttempts = true;
        cell("M", "2026-03", 6);
        cell("F", "2026-03", 5);
        driver.advanceWallClockTime(Duration.ofSeconds(1)); // PROVISIONAL revision 1; March closes at 01:00
        assertThat(kgzInbox.readValuesToList()).extracting(ExchangeDataset::getStatus).containsExactly("PROVISIONAL");
        driver.advanceWallClockTime(Duration.ofHours(1)); // at the close, whatever the last attempt cost
        assertThat(kgzInbox.readValuesToList()).extracting(ExchangeDataset::getStatus).containsExactly("FINAL");
    }

    @Test
    void provisionalDatasetsAreStillRevisedByTheirCells() {
        // April 2026 is FINAL only from 2026-05-01T01:00Z
        cell("M", "2026-04", 6);
        cell("F", "2026-04", 5);
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(kgzInbox.readValuesToList().getLast().getRevision()).isEqualTo(1);
        cell("F", "2026-04", 7);
        driver.advanceWallClockTime(Duration.ofSeconds(6));
        ExchangeDataset r2 = kgzInbox.readValuesToList().getLast();
        assertThat(r2.getRevision()).isEqualTo(2);
        assertThat(r2.getStatus()).isEqualTo("PROVISIONAL");
        assertThat(r2.getRevisionReason()).isNull();
        assertThat(List.of(imm(r2, "M"), imm(r2, "F"), imm(r2, "_T"))).containsExactly(6L, 7L, 13L);
        assertThat(heldMetric()).isZero();
    }
}
