package org.migrex.ingestion.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migrex.ingestion.IngestionApplication;
import org.migrex.localstack.LocalStack;
import org.migrex.localstack.LocalStackExtension;
import org.migrex.schema.RemittanceRecord;
import org.migrex.schema.Topics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Uploads of the two remittance templates (docs/remittances.md) on a real KRaft broker and Apicurio registry, over real
 * HTTP: the per-row report, and exactly the accepted rows on {@code kaz.remittances} in one committed transaction,
 * none on the raw records (they carry no person). Expected values are written out by hand from the files below.
 */
@ExtendWith(LocalStackExtension.class)
@SpringBootTest(classes = IngestionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RemittanceUploadIT {
    static final Topics KAZ = Topics.forNode("KAZ");

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        LocalStack stack = LocalStackExtension.shared();
        registry.add("migrex.node.country", () -> "KAZ");
        registry.add("migrex.kafka.bootstrap-servers", stack::bootstrapServers);
        registry.add("migrex.registry.url", stack::registryConfluentUrl);
        registry.add("migrex.ingestion.pseudonym-secret", () -> UploadIT.SECRET);
        registry.add("migrex.ingestion.sources.kaz-rpw.profile", () -> "remittance-prices");
        registry.add("migrex.ingestion.sources.kaz-rpw.owner", () -> "kaz-agency");
        registry.add("migrex.ingestion.sources.kaz-nbk-flows.profile", () -> "ru-cbr-remittance-flows");
        registry.add("migrex.ingestion.sources.kaz-nbk-flows.owner", () -> "kaz-bank");
        for (String user : List.of("kaz-agency", "kaz-bank")) {
            registry.add("migrex.security.users." + user + ".password", () -> "{noop}pw-" + user);
            registry.add("migrex.security.users." + user + ".roles", () -> "AGENCY");
        }
    }

    @LocalServerPort
    int port;

    private RawRecordTopic topic(String name) {
        LocalStack stack = LocalStackExtension.shared();
        return new RawRecordTopic(stack.bootstrapServers(), stack.registryConfluentUrl(), name);
    }

    private List<ConsumerRecord<String, RemittanceRecord>> committedOfBatch(String batchId) {
        RawRecordTopic remittances = topic(KAZ.remittances().name());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        List<ConsumerRecord<String, RemittanceRecord>> ofBatch;
        do {
            ofBatch = remittances.committed(RemittanceRecord.class).stream()
                    .filter(r -> r.value().getProvenance().getBatchId().equals(batchId)).toList();
        } while (ofBatch.isEmpty() && System.nanoTime() < deadline);
        return ofBatch;
    }

    @Test
    void aPriceSurveyGivesAnExactReportAndItsAcceptedPointsOnTheRemittancesTopic() {
        String file = """
                record_id,sending_country,receiving_country,quarter,provider,provider_type,product,amount_band,send_currency,amount_sent,fee,fx_margin_percent,transfer_speed
                P-1,KAZ,KGZ,2024-Q1,Bank A,BANK,Account transfer,USD200,KZT,90000,4500,0.5,NEXT_DAY
                P-2,KAZ,TJK,2024-Q1,MTO B,MTO,Cash,USD200,KZT,90000,900,,LESS_THAN_1_HOUR
                P-3,KAZ,KAZ,2024-Q1,Bank C,BANK,Cash,USD200,KZT,90000,5,1,
                """;
        long rawBefore = topic(KAZ.rawRecords().name()).endOffset();

        Http.Answer answer = new Http("http://localhost:" + port).post("/api/v1/sources/kaz-rpw/records", "kaz-agency",
                "text/csv", file);

        assertThat(answer.status()).as(answer.response().body()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("profile").asString()).isEqualTo("remittance-prices");
        assertThat(report.get("received").asLong()).isEqualTo(3);
        assertThat(report.get("accepted").asLong()).isEqualTo(2);
        assertThat(report.get("rejected").asLong()).isEqualTo(1);
        assertThat(Http.JSON.convertValue(report.get("errors"), List.class)).containsExactly(Map.of("line", 4,
                "column", "receiving_country", "value", "KAZ", "message",
                "a corridor joins two different countries; sending_country is KAZ too"));

        List<ConsumerRecord<String, RemittanceRecord>> records = committedOfBatch(report.get("batchId").asString());
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("kaz-rpw|P-1", "kaz-rpw|P-2");
        RemittanceRecord p1 = records.get(0).value();
        assertThat(p1.getReceivingArea()).isEqualTo("KGZ");
        assertThat(p1.getPrice().getFee()).isEqualTo("4500");
        assertThat(p1.getPrice().getFxMarginPercent()).isEqualTo("0.5");
        assertThat(records.get(1).value().getPrice().getFxMarginPercent()).isNull();
        assertThat(topic(KAZ.rawRecords().name()).endOffset()).as("nothing goes to harmonization")
                .isEqualTo(rawBefore);
    }

    @Test
    void aCentralBankFlowsExportIsReadWithRussianNamesAndDecimalCommas() {
        String file = "Номер строки;Страна отправления;Страна получения;Квартал;Сумма, долл. США;Валюта;"
                + "Сумма в национальной валюте\r\n"
                + "F-1;Россия;Казахстан;2024-Q1;1234567,89;тенге;555000000,5\r\n"
                + "F-2;Казахстан;Киргизия;2024-Q1;1000;;\r\n"
                + "F-3;Россия;Таджикистан;2024-Q1;5;руб.;450\r\n";

        Http.Answer answer = new Http("http://localhost:" + port).post("/api/v1/sources/kaz-nbk-flows/records",
                "kaz-bank", "text/csv; charset=utf-8", file);

        assertThat(answer.status()).as(answer.response().body()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("received").asLong()).isEqualTo(3);
        assertThat(report.get("accepted").asLong()).isEqualTo(2);
        JsonNode error = report.get("errors").get(0);
        assertThat(error.get("line").asLong()).isEqualTo(4);
        assertThat(error.get("message").asString()).isEqualTo("a flow is recorded by the country it leaves or enters;"
                + " this node is KAZ, so sending_country or receiving_country must be KAZ (found RUS → TJK)");

        List<ConsumerRecord<String, RemittanceRecord>> records = committedOfBatch(report.get("batchId").asString());
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("kaz-nbk-flows|F-1", "kaz-nbk-flows|F-2");
        RemittanceRecord inflow = records.get(0).value();
        assertThat(inflow.getSendingArea()).isEqualTo("RUS");
        assertThat(inflow.getReceivingArea()).isEqualTo("KAZ");
        assertThat(inflow.getFlow().getValueUsd()).isEqualTo("1234567.89");
        assertThat(inflow.getFlow().getNationalCurrency()).isEqualTo("KZT");
        assertThat(inflow.getFlow().getValueNational()).isEqualTo("555000000.5");
        assertThat(inflow.getProvenance().getProfile()).isEqualTo("ru-cbr-remittance-flows");
    }

    @Test
    void aPriceSurveyMaySendJsonRowsWithTheTemplatesColumnNames() {
        String body = """
                [{"record_id": "J-1", "sending_country": "KAZ", "receiving_country": "UZB", "quarter": "2024-Q2",
                  "provider": "Bank A", "provider_type": "BANK", "product": "Card", "amount_band": "USD500",
                  "send_currency": "KZT", "amount_sent": 225000, "fee": 1125.5, "fx_margin_percent": 0.75},
                 {"record_id": "J-2", "sending_country": "KAZ", "receiving_country": "UZB", "quarter": "2024-Q2",
                  "provider": "Bank A", "provider_type": 5, "product": "Card", "amount_band": "USD500",
                  "send_currency": "KZT", "amount_sent": 225000, "fee": 0}]
                """;

        Http.Answer answer = new Http("http://localhost:" + port).post("/api/v1/sources/kaz-rpw/records", "kaz-agency",
                "application/json", body);

        assertThat(answer.status()).as(answer.response().body()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("accepted").asLong()).isEqualTo(1);
        assertThat(report.get("errors").get(0).get("message").asString()).isEqualTo("'5' is not a code of"
                + " provider_type; accepted: [BANK, MTO, POST, MOBILE_OPERATOR, OTHER]");
        List<ConsumerRecord<String, RemittanceRecord>> records = committedOfBatch(report.get("batchId").asString());
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("kaz-rpw|J-1");
        assertThat(records.get(0).value().getPrice().getFee()).isEqualTo("1125.5");
        assertThat(records.get(0).value().getPrice().getTransferSpeed()).isNull();
    }
}
