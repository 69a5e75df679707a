package org.migrex.exchange.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.migrex.exchange.receiving.InboxController;
import org.migrex.exchange.receiving.InboxStore;
import org.migrex.exchange.receiving.ReceivingConfiguration;
import org.migrex.exchange.receiving.RemittanceController;
import org.migrex.exchange.receiving.sdmx.SdmxController;
import org.migrex.exchange.receiving.sdmx.SdmxWebConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.migrex.exchange.receiving.DatasetValidator;
import org.migrex.exchange.sending.SendingConfiguration;
import org.migrex.localstack.LocalStack;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.Provenance;
import org.migrex.schema.RemittanceFlow;
import org.migrex.schema.RemittancePrice;
import org.migrex.schema.RemittanceRecord;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroDeserializer;
import org.migrex.serde.ConfluentAvroSerializer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * REMITTANCES between two nodes on one real Kafka broker and a real Apicurio registry (LocalStack): RUS's price survey
 * (with a correction) and its recorded outflow to TJK on {@code rus.remittances}, TJK's recorded inflow from RUS on
 * {@code tjk.remittances}, as ingestion writes them; RUS aggregates and delivers a signed FINAL 2024-Q1 dataset under
 * {@code RUS-TJK-REMITTANCES}; TJK verifies and stores it, serves it over SDMX-CSV, derives the SDG 10.c.1 average
 * from the received sums, and compares the corridor both ways. Expected values by hand in the comments.
 */
class RemittanceExchangeIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(SendingConfiguration.class)
    static class RusSendingSide {
    }

    /** TJK: its own remittances function (for its recorded inflows) and the receiving side with its endpoints. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({SendingConfiguration.class, ReceivingConfiguration.class, InboxController.class,
            RemittanceController.class, SdmxController.class, SdmxWebConfiguration.class})
    static class TjkNode {
    }

    private static final Topics RUS = Topics.forNode("RUS");
    private static final Topics TJK = Topics.forNode("TJK");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static LocalStack stack;
    private static Path work;

    private static ConfigurableApplicationContext rus;
    private static ConfigurableApplicationContext tjk;
    private static int tjkPort;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.builder().start();
        work = Files.createTempDirectory("migrex-remittance-exchange-it");
        Ed25519Keys.generate(work.resolve("rus.key"), work.resolve("rus.pub"));
        Ed25519Keys.generate(work.resolve("tjk.key"), work.resolve("tjk.pub"));
        Path agreements = Files.createDirectories(work.resolve("rus-agreements"));
        Path none = Files.createDirectories(work.resolve("tjk-agreements"));
        Files.writeString(agreements.resolve("rus-tjk-remittances.yml"), """
                id: RUS-TJK-REMITTANCES
                version: 1
                partner: TJK
                dataflow: REMITTANCES
                filter:
                  RECEIVING_AREA: [TJK]
                keep: [INDICATOR, SENDING_AREA, RECEIVING_AREA, AMOUNT, CURRENCY, TIME_PERIOD]
                resend:
                  min-interval: PT3S
                final-after: PT1H
                """);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.inbox("TJK").name(), 1, (short) 1))).all().get();
        }
        rus = new SpringApplicationBuilder(RusSendingSide.class).web(WebApplicationType.NONE).run(
                "--spring.cloud.function.definition=remittances;delivery;forwarding",
                "--management.endpoint.health.group.readiness.include=readinessState,exchangeStreams",
                "--migrex.node.country=RUS",
                "--migrex.kafka.bootstrap-servers=" + stack.bootstrapServers(),
                "--migrex.registry.url=" + stack.registryConfluentUrl(),
                "--migrex.exchange.agreements-dir=" + agreements,
                "--migrex.exchange.signing.key-id=RUS-IT-1",
                "--migrex.exchange.signing.private-key=" + work.resolve("rus.key"),
                "--migrex.exchange.signing.public-key=" + work.resolve("rus.pub"),
                "--migrex.exchange.state-dir=" + work.resolve("rus-state"),
                "--migrex.exchange.schedule-interval=PT0.5S");
        tjk = new SpringApplicationBuilder(TjkNode.class).web(WebApplicationType.SERVLET).run(
                "--server.port=0",
                "--spring.cloud.function.definition=remittances;receipt",
                "--management.endpoint.health.group.readiness.include=readinessState,exchangeStreams",
                "--migrex.node.country=TJK",
                "--migrex.kafka.bootstrap-servers=" + stack.bootstrapServers(),
                "--migrex.registry.url=" + stack.registryConfluentUrl(),
                "--migrex.exchange.agreements-dir=" + none,
                "--migrex.exchange.signing.key-id=TJK-IT-1",
                "--migrex.exchange.signing.private-key=" + work.resolve("tjk.key"),
                "--migrex.exchange.signing.public-key=" + work.resolve("tjk.pub"),
                "--migrex.exchange.state-dir=" + work.resolve("tjk-state"),
                "--migrex.exchange.partners.RUS.public-key=" + work.resolve("rus.pub"),
                "--migrex.exchange.partners.RUS.key-id=RUS-IT-1",
                "--migrex.security.users.tjk-agency.password={noop}agency-pw",
                "--migrex.security.users.tjk-agency.roles=AGENCY",
                "--migrex.security.users.tjk-stat.password={noop}stat-pw",
                "--migrex.security.users.tjk-stat.roles=STATISTICIAN");
        tjkPort = Integer.parseInt(tjk.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (tjk != null) {
            tjk.close();
        }
        if (rus != null) {
            rus.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static Map<String, Object> serde() {
        return Map.of("schema.registry.url", stack.registryConfluentUrl(), "auto.register.schemas", true);
    }

    private static RemittanceRecord price(String id, String fee, String margin) {
        return RemittanceRecord.newBuilder().setRecordId(id).setSendingArea("RUS").setReceivingArea("TJK")
                .setQuarter("2024-Q1")
                .setPrice(new RemittancePrice("Provider " + id, "MTO", "Cash", "USD200", "RUB", "18000", fee, margin,
                        null))
                .setFlow(null).setProvenance(provenance(id)).build();
    }

    private static Provenance provenance(String id) {
        return new Provenance("RUS", "rpw", "b1", 2L, "remittance-prices", "1", Instant.now());
    }

    @Test
    void aCorridorSurveyAndAFlowBecomeASignedFinalQuarterDatasetForTheReceivingCountry() throws Exception {
        Map<String, Object> producerConfig = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"));
        var serializer = new ConfluentAvroSerializer<RemittanceRecord>();
        serializer.configure(serde(), false);
        try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), serializer)) {
            String topic = RUS.remittances().name();
            producer.send(new ProducerRecord<>(topic, "rpw|A", price("A", "180", "1.5")));  // 25000
            producer.send(new ProducerRecord<>(topic, "rpw|B", price("B", "0", "2.25")));   // 22500
            producer.send(new ProducerRecord<>(topic, "rpw|C", price("C", "540", null)));   // not costed
            producer.send(new ProducerRecord<>(topic, "rpw|D", price("D", "100", "1.0")));  // 15556
            producer.send(new ProducerRecord<>(topic, "rpw|D", price("D", "100", "1.2")));  // corrected: 17556
            producer.send(new ProducerRecord<>(topic, "cbr|F1", RemittanceRecord.newBuilder().setRecordId("F1")
                    .setSendingArea("RUS").setReceivingArea("TJK").setQuarter("2024-Q1").setPrice(null)
                    .setFlow(new RemittanceFlow("1250000000.50", "RUB", "112500000045.25"))
                    .setProvenance(provenance("F1")).build()));
            // TJK's central bank recorded USD 1,200,000,000 received from RUS in 2024-Q1
            producer.send(new ProducerRecord<>(TJK.remittances().name(), "nbt|IN-1", RemittanceRecord.newBuilder()
                    .setRecordId("IN-1").setSendingArea("RUS").setReceivingArea("TJK").setQuarter("2024-Q1")
                    .setPrice(null).setFlow(new RemittanceFlow("1200000000", "TJS", "13080000000"))
                    .setProvenance(new Provenance("TJK", "nbt", "b1", 2L, "remittance-flows", "1", Instant.now()))
                    .build()));
            producer.flush();
        }

        var deserializer = new ConfluentAvroDeserializer<ExchangeDataset>();
        deserializer.configure(serde(), false);
        List<ExchangeDataset> delivered = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(Topics.inbox("TJK").name()));
            long deadline = System.currentTimeMillis() + 120_000;
            while (delivered.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, ExchangeDataset> r : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(r.key()).isEqualTo("RUS|REMITTANCES|2024-Q1");
                    delivered.add(r.value());
                }
            }
        }
        assertThat(delivered).as("one FINAL dataset: the quarter is closed and FINAL waits for quiet").hasSize(1);
        ExchangeDataset d = delivered.getFirst();
        assertThat(d.getStatus()).isEqualTo("FINAL");
        assertThat(d.getPeriod()).isEqualTo("2024-Q1");
        assertThat(DatasetSignatures.verify(d, Ed25519Keys.readPublic(work.resolve("rus.pub")))).isTrue();
        Map<String, Long> values = new HashMap<>();
        d.getObservations().forEach(o -> values.put(String.join("|", o.getDimensions().get("INDICATOR"),
                o.getDimensions().get("AMOUNT"), o.getDimensions().get("CURRENCY")), o.getValue()));
        assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PRICE_POINTS|USD200|_Z", 4L,
                "COSTED_POINTS|USD200|_Z", 3L,
                "COST_SUM|USD200|_Z", 25000L + 22500 + 17556, // 65056: average 2.1685 %
                "FLOW_VALUE|_Z|USD", 12_500_000_005_000L,
                "FLOW_VALUE|_Z|RUB", 1_125_000_000_452_500L));
        assertThat(new DatasetValidator(1000).validate(d).accepted()).isTrue();

        // TJK: verified, validated, stored and audited RECEIVED
        InboxStore inbox = tjk.getBean(InboxStore.class);
        long deadline = System.currentTimeMillis() + 30_000;
        Optional<ExchangeDataset> stored = Optional.empty();
        while (stored.isEmpty() && System.currentTimeMillis() < deadline) {
            stored = inbox.find("RUS", "REMITTANCES", "2024-Q1");
            Thread.sleep(300);
        }
        assertThat(stored).isPresent();
        assertThat(stored.get().getDatasetId()).isEqualTo(d.getDatasetId());
        assertThat(ExchangeItSupport.awaitInboxAudit(stack, TJK, d.getDatasetId()).getEvent()).isEqualTo("RECEIVED");

        // SDMX-CSV of the received dataset: REF_AREA the sender, the quarter as SDMX writes it
        HttpResponse<String> csv = ExchangeItSupport.get(tjkPort, "/sdmx/v2/data/dataflow/MIGREX/REMITTANCES/1.0/RUS",
                "tjk-agency", "agency-pw", "application/vnd.sdmx.data+csv;version=2.0.0");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.body().split("\r\n")).contains(
                "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,SENDING_AREA,RECEIVING_AREA,AMOUNT,CURRENCY,"
                        + "TIME_PERIOD,OBS_VALUE,CONF_STATUS",
                "dataflow,MIGREX:REMITTANCES(1.0),I,RUS,COST_SUM,RUS,TJK,USD200,_Z,2024-Q1,65056,F",
                "dataflow,MIGREX:REMITTANCES(1.0),I,RUS,COSTED_POINTS,RUS,TJK,USD200,_Z,2024-Q1,3,F",
                "dataflow,MIGREX:REMITTANCES(1.0),I,RUS,FLOW_VALUE,RUS,TJK,_Z,USD,2024-Q1,12500000005000,F");

        // the SDG 10.c.1 average of the received sums: 65056 / 3 = 21685.33 → 2.1685 %, below 3 %, not above 5 %
        HttpResponse<String> costs = ExchangeItSupport.get(tjkPort,
                "/api/v1/remittances/costs?sender=RUS&period=2024-Q1", "tjk-stat", "stat-pw", "application/json");
        assertThat(costs.statusCode()).as(costs.body()).isEqualTo(200);
        JsonNode corridor = JSON.readTree(costs.body()).get("corridors").get(0);
        assertThat(corridor.get("sendingArea").asString()).isEqualTo("RUS");
        assertThat(corridor.get("receivingArea").asString()).isEqualTo("TJK");
        assertThat(corridor.get("averagePercent").asString()).isEqualTo("2.1685");
        assertThat(corridor.get("aboveFivePercent").asBoolean()).isFalse();
        assertThat(corridor.get("meetsThreePercentTarget").asBoolean()).isTrue();
        JsonNode share = JSON.readTree(costs.body()).get("sharesAboveFivePercent").get(0);
        assertThat(share.get("corridorsWithAverage").asLong()).isEqualTo(1L);
        assertThat(share.get("corridorsAboveFive").asLong()).isEqualTo(0L);

        // the corridor mirror at TJK: its inflow from RUS (USD 1,200,000,000 → 12,000,000,000,000) against RUS's
        // outflow (12,500,000,005,000): difference -500,000,005,000, ratio 12,500,000,005,000 / 12 * 10^12 = 1.0417;
        // TJK → RUS recorded by neither: not available, never 0 (TJK's own cells may lag: wait for them)
        JsonNode inflow = null;
        deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> mirror = ExchangeItSupport.get(tjkPort,
                    "/api/v1/remittances/mirror?partner=RUS&period=2024-Q1", "tjk-stat", "stat-pw", "application/json");
            if (mirror.statusCode() == 200) {
                for (JsonNode row : JSON.readTree(mirror.body()).get("rows")) {
                    if (row.get("sendingArea").asString().equals("RUS") && !row.get("ours").isNull()) {
                        inflow = row;
                    }
                }
            }
            if (inflow != null) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(inflow).as("TJK's inflow row with its own value").isNotNull();
        assertThat(inflow.get("ourRecord").asString()).isEqualTo("inflow");
        assertThat(inflow.get("ours").asLong()).isEqualTo(12_000_000_000_000L);
        assertThat(inflow.get("partners").asLong()).isEqualTo(12_500_000_005_000L);
        assertThat(inflow.get("difference").asLong()).isEqualTo(-500_000_005_000L);
        assertThat(inflow.get("ratio").asString()).isEqualTo("1.0417");
        HttpResponse<String> mirror = ExchangeItSupport.get(tjkPort,
                "/api/v1/remittances/mirror?partner=RUS&period=2024-Q1", "tjk-stat", "stat-pw", "application/json");
        JsonNode outflow = JSON.readTree(mirror.body()).get("rows").get(0);
        assertThat(outflow.get("sendingArea").asString()).isEqualTo("TJK");
        assertThat(outflow.get("ours").isNull()).isTrue();
        assertThat(outflow.get("partners").isNull()).isTrue();
        assertThat(outflow.get("note").asString()).contains("no outflow recorded by TJK");
    }

    private static Properties consumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }
}
