package org.migrex.exchange.receiving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.migrex.exchange.receiving.sdmx.SdmxController;
import org.migrex.exchange.receiving.sdmx.SdmxWebConfiguration;
import org.migrex.localstack.LocalStack;
import org.migrex.node.AvroSerdeFactory;
import org.migrex.schema.DatasetSignatures;
import org.migrex.schema.Ed25519Keys;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Observation;
import org.migrex.schema.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SDMX REST v2 additions on node KGZ's exchange service, on a real KRaft broker and Apicurio registry
 * (LocalStack): availability, {@code updatedAfter}, {@code includeHistory}, {@code first/lastNObservations},
 * {@code attributes/measures}, {@code meta.prepared}, and every URL the npm client sdmx-rest (sosna/sdmx-rest4js
 * 2.20.0) generates for v2 ({@code sdmx-rest4js/urls.txt}, written by {@code generate-urls.js} beside it), sent byte
 * for byte as the library writes them (raw {@code [ ]} and {@code +}, over a plain socket: Java's URI refuses them).
 *
 * <p>Data, signed in the test with a key made in the test, delivered to {@code exchange.KGZ.inbox}: KAZ's MIGR_FLOW
 * immigration from KGZ, totals over age and duration:
 * <pre>
 *   2025-02 revision 1, generated 2025-03-02T08:00Z: M 2, F 1, _T 3
 *   2025-03 revision 1, generated 2025-04-02T08:00Z: M 6, F 5, _T 11
 *   2025-03 revision 2, generated 2025-05-02T08:00Z: M 7, F 5, _T 12   (in force)
 * </pre>
 * and KGZ's own cells on {@code kgz.aggregates}, written after {@link #ownWrittenAfter}: EMI to KAZ, M Y20T24 4, and
 * F Y20T24 0 (every unit left it: a deletion). Expected answers below follow from these by hand.
 */
@SpringBootTest(classes = SdmxRestV2IT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdmxRestV2IT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ReceivingConfiguration.class, InboxController.class, SdmxController.class, SdmxWebConfiguration.class})
    static class App {
    }

    private static LocalStack stack;
    private static Path keys;
    private static KeyPair kaz;
    private static final Topics KGZ = Topics.forNode("KGZ");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DATA = "/sdmx/v2/data/dataflow/MIGREX/MIGR_FLOW/2.0.0/";
    private static final String AVAILABILITY = "/sdmx/v2/availability/dataflow/MIGREX/MIGR_FLOW/2.0.0";
    private static final String CSV = "application/vnd.sdmx.data+csv;version=2.0.0";
    private static final String HEADER = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,FLOW,COUNTERPART_AREA,CITIZENSHIP,"
            + "SEX,AGE,PURPOSE,DURATION,TIME_PERIOD,OBS_VALUE,CONF_STATUS";
    /** xs:dateTime with a zone designator (Z or an offset), as meta.prepared must be. */
    private static final Pattern ZONED = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private Instant ownWrittenAfter;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        stack = LocalStack.builder().start();
        keys = Files.createTempDirectory("migrex-sdmx-it");
        kaz = Ed25519Keys.generate(keys.resolve("kaz.key"), keys.resolve("kaz.pub"));
        KgzReceivingNode.properties(registry, stack, keys);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    AvroSerdeFactory serdes;
    @Autowired
    InboxStore inbox;

    private static Observation obs(String sex, long value, String period) {
        return Observation.newBuilder()
                .setDimensions(Map.of("FLOW", "IMM", "SEX", sex, "AGE", "_T", "DURATION", "_T", "TIME_PERIOD", period))
                .setValue(value).setConfStatus("F").build();
    }

    private static ExchangeDataset dataset(String period, long revision, String generatedAt, long m, long f) {
        ExchangeDataset d = ExchangeDataset.newBuilder().setDatasetId("KAZ-" + revision + "-" + UUID.randomUUID())
                .setSender("KAZ").setReceiver("KGZ").setAgreementId("KAZ-KGZ-MIGR_FLOW")
                .setDataflow("MIGR_FLOW").setPeriod(period).setRevision(revision).setStatus("PROVISIONAL")
                .setGeneratedAt(Instant.parse(generatedAt))
                .setObservations(List.of(obs("M", m, period), obs("F", f, period), obs("_T", m + f, period)))
                .setKeyId("KAZ-2026-1").setSignature(ByteBuffer.allocate(0)).build();
        d.setSignature(ByteBuffer.wrap(DatasetSignatures.sign(d, kaz.getPrivate())));
        return d;
    }

    @BeforeAll
    void deliver() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, ExchangeDataset> producer = new KafkaProducer<>(config, new StringSerializer(),
                serdes.valueSerializer(KGZ.ownInbox()))) {
            for (ExchangeDataset d : List.of(dataset("2025-02", 1, "2025-03-02T08:00:00Z", 2, 1),
                    dataset("2025-03", 1, "2025-04-02T08:00:00Z", 6, 5),
                    dataset("2025-03", 2, "2025-05-02T08:00:00Z", 7, 5))) {
                producer.send(new ProducerRecord<>(KGZ.ownInbox().name(),
                        Topics.datasetKey(d.getSender(), d.getDataflow(), d.getPeriod()), d)).get();
            }
        }
        ownWrittenAfter = Instant.now().minusMillis(1);
        try (KafkaProducer<String, MigrationAggregate> producer = new KafkaProducer<>(config, new StringSerializer(),
                serdes.valueSerializer(KGZ.aggregates()))) {
            for (Object[] c : new Object[][] {{"M", 4L}, {"F", 0L}}) {
                Map<String, String> dims = Map.of("REF_AREA", "KGZ", "FLOW", "EMI", "COUNTERPART_AREA", "KAZ",
                        "CITIZENSHIP", "KGZ", "SEX", (String) c[0], "AGE", "Y20T24", "PURPOSE", "WORK",
                        "DURATION", "LONG_TERM", "TIME_PERIOD", "2025-03");
                String key = String.join("|", "KGZ", "EMI", "KAZ", "KGZ", (String) c[0], "Y20T24", "WORK",
                        "LONG_TERM", "2025-03");
                producer.send(new ProducerRecord<>(KGZ.aggregates().name(), key, MigrationAggregate.newBuilder()
                        .setDataflow("MIGR_FLOW").setDimensions(dims).setCount((Long) c[1])
                        .setUpdatedAt(Instant.now()).build())).get();
            }
        }
        // polling HTTP state until the receipt stored everything: revision 2 in force, both revisions in the history
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Response own = get(DATA + "KGZ", "kgz-stat", CSV);
            if (safeHistorySize() == 3 && own.status() == 200) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the receipt did not store the three revisions and the own cells within 90 s");
    }

    private int safeHistorySize() {
        try {
            return inbox.history("MIGR_FLOW").size();
        } catch (RuntimeException notReady) {
            return -1;
        }
    }

    // --- updatedAfter ----------------------------------------------------------------------------------------------

    @Test
    void updatedAfterReturnsOnlyTheRevisionsGeneratedAfterTheInstantWithActionReplace() throws Exception {
        String revision2 = HEADER + "\r\n"
                + "dataflow,MIGREX:MIGR_FLOW(2.0),R,KAZ,IMM,KGZ,_T,M,_T,_T,_T,2025-03,7,F\r\n"
                + "dataflow,MIGREX:MIGR_FLOW(2.0),R,KAZ,IMM,KGZ,_T,F,_T,_T,_T,2025-03,5,F\r\n"
                + "dataflow,MIGREX:MIGR_FLOW(2.0),R,KAZ,IMM,KGZ,_T,_T,_T,_T,_T,2025-03,12,F\r\n";
        // the same instant three ways: UTC, an offset with %2B, and an offset whose unencoded + became a space
        for (String after : List.of("2025-04-15T00:00:00Z", "2025-04-15T05:00:00%2B05:00", "2025-04-15T05:00:00+05:00")) {
            Response r = get(DATA + "KAZ.IMM?updatedAfter=" + after, "kgz-agency", CSV);
            assertThat(r.status()).as(after).isEqualTo(200);
            assertThat(r.body()).as(after).isEqualTo(revision2);
        }
        // before every revision: everything in force (2025-02 and 2025-03 revision 2)
        assertThat(get(DATA + "KAZ.IMM?updatedAfter=2025-01-01T00:00:00Z", "kgz-agency", CSV).body().split("\r\n"))
                .hasSize(7);
        Response none = get(DATA + "KAZ.IMM?updatedAfter=2025-06-01T00:00:00Z", "kgz-agency", null);
        assertThat(none.status()).isEqualTo(404);
        assertThat(JSON.readTree(none.body()).get("errors").get(0).get("code").asInt()).isEqualTo(100);
    }

    @Test
    void aMalformedUpdatedAfterIsA400NamingTheAcceptedFormat() throws Exception {
        for (String bad : List.of("yesterday", "2025-04-15", "2025-13-01T00:00:00Z")) {
            Response r = get(DATA + "KAZ.IMM?updatedAfter=" + bad, "kgz-agency", null);
            assertThat(r.status()).as(bad).isEqualTo(400);
            JsonNode error = JSON.readTree(r.body()).get("errors").get(0);
            assertThat(error.get("code").asInt()).isEqualTo(140);
            assertThat(error.get("detail").asString()).contains("updatedAfter=" + bad).contains("xs:dateTime")
                    .contains("2025-04-01T00:00:00Z");
        }
    }

    @Test
    void updatedAfterGivesTheStatisticianOwnChangedCellsAndDeletedCellsInADeleteDataSet() throws Exception {
        Response r = get(DATA + "KGZ?updatedAfter=" + ownWrittenAfter, "kgz-stat", CSV);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(HEADER + "\r\n"
                + "dataflow,MIGREX:MIGR_FLOW(2.0),R,KGZ,EMI,KAZ,KGZ,M,Y20T24,WORK,LONG_TERM,2025-03,4,F\r\n"
                + "dataflow,MIGREX:MIGR_FLOW(2.0),D,KGZ,EMI,KAZ,KGZ,F,Y20T24,WORK,LONG_TERM,2025-03,,F\r\n");
        JsonNode sets = JSON.readTree(get(DATA + "KGZ?dimensionAtObservation=AllDimensions&updatedAfter="
                + ownWrittenAfter, "kgz-stat", null).body()).get("data").get("dataSets");
        assertThat(sets).hasSize(2);
        assertThat(sets.get(0).get("action").asString()).isEqualTo("Replace");
        assertThat(sets.get(1).get("action").asString()).isEqualTo("Delete");
        // without updatedAfter a deleted cell is simply absent
        assertThat(get(DATA + "KGZ", "kgz-stat", CSV).body()).doesNotContain(",F,Y20T24,");
    }

    // --- includeHistory --------------------------------------------------------------------------------------------

    @Test
    void includeHistoryReturnsOneDataSetPerRevisionWithItsValidity() throws Exception {
        Response r = get(DATA + "KAZ.IMM.KGZ._T.M?includeHistory=true&dimensionAtObservation=AllDimensions",
                "kgz-agency", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode data = JSON.readTree(r.body()).get("data");
        JsonNode sets = data.get("dataSets");
        assertThat(sets).hasSize(3);
        List<String> periods = new ArrayList<>();
        data.get("structures").get(0).get("dimensions").get("observation").forEach(d -> {
            if (d.get("id").asString().equals("TIME_PERIOD")) {
                d.get("values").forEach(v -> periods.add(v.get("id").asString()));
            }
        });
        assertThat(periods).containsExactly("2025-02", "2025-03");
        // 2025-02 r1: M 2, valid from its generation, still in force
        assertThat(sets.get(0).get("action").asString()).isEqualTo("Replace");
        assertThat(sets.get(0).get("validFrom").asString()).isEqualTo("2025-03-02T08:00:00Z");
        assertThat(sets.get(0).has("validTo")).isFalse();
        assertThat(onlyValue(sets.get(0))).isEqualTo(2);
        // 2025-03 r1: M 6, replaced by r2 on 2025-05-02
        assertThat(sets.get(1).get("validFrom").asString()).isEqualTo("2025-04-02T08:00:00Z");
        assertThat(sets.get(1).get("validTo").asString()).isEqualTo("2025-05-02T08:00:00Z");
        assertThat(onlyValue(sets.get(1))).isEqualTo(6);
        // 2025-03 r2: M 7, in force
        assertThat(sets.get(2).get("validFrom").asString()).isEqualTo("2025-05-02T08:00:00Z");
        assertThat(sets.get(2).has("validTo")).isFalse();
        assertThat(onlyValue(sets.get(2))).isEqualTo(7);

        // with updatedAfter only the revisions generated after it
        JsonNode later = JSON.readTree(get(DATA + "KAZ.IMM.KGZ._T.M?includeHistory=true&updatedAfter=2025-04-01T00:00:00Z",
                "kgz-agency", null).body()).get("data").get("dataSets");
        assertThat(later).hasSize(2);
        // SDMX-CSV has no field for a data set's validity
        Response csv = get(DATA + "KAZ.IMM?includeHistory=true", "kgz-agency", CSV);
        assertThat(csv.status()).isEqualTo(501);
        assertThat(get(DATA + "KAZ.IMM?includeHistory=maybe", "kgz-agency", null).status()).isEqualTo(400);
    }

    private static long onlyValue(JsonNode dataSet) {
        List<Long> values = new ArrayList<>();
        dataSet.get("observations").forEach(o -> values.add(o.get(0).asLong()));
        assertThat(values).hasSize(1);
        return values.getFirst();
    }

    // --- first/last N, attributes, measures -------------------------------------------------------------------------

    @Test
    void firstAndLastNObservationsKeepTheEarliestAndLatestPeriodsOfEachSeries() throws Exception {
        String m = DATA + "KAZ.IMM.KGZ._T.M";
        assertThat(get(m + "?lastNObservations=1", "kgz-agency", CSV).body())
                .isEqualTo(HEADER + "\r\ndataflow,MIGREX:MIGR_FLOW(2.0),I,KAZ,IMM,KGZ,_T,M,_T,_T,_T,2025-03,7,F\r\n");
        assertThat(get(m + "?firstNObservations=1", "kgz-agency", CSV).body())
                .isEqualTo(HEADER + "\r\ndataflow,MIGREX:MIGR_FLOW(2.0),I,KAZ,IMM,KGZ,_T,M,_T,_T,_T,2025-02,2,F\r\n");
        assertThat(get(m + "?firstNObservations=0", "kgz-agency", CSV).status()).isEqualTo(400);
    }

    @Test
    void attributesAndMeasuresNoneLeaveOutTheirColumns() throws Exception {
        String body = get(DATA + "KAZ.IMM.KGZ._T.M?attributes=none&measures=none", "kgz-agency", CSV).body();
        assertThat(body).isEqualTo("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,FLOW,COUNTERPART_AREA,CITIZENSHIP,SEX,AGE,"
                + "PURPOSE,DURATION,TIME_PERIOD\r\n"
                + "dataflow,MIGREX:MIGR_FLOW(2.0),I,KAZ,IMM,KGZ,_T,M,_T,_T,_T,2025-02\r\n"
                + "dataflow,MIGREX:MIGR_FLOW(2.0),I,KAZ,IMM,KGZ,_T,M,_T,_T,_T,2025-03\r\n");
        JsonNode json = JSON.readTree(get(DATA + "KAZ.IMM.KGZ._T.M?attributes=CONF_STATUS&measures=none"
                + "&dimensionAtObservation=AllDimensions", "kgz-agency", null).body()).get("data");
        assertThat(json.get("structures").get(0).get("measures").get("observation")).isEmpty();
        json.get("dataSets").get(0).get("observations").forEach(o -> assertThat(o).hasSize(1)); // CONF_STATUS index only
    }

    // --- availability -----------------------------------------------------------------------------------------------

    @Test
    void availabilityExactIsTheCubeRegionOfTheMatchingData() throws Exception {
        Response r = get(AVAILABILITY + "/KAZ.IMM.*.*.M", "kgz-agency", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/vnd.sdmx.structure+json");
        JsonNode constraint = JSON.readTree(r.body()).get("data").get("dataConstraints").get(0);
        assertThat(constraint.get("role").asString()).isEqualTo("Actual");
        assertThat(constraint.get("constraintAttachment").get("dataflows").get(0).asString())
                .isEqualTo("urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=MIGREX:MIGR_FLOW(2.0)");
        Map<String, List<String>> region = region(constraint);
        assertThat(region.get("REF_AREA")).containsExactly("KAZ");
        assertThat(region.get("SEX")).containsExactly("M");
        assertThat(region.get("TIME_PERIOD")).containsExactly("2025-02", "2025-03");
        // M in 2025-02 and 2025-03: two observations of one series
        assertThat(annotation(constraint, "obs_count")).isEqualTo("2");
        assertThat(annotation(constraint, "series_count")).isEqualTo("1");
    }

    @Test
    void availabilityAvailableShowsTheCodesThatCouldStillBeAdded() throws Exception {
        JsonNode constraint = JSON.readTree(get(AVAILABILITY + "/KAZ.IMM.*.*.M?mode=available", "kgz-agency", null)
                .body()).get("data").get("dataConstraints").get(0);
        Map<String, List<String>> region = region(constraint);
        // SEX's own selection left out: every sex KAZ.IMM has; other dimensions as for the query
        assertThat(region.get("SEX")).containsExactly("M", "F", "_T");
        assertThat(region.get("TIME_PERIOD")).containsExactly("2025-02", "2025-03");
        // a statistician also sees this node's own cells: REF_AREA KGZ could be added (KAZ has IMM only)
        JsonNode stat = JSON.readTree(get(AVAILABILITY + "/KAZ?mode=available", "kgz-stat", null).body())
                .get("data").get("dataConstraints").get(0);
        assertThat(region(stat).get("REF_AREA")).containsExactly("KAZ", "KGZ");
        assertThat(region(stat).get("FLOW")).containsExactly("IMM");
    }

    @Test
    void availabilityForOneComponentWithPartialCodeLists() throws Exception {
        JsonNode data = JSON.readTree(get(AVAILABILITY + "/KAZ.IMM/SEX?references=codelist", "kgz-agency", null).body())
                .get("data");
        Map<String, List<String>> region = region(data.get("dataConstraints").get(0));
        assertThat(region.keySet()).containsExactly("SEX");
        assertThat(region.get("SEX")).containsExactly("M", "F", "_T");
        JsonNode sex = data.get("codelists").get(0);
        assertThat(sex.get("id").asString()).isEqualTo("CL_SEX");
        assertThat(sex.get("isPartial").asBoolean()).isTrue();
        List<String> codes = new ArrayList<>();
        sex.get("codes").forEach(c -> codes.add(c.get("id").asString()));
        assertThat(codes).containsExactly("M", "F", "_T");

        JsonNode all = JSON.readTree(get(AVAILABILITY + "/*?references=all", "kgz-agency", null).body()).get("data");
        assertThat(all.get("dataflows").get(0).get("id").asString()).isEqualTo("MIGR_FLOW");
        assertThat(all.get("dataStructures").get(0).get("id").asString()).isEqualTo("MIGR_FLOW");
    }

    @Test
    void availabilityErrors() throws Exception {
        assertThat(get(AVAILABILITY + "/KGZ", "kgz-agency", null).status()).isEqualTo(403);
        assertThat(get(AVAILABILITY + "/*/NOPE", "kgz-agency", null).status()).isEqualTo(400);
        assertThat(get(AVAILABILITY + "/*?mode=most", "kgz-agency", null).status()).isEqualTo(400);
        Response none = get(AVAILABILITY + "/TJK", "kgz-agency", null);
        assertThat(none.status()).isEqualTo(404);
        assertThat(JSON.readTree(none.body()).get("errors").get(0).get("code").asInt()).isEqualTo(100);
        assertThat(get(AVAILABILITY, "kgz-agency", "application/vnd.sdmx.structure+xml;version=3.0.0").status())
                .isEqualTo(406);
        assertThat(get(AVAILABILITY, null, null).status()).isEqualTo(401);
    }

    private static Map<String, List<String>> region(JsonNode constraint) {
        Map<String, List<String>> region = new java.util.LinkedHashMap<>();
        JsonNode cube = constraint.get("cubeRegions").get(0);
        assertThat(cube.get("include").asBoolean()).isTrue();
        cube.get("keyValues").forEach(kv -> {
            List<String> values = new ArrayList<>();
            kv.get("values").forEach(v -> values.add(v.get("value").asString()));
            region.put(kv.get("id").asString(), values);
        });
        return region;
    }

    private static String annotation(JsonNode artefact, String id) {
        for (JsonNode a : artefact.get("annotations")) {
            if (a.get("id").asString().equals(id)) {
                return a.get("title").asString();
            }
        }
        throw new AssertionError("no annotation " + id);
    }

    // --- meta.prepared ----------------------------------------------------------------------------------------------

    @Test
    void metaPreparedAlwaysCarriesATimeZone() throws Exception {
        for (String path : List.of(DATA + "KAZ", AVAILABILITY, "/sdmx/v2/structure/dataflow/MIGREX/MIGR_FLOW",
                "/sdmx/v2/structure/datastructure/MIGREX/MIGR_FLOW?references=codelist",
                "/sdmx/v2/structure/codelist/MIGREX/CL_SEX", DATA + "TJK", DATA + "KAZ?updatedAfter=never")) {
            Response r = get(path, "kgz-agency", null);
            String prepared = JSON.readTree(r.body()).get("meta").get("prepared").asString();
            assertThat(prepared).as(path + " (" + r.status() + ")").matches(ZONED);
        }
    }

    // --- sdmx-rest4js -----------------------------------------------------------------------------------------------

    /**
     * The URLs sdmx-rest4js generates that this node answers with 501 Not implemented (SDMX error 501, which the
     * SDMX REST spec lets a service return for what it does not implement), with why:
     * several dataflows in one data message; artefact stubs; concept schemes, which this node does not serve.
     */
    private static final Set<String> NOT_IMPLEMENTED = Set.of(
            "http://HOST/sdmx/v2/data/*/*/*/*/*?attributes=dsd&measures=all&includeHistory=false",
            "http://HOST/sdmx/v2/data",
            "http://HOST/sdmx/v2/structure/datastructure/MIGREX/MIGR_FLOW/~?detail=allstubs&references=none",
            "http://HOST/sdmx/v2/structure/datastructure/MIGREX/MIGR_FLOW?detail=allstubs",
            "http://HOST/sdmx/v2/availability/dataflow/MIGREX/MIGR_FLOW/2.0.0/*/*?mode=exact&references=conceptscheme",
            "http://HOST/sdmx/v2/availability/dataflow/MIGREX/MIGR_FLOW/2.0.0?references=conceptscheme");

    @Test
    void everyV2UrlThatSdmxRest4jsGeneratesIsAnswered() throws Exception {
        List<String> lines;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/sdmx-rest4js/urls.txt"))) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        assertThat(lines).hasSizeGreaterThan(80);
        List<String> failures = new ArrayList<>();
        int ok = 0;
        for (String line : lines) {
            String url = line.substring(line.indexOf(' ') + 1);
            String path = url.substring("http://HOST".length());
            Response r = get(path, "kgz-stat", null);
            int expected = NOT_IMPLEMENTED.contains(url) ? 501 : 200;
            if (r.status() != expected) {
                failures.add(r.status() + " (expected " + expected + ") " + line + ": " + r.body());
                continue;
            }
            if (expected == 501) {
                assertThat(JSON.readTree(r.body()).get("errors").get(0).get("code").asInt()).as(url).isEqualTo(501);
            } else {
                assertThat(JSON.readTree(r.body()).get("meta").get("prepared").asString()).as(url).matches(ZONED);
                ok++;
            }
        }
        assertThat(failures).isEmpty();
        assertThat(ok).isEqualTo(lines.size() - NOT_IMPLEMENTED.size());
    }

    // --- HTTP -------------------------------------------------------------------------------------------------------

    private record Response(int status, String contentType, String body) {
    }

    /**
     * GET over a plain socket with HTTP/1.0 (no chunking), the path and query sent exactly as given: raw {@code [},
     * {@code ]} and {@code +} as sdmx-rest4js writes them.
     */
    private Response get(String pathAndQuery, String user, String accept) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder("GET ").append(pathAndQuery).append(" HTTP/1.0\r\n")
                    .append("Host: localhost:").append(port).append("\r\n");
            if (user != null) {
                String password = user.equals("kgz-stat") ? "stat-pw" : "agency-pw";
                request.append("Authorization: Basic ").append(Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).append("\r\n");
            }
            if (accept != null) {
                request.append("Accept: ").append(accept).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(bytes);
            String raw = bytes.toString(StandardCharsets.UTF_8);
            int headerEnd = raw.indexOf("\r\n\r\n");
            String head = raw.substring(0, headerEnd);
            int status = Integer.parseInt(head.substring(9, 12));
            String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring("content-type:".length()).strip()).findFirst().orElse("");
            return new Response(status, contentType, raw.substring(headerEnd + 4));
        }
    }
}
