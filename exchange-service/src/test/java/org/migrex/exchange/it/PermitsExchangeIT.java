package org.migrex.exchange.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.migrex.exchange.receiving.InboxController;
import org.migrex.exchange.receiving.InboxStore;
import org.migrex.exchange.receiving.MirrorController;
import org.migrex.exchange.receiving.ReceivingConfiguration;
import org.migrex.exchange.receiving.sdmx.SdmxController;
import org.migrex.exchange.receiving.sdmx.SdmxWebConfiguration;
import org.migrex.exchange.sending.SendingConfiguration;
import org.migrex.localstack.LocalStack;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.DeliveryAuditRecord;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.Lineage;
import org.migrex.schema.MigrationScope;
import org.migrex.schema.Observation;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroDeserializer;
import org.migrex.serde.ConfluentAvroSerializer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MIGR_PERMITS end to end between two nodes on one real Kafka broker and a real Apicurio registry (LocalStack): node
 * KAZ's sending side (aggregation, delivery) and node KGZ's receiving side (receipt, REST, SDMX) run as two Spring
 * applications. Harmonized permits, with a correction and a deletion, go into KAZ; KAZ's agreement
 * {@code KAZ-KGZ-MIGR_PERMITS} delivers a signed dataset to {@code exchange.KGZ.inbox}; KGZ verifies it against
 * KAZ's public key, validates it against MIGR_PERMITS' definition, stores it, audits it RECEIVED and serves it over
 * SDMX; its mirror endpoint says MIGR_PERMITS has no mirror table. Expected values are worked out by hand from the
 * events sent.
 */
class PermitsExchangeIT {
    private static final Topics KAZ = Topics.forNode("KAZ");
    private static final Topics KGZ = Topics.forNode("KGZ");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(SendingConfiguration.class)
    static class KazSendingSide {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ReceivingConfiguration.class, InboxController.class, MirrorController.class, SdmxController.class,
            SdmxWebConfiguration.class})
    static class KgzReceivingSide {
    }

    private static LocalStack stack;
    private static Path work;
    private static ConfigurableApplicationContext kaz;
    private static ConfigurableApplicationContext kgz;
    private static int kgzPort;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.builder().start();
        work = Files.createTempDirectory("migrex-permits-it");
        Ed25519Keys.generate(work.resolve("kaz.key"), work.resolve("kaz.pub"));
        Path agreements = Files.createDirectories(work.resolve("agreements"));
        Files.writeString(agreements.resolve("kaz-kgz-permits.yml"), """
                id: KAZ-KGZ-MIGR_PERMITS
                version: 1
                partner: KGZ
                dataflow: MIGR_PERMITS
                filter:
                  CITIZENSHIP: [KGZ]
                keep: [PERMIT_TYPE, SEX, AGE, TIME_PERIOD]
                disclosure:
                  k: 3
                resend:
                  min-interval: PT1S
                final-after: P2M
                """);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.inbox("KGZ").name(), 1, (short) 1))).all().get();
        }
        kaz = new SpringApplicationBuilder(KazSendingSide.class).web(WebApplicationType.NONE).run(
                "--spring.cloud.function.definition=aggregation;delivery;forwarding",
                "--management.endpoint.health.group.readiness.include=readinessState,exchangeStreams",
                "--migrex.node.country=KAZ",
                "--migrex.kafka.bootstrap-servers=" + stack.bootstrapServers(),
                "--migrex.registry.url=" + stack.registryConfluentUrl(),
                "--migrex.exchange.agreements-dir=" + agreements,
                "--migrex.exchange.signing.key-id=KAZ-IT-1",
                "--migrex.exchange.signing.private-key=" + work.resolve("kaz.key"),
                "--migrex.exchange.signing.public-key=" + work.resolve("kaz.pub"),
                "--migrex.exchange.state-dir=" + work.resolve("kaz-state"),
                "--migrex.exchange.schedule-interval=PT0.5S");
        kgz = new SpringApplicationBuilder(KgzReceivingSide.class).web(WebApplicationType.SERVLET).run(
                "--server.port=0",
                "--spring.cloud.function.definition=receipt",
                "--management.endpoint.health.group.readiness.include=readinessState,exchangeStreams",
                "--migrex.node.country=KGZ",
                "--migrex.kafka.bootstrap-servers=" + stack.bootstrapServers(),
                "--migrex.registry.url=" + stack.registryConfluentUrl(),
                "--migrex.exchange.state-dir=" + work.resolve("kgz-state"),
                "--migrex.exchange.partners.KAZ.public-key=" + work.resolve("kaz.pub"),
                "--migrex.exchange.partners.KAZ.key-id=KAZ-IT-1",
                "--migrex.security.users.kgz-agency.password={noop}agency-pw",
                "--migrex.security.users.kgz-agency.roles=AGENCY",
                "--migrex.security.users.kgz-stat.password={noop}stat-pw",
                "--migrex.security.users.kgz-stat.roles=STATISTICIAN");
        kgzPort = Integer.parseInt(kgz.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (kgz != null) {
            kgz.close();
        }
        if (kaz != null) {
            kaz.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static HarmonizedMigrationEvent permit(String id, String type, String citizenship, String sex,
            String ageGroup, String purpose) {
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType(type).setEventDate("2026-03-10").setTimePeriod("2026-03")
                .setFlow(null).setScope(MigrationScope.NOT_A_FLOW).setPersonPseudonym("p-" + id).setSex(sex)
                .setAgeYears(null).setAgeGroup(ageGroup).setCitizenship(citizenship).setCountryOfBirth(citizenship)
                .setCounterpartArea("_U").setPurpose(purpose).setDurationClass("_U").setDurationBasis("_U")
                .setLineage(new Lineage("template", id, "b1", 2L, "1", "ref-1", Instant.now()))
                .build();
    }

    private static Map<String, Object> serde() {
        return Map.of("schema.registry.url", stack.registryConfluentUrl(), "auto.register.schemas", true);
    }

    /** PERMIT_TYPE/SEX/AGE to value ("C" when suppressed). */
    private static Map<String, String> table(ExchangeDataset d) {
        Map<String, String> table = new TreeMap<>();
        for (Observation o : d.getObservations()) {
            table.put(o.getDimensions().get("PERMIT_TYPE") + "/" + o.getDimensions().get("SEX") + "/"
                    + o.getDimensions().get("AGE"), o.getValue() == null ? o.getConfStatus() : o.getValue().toString());
        }
        return table;
    }

    @Test
    void aMigrPermitsDatasetIsDeliveredSignedAndReceivedVerifiedAndServed() throws Exception {
        // 4 work permits of KGZ men, 3 of KGZ women (20-24), 5 residence permits of KGZ women (30-34), 2 work permits
        // of TJK men (no agreement covers them); then w4 is corrected to a woman and r5 deleted
        var serializer = new ConfluentAvroSerializer<HarmonizedMigrationEvent>();
        serializer.configure(serde(), false);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serializer)) {
            String topic = KAZ.harmonizedEvents().name();
            for (int i = 1; i <= 4; i++) {
                producer.send(new ProducerRecord<>(topic, "template|w" + i,
                        permit("w" + i, "WORK_PERMIT", "KGZ", "M", "Y20T24", "WORK")));
            }
            for (int i = 1; i <= 3; i++) {
                producer.send(new ProducerRecord<>(topic, "template|f" + i,
                        permit("f" + i, "WORK_PERMIT", "KGZ", "F", "Y20T24", "WORK")));
            }
            for (int i = 1; i <= 5; i++) {
                producer.send(new ProducerRecord<>(topic, "template|r" + i,
                        permit("r" + i, "RESIDENCE_PERMIT", "KGZ", "F", "Y30T34", "FAMILY")));
            }
            for (int i = 1; i <= 2; i++) {
                producer.send(new ProducerRecord<>(topic, "template|t" + i,
                        permit("t" + i, "WORK_PERMIT", "TJK", "M", "Y20T24", "WORK")));
            }
            producer.send(new ProducerRecord<>(topic, "template|w4",
                    permit("w4", "WORK_PERMIT", "KGZ", "F", "Y20T24", "WORK")));
            producer.send(new ProducerRecord<>(topic, "template|r5", null));
            producer.flush();
        }

        // after all: WORK M 3, F 4, _T 7 (all ages Y20T24, so AGE _T the same); RESIDENCE F 4, _T 4 (Y30T34);
        // SEX and AGE totalled, PERMIT_TYPE not; every count >= k 3: nothing suppressed
        Map<String, String> expected = new TreeMap<>(Map.of(
                "WORK_PERMIT/M/Y20T24", "3", "WORK_PERMIT/F/Y20T24", "4", "WORK_PERMIT/_T/Y20T24", "7",
                "WORK_PERMIT/M/_T", "3", "WORK_PERMIT/F/_T", "4", "WORK_PERMIT/_T/_T", "7",
                "RESIDENCE_PERMIT/F/Y30T34", "4", "RESIDENCE_PERMIT/_T/Y30T34", "4",
                "RESIDENCE_PERMIT/F/_T", "4", "RESIDENCE_PERMIT/_T/_T", "4"));

        // the sending side: signed datasets on KGZ's inbox, each under the key KAZ|MIGR_PERMITS|2026-03
        List<ExchangeDataset> delivered = new ArrayList<>();
        ExchangeDataset complete = null;
        var datasets = new ConfluentAvroDeserializer<ExchangeDataset>();
        datasets.configure(serde(), false);
        try (var consumer = new KafkaConsumer<>(ExchangeItSupport.consumerConfig(stack.bootstrapServers()), new StringDeserializer(), datasets)) {
            consumer.subscribe(List.of(Topics.inbox("KGZ").name()));
            long deadline = System.currentTimeMillis() + 90_000;
            while (complete == null && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, ExchangeDataset> r : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(r.key()).isEqualTo("KAZ|MIGR_PERMITS|2026-03");
                    delivered.add(r.value());
                    if (table(r.value()).equals(expected)) {
                        complete = r.value();
                    }
                }
            }
        }
        assertThat(complete).as("a dataset with the final counts; got " + delivered.stream().map(
                PermitsExchangeIT::table).toList()).isNotNull();
        assertThat(complete.getDataflow()).isEqualTo("MIGR_PERMITS");
        assertThat(complete.getAgreementId()).isEqualTo("KAZ-KGZ-MIGR_PERMITS");
        assertThat(complete.getSender()).isEqualTo("KAZ");
        assertThat(complete.getReceiver()).isEqualTo("KGZ");
        assertThat(complete.getKeyId()).isEqualTo("KAZ-IT-1");
        assertThat(DatasetSignatures.verify(complete, Ed25519Keys.readPublic(work.resolve("kaz.pub")))).isTrue();
        for (Observation o : complete.getObservations()) {
            assertThat(o.getDimensions().keySet()).containsExactlyInAnyOrder("PERMIT_TYPE", "SEX", "AGE",
                    "TIME_PERIOD");
        }

        // the receiving side: verified, validated against MIGR_PERMITS, stored as that revision, audited RECEIVED
        InboxStore inbox = kgz.getBean(InboxStore.class);
        long revision = complete.getRevision();
        long deadline = System.currentTimeMillis() + 30_000;
        Optional<ExchangeDataset> stored = Optional.empty();
        while (System.currentTimeMillis() < deadline) {
            stored = inbox.find("KAZ", "MIGR_PERMITS", "2026-03");
            if (stored.isPresent() && stored.get().getRevision() >= revision) {
                break;
            }
            Thread.sleep(300);
        }
        assertThat(stored).isPresent();
        assertThat(stored.get().getDatasetId()).isEqualTo(complete.getDatasetId());
        assertThat(table(stored.get())).isEqualTo(expected);
        DeliveryAuditRecord audit = ExchangeItSupport.awaitInboxAudit(stack, KGZ, complete.getDatasetId());
        assertThat(audit.getEvent()).isEqualTo("RECEIVED");
        assertThat(audit.getReason()).isNull();
        assertThat(audit.getDataflow()).isEqualTo("MIGR_PERMITS");
        assertThat(audit.getChecksum()).isEqualTo(DatasetSignatures.checksum(complete));

        // SDMX data of MIGR_PERMITS: KAZ's received figures, the dimensions the agreement left out as _T
        HttpResponse<String> csv = ExchangeItSupport.get(kgzPort, "/sdmx/v2/data/dataflow/MIGREX/MIGR_PERMITS/1.0/KAZ.WORK_PERMIT",
                "kgz-agency", "agency-pw", "application/vnd.sdmx.data+csv;version=2.0.0");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.body().split("\r\n")).containsExactly(
                "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,PERMIT_TYPE,CITIZENSHIP,SEX,AGE,PURPOSE,TIME_PERIOD,OBS_VALUE,"
                        + "CONF_STATUS",
                "dataflow,MIGREX:MIGR_PERMITS(1.0),I,KAZ,WORK_PERMIT,_T,M,Y20T24,_T,2026-03,3,F",
                "dataflow,MIGREX:MIGR_PERMITS(1.0),I,KAZ,WORK_PERMIT,_T,M,_T,_T,2026-03,3,F",
                "dataflow,MIGREX:MIGR_PERMITS(1.0),I,KAZ,WORK_PERMIT,_T,F,Y20T24,_T,2026-03,4,F",
                "dataflow,MIGREX:MIGR_PERMITS(1.0),I,KAZ,WORK_PERMIT,_T,F,_T,_T,2026-03,4,F",
                "dataflow,MIGREX:MIGR_PERMITS(1.0),I,KAZ,WORK_PERMIT,_T,_T,Y20T24,_T,2026-03,7,F",
                "dataflow,MIGREX:MIGR_PERMITS(1.0),I,KAZ,WORK_PERMIT,_T,_T,_T,_T,2026-03,7,F");
        // the MIGR_FLOW path answers for MIGR_FLOW only: nothing of MIGR_PERMITS in it
        assertThat(ExchangeItSupport.get(kgzPort, "/sdmx/v2/data/dataflow/MIGREX/MIGR_FLOW/2.0/KAZ", "kgz-agency", "agency-pw", null)
                .statusCode()).isEqualTo(404);
        // a wildcard resource that selects both dataflows is refused naming them
        HttpResponse<String> both = ExchangeItSupport.get(kgzPort, "/sdmx/v2/data/dataflow/MIGREX/*/*/KAZ", "kgz-agency", "agency-pw", null);
        assertThat(both.statusCode()).isEqualTo(501);
        assertThat(both.body()).contains("MIGREX:MIGR_FLOW(2.0)").contains("MIGREX:MIGR_PERMITS(1.0)");

        // SDMX structures of MIGR_PERMITS
        HttpResponse<String> dsd = ExchangeItSupport.get(kgzPort, "/sdmx/v2/structure/datastructure/MIGREX/MIGR_PERMITS/1.0?references=codelist",
                "kgz-agency", "agency-pw", null);
        assertThat(dsd.statusCode()).isEqualTo(200);
        JsonNode structure = JSON.readTree(dsd.body()).get("data");
        assertThat(structure.get("dataStructures").get(0).get("id").asString()).isEqualTo("MIGR_PERMITS");
        assertThat(structure.get("codelists").valueStream().map(c -> c.get("id").asString()).toList())
                .contains("CL_PERMIT_TYPE");
        HttpResponse<String> flow = ExchangeItSupport.get(kgzPort, "/sdmx/v2/structure/dataflow/MIGREX/MIGR_PERMITS/1.0", "kgz-agency",
                "agency-pw", null);
        assertThat(JSON.readTree(flow.body()).get("data").get("dataflows").get(0).get("structure").asString())
                .isEqualTo("urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=MIGREX:MIGR_PERMITS(1.0)");
        assertThat(ExchangeItSupport.get(kgzPort, "/sdmx/v2/structure/codelist/MIGREX/CL_PERMIT_TYPE/2.0", "kgz-agency", "agency-pw", null)
                .statusCode()).isEqualTo(200);

        // no mirror table for permits: a clear 400
        HttpResponse<String> mirror = ExchangeItSupport.get(kgzPort, "/api/v1/mirror?partner=KAZ&dataflow=MIGR_PERMITS&period=2026-03",
                "kgz-stat", "stat-pw", "application/json");
        assertThat(mirror.statusCode()).isEqualTo(400);
        assertThat(mirror.body()).contains("MIGR_PERMITS has no mirror table");
    }

}
