package org.migrex.exchange.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrex.exchange.sending.cube.TestAgreements;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Topics;

/**
 * A partner on another cluster: the delivery writes its dataset to the node's own outbox (key
 * RECEIVER|SENDER|dataflow|period), never to the partner's inbox, with the same audit record. A partner that pulls:
 * its dataset goes to the node's outbox for it alone ({@code kaz.exchange.outbox.kgz}, key SENDER|dataflow|period).
 */
class OutboxRoutingTest {
    private static final Topics KAZ = Topics.forNode("KAZ");
    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aPullingPartnersDatasetGoesToItsOwnOutboxOnlyKeyedAsInAnInbox() {
        var signer = signer();
        var agreement = TestAgreements.standard("KAZ", "KGZ", 5, Duration.ofSeconds(5), Duration.ofHours(1));
        var topology = SendingTopology.buildRouted(KAZ, List.of(agreement), serdes, signer,
                partner -> partner.equals("KGZ") ? DeliveryRoute.PULL : DeliveryRoute.INBOX);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, properties(), START)) {
            pipeSixImmigrationsFromKgz(driver, serdes);
            var pulled = driver.createOutputTopic("kaz.exchange.outbox.kgz", Serdes.String().deserializer(),
                    serdes.datasets().deserializer());
            var forwarded = driver.createOutputTopic(KAZ.outbox().name(), Serdes.String().deserializer(),
                    serdes.datasets().deserializer());
            var inbox = driver.createOutputTopic(Topics.inbox("KGZ").name(), Serdes.String().deserializer(),
                    serdes.datasets().deserializer());
            var audit = driver.createOutputTopic(KAZ.exchangeAudit().name(), Serdes.String().deserializer(),
                    serdes.audit().deserializer());
            List<TestRecord<String, ExchangeDataset>> queued = pulled.readRecordsToList();
            assertThat(queued).hasSize(1);
            assertThat(queued.getFirst().key()).isEqualTo("KAZ|MIGR_FLOW|2026-03");
            assertThat(queued.getFirst().value().getReceiver()).isEqualTo("KGZ");
            assertThat(queued.getFirst().value().getRevision()).isEqualTo(1);
            assertThat(forwarded.isEmpty()).as("nothing for the forwarder").isTrue();
            assertThat(inbox.isEmpty()).as("nothing written to the partner's inbox").isTrue();
            assertThat(audit.readValuesToList()).extracting(DeliveryAuditRecord::getEvent).containsExactly("DELIVERED");
        }
    }

    private static final SendingSerdes serdes = new SendingSerdes(AvroBinarySerde.of(HarmonizedMigrationEvent.class),
            AvroBinarySerde.of(MigrationAggregate.class), AvroBinarySerde.of(ExchangeDataset.class),
            AvroBinarySerde.of(DeliveryAuditRecord.class));

    private DatasetSigner signer() {
        Ed25519Keys.generate(dir.resolve("kaz.key"), dir.resolve("kaz.pub"));
        return new DatasetSigner("KAZ-TEST-1", Ed25519Keys.readPrivate(dir.resolve("kaz.key")));
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "migrex-kaz-exchange");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        return props;
    }

    private void pipeSixImmigrationsFromKgz(TopologyTestDriver driver, SendingSerdes serdes) {
        var events = driver.createInputTopic(KAZ.harmonizedEvents().name(), Serdes.String().serializer(),
                serdes.events().serializer(), START, Duration.ofMillis(10));
        for (int i = 1; i <= 6; i++) {
            events.pipeInput(Topics.recordKey("template", "m" + i),
                    ExchangeTopologyTest.event("m" + i, "IMM", "M", "KGZ", "2026-03"));
            driver.advanceWallClockTime(SendingTopology.FLUSH);
        }
        driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    @Test
    void aRemotePartnersDatasetGoesToTheOutbox() {
        var signer = signer();
        var agreement = TestAgreements.standard("KAZ", "KGZ", 5, Duration.ofSeconds(5), Duration.ofHours(1));
        var topology = SendingTopology.build(KAZ, List.of(agreement), serdes, signer, "KGZ"::equals);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, properties(), START)) {
            pipeSixImmigrationsFromKgz(driver, serdes);
            var outbox = driver.createOutputTopic(KAZ.outbox().name(), Serdes.String().deserializer(),
                    serdes.datasets().deserializer());
            var inbox = driver.createOutputTopic(Topics.inbox("KGZ").name(), Serdes.String().deserializer(),
                    serdes.datasets().deserializer());
            var audit = driver.createOutputTopic(KAZ.exchangeAudit().name(), Serdes.String().deserializer(),
                    serdes.audit().deserializer());
            List<TestRecord<String, ExchangeDataset>> queued = outbox.readRecordsToList();
            assertThat(queued).hasSize(1);
            assertThat(queued.getFirst().key()).isEqualTo("KGZ|KAZ|MIGR_FLOW|2026-03");
            assertThat(queued.getFirst().value().getReceiver()).isEqualTo("KGZ");
            assertThat(queued.getFirst().value().getRevision()).isEqualTo(1);
            assertThat(inbox.isEmpty()).isTrue();
            assertThat(audit.readValuesToList()).extracting(DeliveryAuditRecord::getEvent).containsExactly("DELIVERED");
        }
    }
}
