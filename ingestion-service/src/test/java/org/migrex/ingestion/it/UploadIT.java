package org.migrex.ingestion.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migrex.ingestion.IngestionApplication;
import org.migrex.localstack.LocalStack;
import org.migrex.localstack.LocalStackExtension;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.Topics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The upload API on a real KRaft broker and a real Apicurio registry (LocalStack), called over real HTTP.
 * Expected values are written out by hand from the files below; pseudonyms were computed with
 * {@code printf '%s' ID | openssl dgst -sha256 -hmac migrex-test-secret-0123456789abcdef}.
 */
@ExtendWith(LocalStackExtension.class)
@SpringBootTest(classes = IngestionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UploadIT {
    static final String SECRET = "migrex-test-secret-0123456789abcdef";
    static final String TOPIC = Topics.forNode("KAZ").rawRecords().name();

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        LocalStack stack = LocalStackExtension.shared();
        registry.add("migrex.node.country", () -> "KAZ");
        registry.add("migrex.kafka.bootstrap-servers", stack::bootstrapServers);
        registry.add("migrex.registry.url", stack::registryConfluentUrl);
        registry.add("migrex.ingestion.pseudonym-secret", () -> SECRET);
        registry.add("migrex.ingestion.max-upload-size", () -> "4MB");
        registry.add("migrex.ingestion.retry-after", () -> "7s");
        registry.add("migrex.ingestion.sources.template.owner", () -> "kaz-agency");
        registry.add("migrex.ingestion.sources.registry-export.profile", () -> "ru-registry-export");
        registry.add("migrex.ingestion.sources.registry-export.owner", () -> "rus-agency");
        registry.add("migrex.ingestion.sources.kaz-mvd.profile", () -> "template");
        registry.add("migrex.ingestion.sources.kaz-mvd.owner", () -> "kaz-agency");
        for (String user : List.of("kaz-agency", "rus-agency", "statistician", "operator")) {
            registry.add("migrex.security.users." + user + ".password", () -> "{noop}pw-" + user);
            registry.add("migrex.security.users." + user + ".roles", () -> switch (user) {
                case "statistician" -> "STATISTICIAN";
                case "operator" -> "OPERATOR";
                default -> "AGENCY";
            });
        }
    }

    @LocalServerPort
    int port;

    private Http http() {
        return new Http("http://localhost:" + port);
    }

    /** Polls the public readiness endpoint until it answers {@code wanted} or the time is up; the last status. */
    private int readinessWithin(java.time.Duration limit, int wanted) {
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/actuator/health/readiness")).build();
        long deadline = System.nanoTime() + limit.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            try {
                status = client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == wanted) {
                    return status;
                }
                Thread.sleep(500);
            } catch (java.io.IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
        }
        return status;
    }

    private RawRecordTopic topic() {
        LocalStack stack = LocalStackExtension.shared();
        return new RawRecordTopic(stack.bootstrapServers(), stack.registryConfluentUrl(), TOPIC);
    }

    private List<RawMigrationRecord> committedOfBatch(String batchId) {
        // every caller's batch was committed with at least one record, so wait until the batch is visible
        return topic().committedOnce(all -> all.stream().anyMatch(r -> ofBatch(r.value(), batchId))).stream()
                .map(ConsumerRecord::value).filter(r -> ofBatch(r, batchId)).toList();
    }

    private static boolean ofBatch(RawMigrationRecord record, String batchId) {
        return record.getProvenance().getBatchId().equals(batchId);
    }

    static final String MIXED = """
            record_id,event_type,event_date,person_id,sex,birth_date,citizenship,country_of_birth,counterpart_country,purpose,intended_duration_days,region
            KAZ-1,ENTRY,2025-03-14,N12345678,F,1990-05-02,KGZ,KGZ,KGZ,WORK,365,KZ-ALA
            KAZ-2,EXIT,31.02.2025,B7000001,M,,UZB,,UZB,,,KZ-AST
            KAZ-3,EXIT,15.03.2025,AN1234567,M,,UZB,,UZB,,,KZ-AST
            KAZ-4,ENTRY,2025-03-16,,F,,TJK,,TJK,FAMILY,abc,
            "KAZ-5","RESIDENCE_PERMIT","2025-03-17","C5550001","F","","RUS","","RUS","FAMILY","400","KZ-ALA"
            """;

    @Test
    @Order(1)
    void mixedFileGivesAnExactReportAndExactlyTheAcceptedRowsInOneCommittedTransaction() {
        long endBefore = topic().endOffset();

        Http.Answer answer = http().post("/api/v1/sources/kaz-mvd/records", "kaz-agency", "text/csv", MIXED);

        assertThat(answer.status()).as(answer.response().body()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("source").asString()).isEqualTo("kaz-mvd");
        assertThat(report.get("profile").asString()).isEqualTo("template");
        assertThat(report.get("received").asLong()).isEqualTo(5);
        assertThat(report.get("accepted").asLong()).isEqualTo(3);
        assertThat(report.get("rejected").asLong()).isEqualTo(2);
        assertThat(report.get("errorsNotListed").asLong()).isZero();
        assertThat(Http.JSON.convertValue(report.get("errors"), List.class)).containsExactly(
                Map.of("line", 3, "column", "event_date", "value", "31.02.2025", "message",
                        "'31.02.2025' is not a date; accepted: yyyy-MM-dd or dd.MM.yyyy, a real calendar date with a"
                                + " year from 1900 to 2999"),
                errorWithoutValue(5, "person_id", "person_id is required and is blank"),
                Map.of("line", 5, "column", "intended_duration_days", "value", "abc", "message",
                        "'abc' is not a number of days; accepted: a whole number from 0 to 36500, or blank"));

        String batchId = report.get("batchId").asString();
        List<RawMigrationRecord> records = committedOfBatch(batchId);
        assertThat(records).extracting(RawMigrationRecord::getRecordId).containsExactly("KAZ-1", "KAZ-3", "KAZ-5");
        assertThat(records).extracting(RawMigrationRecord::getEventDate)
                .containsExactly("2025-03-14", "2025-03-15", "2025-03-17");
        assertThat(records).extracting(r -> r.getProvenance().getLine()).containsExactly(2L, 4L, 6L);
        assertThat(records.getFirst().getPersonPseudonym())
                .isEqualTo("d719967f07038e4abf93b4b3769c52e31213b5628ea7228532e8313c8ca72f05");
        assertThat(records.get(2).getIntendedDurationDays()).isEqualTo(400);
        // three records and exactly one transaction marker: the upload was one committed transaction
        assertThat(topic().endOffset() - endBefore).isEqualTo(3 + 1);
        List<String> keys = topic().committed().stream()
                .filter(r -> r.value().getProvenance().getBatchId().equals(batchId)).map(ConsumerRecord::key).toList();
        assertThat(keys).containsExactly("kaz-mvd|KAZ-1", "kaz-mvd|KAZ-3", "kaz-mvd|KAZ-5");
    }

    private static Map<String, Object> errorWithoutValue(int line, String column, String message) {
        Map<String, Object> error = new java.util.HashMap<>();
        error.put("line", line);
        error.put("column", column);
        error.put("value", null);
        error.put("message", message);
        return error;
    }

    @Test
    @Order(2)
    void russianRegistryExportWithBomSemicolonsAndCrlfIsRead() {
        String file = "\uFEFFНомер записи;Тип события;Дата регистрации;Паспорт;Пол;Дата рождения;Гражданство;"
                + "Страна рождения;Откуда прибыл / Куда убыл;Цель;Срок пребывания (дней);Регион\r\n"
                + "RU-000001;Въезд;14.03.2025;AN1234567;Ж;02.05.1990;Киргизия;Киргизия;Киргизия;Работа;365;77\r\n"
                + "RU-000002;Выезд;15.03.2025;N7654321;М;;Узбекистан;;\"Узбекистан\";;;78\r\n"
                + "RU-000003;Постановка на миграционный учет;01.02.2025;ПАСПОРТ12;жен;;\"Таджикистан; Душанбе\";;;"
                + "Учеба;90;77\r\n";

        Http.Answer answer = http().post("/api/v1/sources/registry-export/records", "rus-agency",
                "text/csv; charset=UTF-8", file.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.response().body()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("profile").asString()).isEqualTo("ru-registry-export");
        assertThat(report.get("received").asLong()).isEqualTo(3);
        assertThat(report.get("accepted").asLong()).isEqualTo(3);
        assertThat(report.get("errors").size()).isZero();
        List<RawMigrationRecord> records = committedOfBatch(report.get("batchId").asString());
        assertThat(records).extracting(RawMigrationRecord::getRecordId)
                .containsExactly("RU-000001", "RU-000002", "RU-000003");
        assertThat(records).extracting(RawMigrationRecord::getEventType)
                .containsExactly("ENTRY", "EXIT", "STAY_REGISTRATION");
        assertThat(records).extracting(RawMigrationRecord::getEventDate)
                .containsExactly("2025-03-14", "2025-03-15", "2025-02-01");
        assertThat(records).extracting(RawMigrationRecord::getSex).containsExactly("F", "M", "F");
        assertThat(records).extracting(RawMigrationRecord::getPurpose).containsExactly("WORK", null, "STUDY");
        assertThat(records).extracting(RawMigrationRecord::getCitizenship)
                .containsExactly("Киргизия", "Узбекистан", "Таджикистан; Душанбе");
        assertThat(records.getFirst().getBirthDate()).isEqualTo("1990-05-02");
        assertThat(records.getFirst().getPersonPseudonym())
                .isEqualTo("606ff1d277e93c92dd1e1f4fd1ae9cac242b2309ef6bdee0b6f4ab552f87bb02");
        assertThat(records.get(2).getPersonPseudonym())
                .isEqualTo("1d54d31fbc8cab681a9c1de0c48b426927febe37469c5e98019f96ca9055477b");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getProvenance().getNode()).isEqualTo("KAZ");
            assertThat(r.getProvenance().getSource()).isEqualTo("registry-export");
            assertThat(r.getProvenance().getProfileVersion()).isEqualTo("2");
        });
    }

    @Test
    @Order(3)
    void jsonAndMultipartUploadsAreAccepted() {
        JsonNode sources = Http.JSON.readTree(http().get("/api/v1/sources", "kaz-agency"));
        assertThat(sources.size()).isEqualTo(3);
        assertThat(sources.get(1).get("id").asString()).isEqualTo("registry-export");
        assertThat(sources.get(1).get("profile").asString()).isEqualTo("ru-registry-export");
        assertThat(sources.get(1).get("owner").asString()).isEqualTo("rus-agency");

        Http.Answer json = http().post("/api/v1/sources/template/records", "kaz-agency", "application/json", """
                [{"record_id": "J-1", "event_type": "ENTRY", "event_date": "2025-04-01", "person_id": "J0000001",
                  "intended_duration_days": 30},
                 {"record_id": "J-2", "event_type": "ENTRY", "event_date": "2025-04-31", "person_id": "J0000002"}]""");
        assertThat(json.status()).as(json.response().body()).isEqualTo(200);
        assertThat(json.json().get("accepted").asLong()).isEqualTo(1);
        assertThat(json.json().get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(committedOfBatch(json.json().get("batchId").asString()))
                .extracting(RawMigrationRecord::getRecordId).containsExactly("J-1");

        String boundary = "migrex-boundary-42";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.csv\"\r\n"
                + "Content-Type: application/vnd.ms-excel\r\n\r\n"
                + "record_id;event_type;event_date;person_id\r\nM-1;EXIT;01.05.2025;M0000001\r\n"
                + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Http.Answer unmarked = http().post("/api/v1/sources/template/records", "kaz-agency",
                "multipart/form-data; boundary=" + boundary, body.toByteArray());
        assertThat(unmarked.status()).as("a form post without X-Requested-By (CSRF)").isEqualTo(403);
        Http.Answer multipart = http().post("/api/v1/sources/template/records", "kaz-agency",
                "multipart/form-data; boundary=" + boundary, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()),
                "X-Requested-By", "upload-it");
        assertThat(multipart.status()).as(multipart.response().body()).isEqualTo(200);
        assertThat(multipart.json().get("accepted").asLong()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void refusalsHaveTheRightStatusAndSayWhy() {
        Http http = http();
        String csv = "record_id,event_type,event_date,person_id\nX-1,ENTRY,2025-01-01,P1\n";

        Http.Answer noCredential = http.post("/api/v1/sources/template/records", null, "text/csv", csv);
        assertThat(noCredential.status()).isEqualTo(401);
        assertThat(noCredential.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(noCredential.json().get("message").asString()).contains("credentials");

        Http.Answer unknown = http.post("/api/v1/sources/nope/records", "kaz-agency", "text/csv", csv);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").asString())
                .isEqualTo("no source 'nope' on node KAZ; known sources: [kaz-mvd, registry-export, template]");

        Http.Answer wrongOwner = http.post("/api/v1/sources/registry-export/records", "kaz-agency", "text/csv", csv);
        assertThat(wrongOwner.status()).isEqualTo(403);
        assertThat(wrongOwner.json().get("message").asString())
                .isEqualTo("user 'kaz-agency' may not upload to source 'registry-export': it is owned by 'rus-agency'");

        // the source id is the first part of every record key: another agency re-sending a record_id of this source
        // would replace that record, so only the source's owner may upload to it
        Http.Answer otherAgency = http.post("/api/v1/sources/template/records", "rus-agency", "text/csv", csv);
        assertThat(otherAgency.status()).isEqualTo(403);
        assertThat(otherAgency.json().get("message").asString())
                .isEqualTo("user 'rus-agency' may not upload to source 'template': it is owned by 'kaz-agency'");

        Http.Answer notAgency = http.post("/api/v1/sources/template/records", "statistician", "text/csv", csv);
        assertThat(notAgency.status()).isEqualTo(403);
        assertThat(notAgency.json().get("message").asString()).contains("role AGENCY");

        Http.Answer crossSite = http.post("/api/v1/sources/template/records", "kaz-agency", "text/plain", csv);
        assertThat(crossSite.status()).as("text/plain without X-Requested-By (CSRF)").isEqualTo(403);
        assertThat(crossSite.json().get("message").asString()).contains("X-Requested-By");
        Http.Answer wrongType = http.post("/api/v1/sources/template/records", "kaz-agency", "text/plain",
                java.net.http.HttpRequest.BodyPublishers.ofString(csv), "X-Requested-By", "upload-it");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.json().get("message").asString())
                .startsWith("content type text/plain is not accepted; accepted: text/csv, application/json");

        Http.Answer wrongCharset = http.post("/api/v1/sources/template/records", "kaz-agency",
                "text/csv; charset=windows-1251", csv);
        assertThat(wrongCharset.status()).isEqualTo(415);
        assertThat(wrongCharset.json().get("message").asString()).startsWith("charset windows-1251 is not accepted");

        byte[] big = (csv + "X-2,ENTRY,2025-01-01,P2\n".repeat(200_000)).getBytes(StandardCharsets.UTF_8);
        Http.Answer tooLarge = http.post("/api/v1/sources/template/records", "kaz-agency", "text/csv", big);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("message").asString())
                .isEqualTo("the upload is larger than the limit of 4 MB (migrex.ingestion.max-upload-size); split the file");

        // a client that waits for "100 Continue" (curl does for bodies over 1 MB) is refused before it sends the body
        java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        Http.Answer tooLargeAsked = http.postExpectingContinue("/api/v1/sources/template/records", "kaz-agency",
                "text/csv", HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.FilterInputStream(new java.io.ByteArrayInputStream(big)) {
                            @Override
                            public int read(byte[] b, int off, int len) throws java.io.IOException {
                                int n = super.read(b, off, len);
                                sent.addAndGet(Math.max(n, 0));
                                return n;
                            }
                        }), big.length));
        assertThat(tooLargeAsked.status()).isEqualTo(413);
        assertThat(tooLargeAsked.json().get("message").asString()).startsWith("the upload is larger than the limit");
        assertThat(sent.get()).as("bytes of the refused body read from the client's file").isZero();

        // without Content-Length (chunked), the limit is found while streaming and the transaction is aborted
        long endBefore = topic().endOffset();
        Http.Answer tooLargeChunked = http.post("/api/v1/sources/template/records", "kaz-agency", "text/csv",
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));
        assertThat(tooLargeChunked.status()).isEqualTo(413);
        assertThat(committedRecordIds()).doesNotContain("X-2");
        assertThat(topic().endOffset() - endBefore).as("only an abort marker may be added").isLessThanOrEqualTo(
                topic().allBytes().stream().filter(r -> r.offset() >= endBefore).count() + 1);

        Http.Answer noHeader = http.post("/api/v1/sources/template/records", "kaz-agency", "text/csv", "");
        assertThat(noHeader.status()).isEqualTo(400);
        assertThat(noHeader.json().get("message").asString()).startsWith("the upload cannot be read: the file is empty");

        Http.Answer missingColumn = http.post("/api/v1/sources/template/records", "kaz-agency", "text/csv",
                "record_id,event_type,person_id\nX-3,ENTRY,P3\n");
        assertThat(missingColumn.status()).isEqualTo(400);
        assertThat(missingColumn.json().get("message").asString())
                .startsWith("the upload cannot be read: line 1: the header lacks the required column [\"event_date\"]");

        byte[] cp1251 = "record_id,event_type,event_date,person_id\nX-4,Въезд,2025-01-01,P4\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1251"));
        Http.Answer notUtf8 = http.post("/api/v1/sources/template/records", "kaz-agency", "text/csv", cp1251);
        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(notUtf8.json().get("message").asString()).contains("not UTF-8");
        assertThat(committedRecordIds()).doesNotContain("X-4");
    }

    private List<String> committedRecordIds() {
        return topic().committed().stream().map(r -> r.value().getRecordId()).collect(Collectors.toList());
    }

    @Test
    @Order(5)
    void theClearPersonIdIsInNoByteOfTheTopic() {
        List<ConsumerRecord<byte[], byte[]>> all = topic().allBytes();
        assertThat(all).hasSizeGreaterThanOrEqualTo(8);
        for (String clearId : List.of("N12345678", "AN1234567", "C5550001", "N7654321", "ПАСПОРТ12", "J0000001",
                "M0000001", "B7000001")) {
            byte[] needle = clearId.getBytes(StandardCharsets.UTF_8);
            for (ConsumerRecord<byte[], byte[]> record : all) {
                assertThat(indexOf(record.value(), needle)).as("%s in value at offset %d", clearId, record.offset())
                        .isEqualTo(-1);
                assertThat(indexOf(record.key(), needle)).as("%s in key", clearId).isEqualTo(-1);
                record.headers().forEach(h -> assertThat(indexOf(h.value(), needle)).isEqualTo(-1));
            }
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return -1;
        }
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    @Order(6)
    void brokerDownGives503WithRetryAfterAndLeavesNothingOfTheUpload() {
        String csv = "record_id,event_type,event_date,person_id\nOUT-1,ENTRY,2025-01-01,P1\nOUT-2,EXIT,2025-01-02,P2\n";
        LocalStack stack = LocalStackExtension.shared();
        stack.stopKafka();
        Http.Answer refused;
        long seconds;
        try {
            long started = System.nanoTime();
            refused = http().post("/api/v1/sources/template/records", "kaz-agency", "text/csv", csv);
            seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertThat(readinessWithin(java.time.Duration.ofSeconds(20), 503))
                    .as("readiness follows the cluster: DOWN while Kafka is away").isEqualTo(503);
        } finally {
            stack.startKafka();
        }
        assertThat(readinessWithin(java.time.Duration.ofSeconds(40), 200)).as("readiness UP again").isEqualTo(200);
        assertThat(refused.status()).as(refused.response().body()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("7");
        assertThat(refused.json().get("message").asString()).contains("Kafka cannot take the batch now");
        assertThat(seconds).as("refused within 30 s").isLessThan(30);

        assertThat(committedRecordIds()).doesNotContain("OUT-1", "OUT-2");

        Http.Answer again = http().post("/api/v1/sources/template/records", "kaz-agency", "text/csv", csv);
        assertThat(again.status()).as(again.response().body()).isEqualTo(200);
        assertThat(committedOfBatch(again.json().get("batchId").asString()))
                .extracting(RawMigrationRecord::getRecordId).containsExactly("OUT-1", "OUT-2");
    }

    @Test
    @Order(7)
    void brokerStoppedInTheMiddleOfAnUploadLeavesNothingOfItForReadCommittedConsumers() {
        LocalStack stack = LocalStackExtension.shared();
        long endBefore = topic().endOffset();
        GeneratedRegistryExport body = new GeneratedRegistryExport(30_000, Long.MAX_VALUE, 20_000, stack::stopKafka)
                .withRecordIdPrefix("MID-");
        Http.Answer refused;
        long seconds;
        try {
            long started = System.nanoTime();
            refused = http().post("/api/v1/sources/template/records", "kaz-agency", "text/csv",
                    HttpRequest.BodyPublishers.ofInputStream(() -> body));
            seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        } finally {
            stack.startKafka();
        }
        assertThat(refused.status()).as(refused.response().body()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("7");
        System.out.printf("mid-upload outage: 503 after %d s (broker stop included)%n", seconds);

        // the next upload reuses the failed producer's transactional id, which aborts the open transaction at once
        String csv = "record_id,event_type,event_date,person_id\nAFTER-1,ENTRY,2025-01-01,P1\n";
        Http.Answer after = http().post("/api/v1/sources/template/records", "kaz-agency", "text/csv", csv);
        assertThat(after.status()).as(after.response().body()).isEqualTo(200);

        List<String> committed = topic().committedOnce(all -> all.stream()
                .anyMatch(r -> r.value().getRecordId().equals("AFTER-1"))).stream()
                .map(r -> r.value().getRecordId()).toList();
        assertThat(committed).contains("AFTER-1");
        assertThat(committed).noneMatch(id -> id.startsWith("MID-"));
        long reachedBroker = topic().allBytes().stream().filter(r -> r.offset() >= endBefore)
                .filter(r -> indexOf(r.key(), "MID-".getBytes(StandardCharsets.UTF_8)) >= 0).count();
        System.out.printf("mid-upload outage: %d rows of the aborted upload had reached the broker%n", reachedBroker);
    }

    @Test
    @Order(8)
    void metricsCountRowsPerSourceAndRefusedBatches() {
        String prometheus = http().get("/actuator/prometheus", "operator");
        // source kaz-mvd got one upload only (test 1): 5 rows, 3 accepted, 2 rejected
        assertThat(sample(prometheus, "migrex_ingestion_rows_total", "kaz-mvd", "outcome=\"received\"")).isEqualTo(5);
        assertThat(sample(prometheus, "migrex_ingestion_rows_total", "kaz-mvd", "outcome=\"accepted\"")).isEqualTo(3);
        assertThat(sample(prometheus, "migrex_ingestion_rows_total", "kaz-mvd", "outcome=\"rejected\"")).isEqualTo(2);
        // the two outage tests
        assertThat(sample(prometheus, "migrex_ingestion_batches_refused_total", "template", "")).isEqualTo(2);
        assertThat(prometheus).contains("migrex_ingestion_upload_duration_seconds_count");
    }

    /** The value of the one sample of {@code name} with tag source and containing {@code tag}. */
    private static double sample(String prometheus, String name, String source, String tag) {
        List<String> lines = prometheus.lines().filter(l -> l.startsWith(name + "{"))
                .filter(l -> l.contains("source=\"" + source + "\"")).filter(l -> l.contains(tag)).toList();
        assertThat(lines).as(name + " " + source + " " + tag).hasSize(1);
        String line = lines.getFirst();
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
