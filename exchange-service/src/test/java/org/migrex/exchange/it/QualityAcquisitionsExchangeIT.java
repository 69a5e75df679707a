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
 * MIGR_QUALITY and MIGR_ACQ end to end between two nodes on one real Kafka broker and a real Apicurio registry
 * (LocalStack), as {@code PermitsExchangeIT} for permits: KAZ's sending side counts registrations of two sources (one
 * source id with a dot) and citizenship grants (a person granted twice, a grant deleted), its agreements deliver
 * signed datasets of both dataflows to {@code exchange.KGZ.inbox}; KGZ verifies, validates (MIGR_QUALITY's uncoded
 * SOURCE by its pattern), stores, audits them RECEIVED and serves them over SDMX; neither has a mirror table.
 * Expected values are worked out by hand from the events sent.
 */
class QualityAcquisitionsExchangeIT {
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
        work = Files.createTempDirectory("migrex-quality-acq-it");
        Ed25519Keys.generate(work.resolve("kaz.key"), work.resolve("kaz.pub"));
        Path agreements = Files.createDirectories(work.resolve("agreements"));
        Files.writeString(agreements.resolve("kaz-kgz-quality.yml"), """
                id: KAZ-KGZ-MIGR_QUALITY
                version: 1
                partner: KGZ
                dataflow: MIGR_QUALITY
                filter:
                  FLOW: [IMM]
                keep: [SOURCE, INDICATOR, TIME_PERIOD]
                disclosure:
                  k: 3
                resend:
                  min-interval: PT1S
                """);
        Files.writeString(agreements.resolve("kaz-kgz-acq.yml"), """
                id: KAZ-KGZ-MIGR_ACQ
                version: 1
                partner: KGZ
                dataflow: MIGR_ACQ
                filter:
                  CITIZENSHIP: [KGZ]
                keep: [SEX, TIME_PERIOD]
                disclosure:
                  k: 3
                resend:
                  min-interval: PT1S
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

    private static HarmonizedMigrationEvent event(String id, String type, String flow, MigrationScope scope,
            String sex) {
        return HarmonizedMigrationEvent.newBuilder()
                .setRefArea("KAZ").setEventType(type).setEventDate("2026-03-10").setTimePeriod("2026-03")
                .setFlow(flow).setScope(scope).setPersonPseudonym("p-" + id).setSex(sex).setAgeYears(30)
                .setAgeGroup("Y30T34").setCitizenship("KGZ").setCountryOfBirth("KGZ").setCounterpartArea("KGZ")
                .setPurpose("WORK").setDurationClass(flow == null ? "_U" : "LONG_TERM")
                .setDurationBasis(flow == null ? "_U" : "REGISTRATION")
                .setLineage(new Lineage("template", id, "b1", 2L, "1", "ref-1", Instant.now()))
                .build();
    }

    private static HarmonizedMigrationEvent immigration(String id, MigrationScope scope) {
        return event(id, "RESIDENCE_REGISTRATION", "IMM", scope, "F");
    }

    private static HarmonizedMigrationEvent grant(String id, String sex) {
        return event(id, "CITIZENSHIP_GRANT", null, MigrationScope.NOT_A_FLOW, sex);
    }

    private static Map<String, Object> serde() {
        return Map.of("schema.registry.url", stack.registryConfluentUrl(), "auto.register.schemas", true);
    }

    /** The kept codes but TIME_PERIOD, joined with '/', to value ("C" when suppressed). */
    private static Map<String, String> table(ExchangeDataset d) {
        Map<String, String> table = new TreeMap<>();
        for (Observation o : d.getObservations()) {
            String key = d.getDataflow().equals("MIGR_QUALITY")
                    ? o.getDimensions().get("SOURCE") + "/" + o.getDimensions().get("INDICATOR")
                    : o.getDimensions().get("SEX");
            table.put(key, o.getValue() == null ? o.getConfStatus() : o.getValue().toString());
        }
        return table;
    }

    @Test
    void migrQualityAndMigrAcqDatasetsAreDeliveredSignedAndReceivedValidatedAndServed() throws Exception {
        // source template: 4 counted immigrations of 4 persons and 3 temporary stays; source kaz.mvd (a source id with
        // a dot): 3 counted immigrations; grants of 3 KGZ women (one of them twice) and of a KGZ man, then deleted
        var serializer = new ConfluentAvroSerializer<HarmonizedMigrationEvent>();
        serializer.configure(serde(), false);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serializer)) {
            String topic = KAZ.harmonizedEvents().name();
            for (int i = 1; i <= 4; i++) {
                producer.send(new ProducerRecord<>(topic, "template|c" + i, immigration("c" + i,
                        MigrationScope.IN_SCOPE)));
            }
            for (int i = 1; i <= 3; i++) {
                producer.send(new ProducerRecord<>(topic, "template|t" + i, immigration("t" + i,
                        MigrationScope.TEMPORARY_STAY)));
                producer.send(new ProducerRecord<>(topic, "kaz.mvd|m" + i, immigration("m" + i,
                        MigrationScope.IN_SCOPE)));
                producer.send(new ProducerRecord<>(topic, "template|g" + i, grant("g" + i, "F")));
            }
            // g1's person granted again (the same act entered twice): still one person
            producer.send(new ProducerRecord<>(topic, "template|g1b", event("g1", "CITIZENSHIP_GRANT", null,
                    MigrationScope.NOT_A_FLOW, "F")));
            producer.send(new ProducerRecord<>(topic, "template|g4", grant("g4", "M")));
            producer.send(new ProducerRecord<>(topic, "template|g4", null));
            producer.flush();
        }

        // MIGR_QUALITY, IMM, kept SOURCE (totalled) and INDICATOR (not), k 3: template REGISTRATIONS 7,
        // TEMPORARY_STAY 3, COUNTED 4; kaz.mvd REGISTRATIONS 3, COUNTED 3; _T 10, 3, 7; nothing below k. Every
        // registration is also LATE_AFTER_FINAL: March 2026 is FINAL from 2026-06-01 (the agreements' default
        // final-after, two months) and these are harmonized now, after it (docs/statistics.md, "Late records")
        Map<String, String> quality = new TreeMap<>(Map.of(
                "template/REGISTRATIONS", "7", "template/TEMPORARY_STAY", "3", "template/COUNTED", "4",
                "kaz.mvd/REGISTRATIONS", "3", "kaz.mvd/COUNTED", "3",
                "_T/REGISTRATIONS", "10", "_T/TEMPORARY_STAY", "3", "_T/COUNTED", "7"));
        quality.putAll(Map.of("template/LATE_AFTER_FINAL", "7", "kaz.mvd/LATE_AFTER_FINAL", "3",
                "_T/LATE_AFTER_FINAL", "10"));
        // MIGR_ACQ by SEX, k 3: 3 women (persons, not grant records), the man deleted: F 3, _T 3
        Map<String, String> acquisitions = new TreeMap<>(Map.of("F", "3", "_T", "3"));

        Map<String, ExchangeDataset> complete = new HashMap<>();
        List<String> seen = new ArrayList<>();
        var datasets = new ConfluentAvroDeserializer<ExchangeDataset>();
        datasets.configure(serde(), false);
        try (var consumer = new KafkaConsumer<>(ExchangeItSupport.consumerConfig(stack.bootstrapServers()), new StringDeserializer(), datasets)) {
            consumer.subscribe(List.of(Topics.inbox("KGZ").name()));
            long deadline = System.currentTimeMillis() + 90_000;
            while (complete.size() < 2 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, ExchangeDataset> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(r.key() + " " + table(r.value()));
                    if (r.key().equals("KAZ|MIGR_QUALITY|2026-03") && table(r.value()).equals(quality)
                            || r.key().equals("KAZ|MIGR_ACQ|2026-03") && table(r.value()).equals(acquisitions)) {
                        complete.put(r.value().getDataflow(), r.value());
                    }
                }
            }
        }
        assertThat(complete.keySet()).as("datasets with the final counts; got " + seen)
                .containsExactlyInAnyOrder("MIGR_QUALITY", "MIGR_ACQ");
        for (ExchangeDataset d : complete.values()) {
            assertThat(d.getAgreementId()).isEqualTo("KAZ-KGZ-" + d.getDataflow());
            assertThat(DatasetSignatures.verify(d, Ed25519Keys.readPublic(work.resolve("kaz.pub")))).isTrue();
        }

        // the receiving side: verified, validated (SOURCE by its pattern, INDICATOR by its code list), stored, audited
        InboxStore inbox = kgz.getBean(InboxStore.class);
        for (ExchangeDataset d : complete.values()) {
            long deadline = System.currentTimeMillis() + 30_000;
            Optional<ExchangeDataset> stored = Optional.empty();
            while (System.currentTimeMillis() < deadline) {
                stored = inbox.find("KAZ", d.getDataflow(), "2026-03");
                if (stored.isPresent() && stored.get().getRevision() >= d.getRevision()) {
                    break;
                }
                Thread.sleep(300);
            }
            assertThat(stored).as(d.getDataflow()).isPresent();
            assertThat(table(stored.get())).isEqualTo(table(d));
            DeliveryAuditRecord audit = ExchangeItSupport.awaitInboxAudit(stack, KGZ, stored.get().getDatasetId());
            assertThat(audit.getEvent()).isEqualTo("RECEIVED");
            assertThat(audit.getDataflow()).isEqualTo(d.getDataflow());
        }

        // SDMX data of MIGR_QUALITY: the source with a dot selected by a filter
        HttpResponse<String> csv = ExchangeItSupport.get(kgzPort, "/sdmx/v2/data/dataflow/MIGREX/MIGR_QUALITY/1.0/KAZ?c%5BSOURCE%5D=kaz.mvd",
                "kgz-agency", "agency-pw", "application/vnd.sdmx.data+csv;version=2.0.0");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.body().split("\r\n")).containsExactlyInAnyOrder(
                "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,SOURCE,FLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,CONF_STATUS",
                "dataflow,MIGREX:MIGR_QUALITY(1.0),I,KAZ,kaz.mvd,_T,REGISTRATIONS,2026-03,3,F",
                "dataflow,MIGREX:MIGR_QUALITY(1.0),I,KAZ,kaz.mvd,_T,COUNTED,2026-03,3,F",
                "dataflow,MIGREX:MIGR_QUALITY(1.0),I,KAZ,kaz.mvd,_T,LATE_AFTER_FINAL,2026-03,3,F");
        HttpResponse<String> acq = ExchangeItSupport.get(kgzPort, "/sdmx/v2/data/dataflow/MIGREX/MIGR_ACQ/1.0/KAZ", "kgz-agency", "agency-pw",
                "application/vnd.sdmx.data+csv;version=2.0.0");
        assertThat(acq.statusCode()).as(acq.body()).isEqualTo(200);
        assertThat(acq.body()).contains("dataflow,MIGREX:MIGR_ACQ(1.0),I,KAZ,_T,F,_T,2026-03,3,F");

        // structures
        HttpResponse<String> dsd = ExchangeItSupport.get(kgzPort, "/sdmx/v2/structure/datastructure/MIGREX/MIGR_QUALITY/1.0?references=codelist",
                "kgz-agency", "agency-pw", null);
        assertThat(dsd.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(dsd.body()).get("data").get("codelists").valueStream()
                .map(c -> c.get("id").asString()).toList()).contains("CL_QUALITY_INDICATOR");
        assertThat(ExchangeItSupport.get(kgzPort, "/sdmx/v2/structure/codelist/MIGREX/CL_QUALITY_INDICATOR/2.0", "kgz-agency", "agency-pw",
                null).statusCode()).isEqualTo(200);
        // no mirror table for either
        for (String dataflow : List.of("MIGR_QUALITY", "MIGR_ACQ")) {
            HttpResponse<String> mirror = ExchangeItSupport.get(kgzPort, "/api/v1/mirror?partner=KAZ&dataflow=" + dataflow + "&period=2026-03",
                    "kgz-stat", "stat-pw", "application/json");
            assertThat(mirror.statusCode()).isEqualTo(400);
            assertThat(mirror.body()).contains(dataflow + " has no mirror table");
        }
    }

}
