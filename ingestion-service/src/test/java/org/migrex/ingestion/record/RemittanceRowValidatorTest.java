package org.migrex.ingestion.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.migrex.ingestion.profile.Profile;
import org.migrex.ingestion.profile.ProfileCatalog;
import org.migrex.schema.RemittanceRecord;

/** The remittance templates' row checks; every expected value is worked out by hand from the rows below. */
class RemittanceRowValidatorTest {
    private static final ProfileCatalog PROFILES = ProfileCatalog.load(null);
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static final String PRICES_HEADER = "record_id,sending_country,receiving_country,quarter,provider,provider_type,"
            + "product,amount_band,send_currency,amount_sent,fee,fx_margin_percent,transfer_speed\n";

    private final List<RemittanceRecord> accepted = new ArrayList<>();
    private final ErrorLog errors = new ErrorLog(100);

    private void read(String profileId, String csv) throws IOException {
        Profile profile = PROFILES.find(profileId).orElseThrow();
        RemittanceRowValidator validator = new RemittanceRowValidator(profile, "KAZ", "src", "batch-1");
        CsvRows rows = new CsvRows(new StringReader(csv), profile);
        while (rows.next()) {
            validator.validate(rows, errors, NOW).ifPresent(accepted::add);
        }
    }

    private List<String> errorsOfLine(long line) {
        return errors.listed().stream().filter(e -> e.line() == line)
                .map(e -> e.column() + "=" + e.value() + ": " + e.message()).toList();
    }

    @Test
    void aPricePointKeepsItsExactDecimalsAndCodes() throws IOException {
        read("remittance-prices", PRICES_HEADER
                + "P-1,KAZ,KGZ,2024-Q1,Bank A,BANK,Account transfer,USD200,KZT,90000.00,4500,0.5,NEXT_DAY\n"
                + "P-2, kaz ,tjk,2024-Q1,MTO B,mto,Cash,USD200,KZT,90000,900,,less_than_1_hour\n");

        assertThat(errors.listed()).isEmpty();
        RemittanceRecord p1 = accepted.get(0);
        assertThat(p1.getRecordId()).isEqualTo("P-1");
        assertThat(p1.getSendingArea()).isEqualTo("KAZ");
        assertThat(p1.getReceivingArea()).isEqualTo("KGZ");
        assertThat(p1.getQuarter()).isEqualTo("2024-Q1");
        assertThat(p1.getFlow()).isNull();
        assertThat(p1.getPrice().getProvider()).isEqualTo("Bank A");
        assertThat(p1.getPrice().getProviderType()).isEqualTo("BANK");
        assertThat(p1.getPrice().getAmountBand()).isEqualTo("USD200");
        assertThat(p1.getPrice().getSendCurrency()).isEqualTo("KZT");
        assertThat(p1.getPrice().getAmountSent()).as("exact text, trailing zeros kept").isEqualTo("90000.00");
        assertThat(p1.getPrice().getFee()).isEqualTo("4500");
        assertThat(p1.getPrice().getFxMarginPercent()).isEqualTo("0.5");
        assertThat(p1.getPrice().getTransferSpeed()).isEqualTo("NEXT_DAY");
        assertThat(p1.getProvenance().getLine()).isEqualTo(2L);
        assertThat(p1.getProvenance().getProfile()).isEqualTo("remittance-prices");

        RemittanceRecord p2 = accepted.get(1);
        assertThat(p2.getSendingArea()).as("codes in any case, sent upper case").isEqualTo("KAZ");
        assertThat(p2.getReceivingArea()).isEqualTo("TJK");
        assertThat(p2.getPrice().getProviderType()).isEqualTo("MTO");
        assertThat(p2.getPrice().getFxMarginPercent()).as("blank margin: not observed, not 0").isNull();
        assertThat(p2.getPrice().getTransferSpeed()).isEqualTo("LESS_THAN_1_HOUR");
    }

    @Test
    void everyProblemOfAPriceRowIsNamedWithWhatIsAccepted() throws IOException {
        read("remittance-prices", PRICES_HEADER
                + "P-3,KAZ,KAZ,2024-Q5,Bank C,BANK,x,USD300,KZT,-1,5,60,FAST\n"
                + "P-4,KAZ,XYZ,2024-Q2,Post D,POST,Money order,USD500,KZT,225000,300000,1.0,\n"
                + "P-5,KAZ,KGZ,2024-Q2,,TRAIN,Cash,USD200,KZX,1e5,,,\n");

        assertThat(accepted).isEmpty();
        assertThat(errorsOfLine(2)).containsExactly(
                "receiving_country=KAZ: a corridor joins two different countries; sending_country is KAZ too",
                "quarter=2024-Q5: not a quarter; expected YYYY-Qn with n from 1 to 4, e.g. 2024-Q3",
                "transfer_speed=FAST: 'FAST' is not a code of transfer_speed; accepted: [LESS_THAN_1_HOUR, SAME_DAY,"
                        + " NEXT_DAY, 2_DAYS, 3_5_DAYS, 6_DAYS_OR_MORE], or blank",
                "amount_band=USD300: expected USD200 or USD500 (the RPW amounts)",
                "amount_sent=-1: expected a positive decimal with at most 4 decimal places, e.g. 16500.00",
                "fx_margin_percent=60: expected a percentage from -10 to 50 with at most 4 decimal places, or blank"
                        + " when not observed");
        assertThat(errorsOfLine(3)).containsExactly(
                "receiving_country=XYZ: 'XYZ' is not an ISO 3166-1 alpha-3 country code; expected e.g. RUS, TJK, KAZ"
                        + " (a national name needs the profile's values map)",
                "fee=300000: the fee is larger than the amount sent; expected 0 to 225000");
        assertThat(errorsOfLine(4)).containsExactly(
                "provider=null: provider is required and is blank",
                "provider_type=TRAIN: 'TRAIN' is not a code of provider_type; accepted: [BANK, MTO, POST,"
                        + " MOBILE_OPERATOR, OTHER]",
                "amount_sent=1e5: '1e5' is not a plain decimal; accepted: digits with at most 4 decimal places after"
                        + " '.', no thousands separator or exponent (e.g. 18000.50)",
                "fee=null: fee is required and is blank",
                "send_currency=KZX: 'KZX' is not an ISO 4217 currency code; expected e.g. USD, RUB, TJS, KZT, KGS, UZS");
    }

    @Test
    void aNationalFlowsExportIsReadWithItsNamesAndDecimalCommas() throws IOException {
        read("ru-cbr-remittance-flows", """
                Номер строки;Страна отправления;Страна получения;Квартал;Сумма, долл. США;Валюта;Сумма в национальной валюте
                F-1;Россия;Казахстан;2024-Q1;1234567,89;тенге;555000000,5
                F-2;Казахстан;Киргизия;2024-Q1;1000;;
                F-3;Россия;Таджикистан;2024-Q1;5;руб.;450
                F-4;Казахстан;Узбекистан;2024-Q1;1.000,00;сом;
                F-5;Казахстан;Узбекистан;2024-Q1;-3;;
                """);

        assertThat(accepted).extracting(RemittanceRecord::getRecordId).containsExactly("F-1", "F-2");
        RemittanceRecord inflow = accepted.get(0);
        assertThat(inflow.getSendingArea()).isEqualTo("RUS");
        assertThat(inflow.getReceivingArea()).isEqualTo("KAZ");
        assertThat(inflow.getPrice()).isNull();
        assertThat(inflow.getFlow().getValueUsd()).isEqualTo("1234567.89");
        assertThat(inflow.getFlow().getNationalCurrency()).isEqualTo("KZT");
        assertThat(inflow.getFlow().getValueNational()).isEqualTo("555000000.5");
        assertThat(accepted.get(1).getFlow().getNationalCurrency()).isNull();
        assertThat(accepted.get(1).getFlow().getValueNational()).isNull();

        assertThat(errorsOfLine(4)).containsExactly("null=null: a flow is recorded by the country it leaves or"
                + " enters; this node is KAZ, so sending_country or receiving_country must be KAZ (found RUS → TJK)");
        assertThat(errorsOfLine(5)).containsExactly(
                "Сумма, долл. США=1.000,00: '1.000,00' is not a plain decimal; accepted: digits with at most 4"
                        + " decimal places after ',', no thousands separator or exponent (e.g. 18000,50)",
                "Сумма в национальной валюте=null: national_currency and value_national go together: give both or"
                        + " neither");
        assertThat(errorsOfLine(6)).containsExactly(
                "Сумма, долл. США=-3: is negative; an amount of money sent is 0 or more");
    }

    @Test
    void aMigrationProfileIsNotARemittanceOne() {
        Profile migration = PROFILES.find("template").orElseThrow();
        assertThatThrownBy(() -> new RemittanceRowValidator(migration, "KAZ", "src", "b"))
                .hasMessage("profile template reads migration records, not remittances");
    }

    @Test
    void aFileMissingARequiredColumnIsRefusedNamingIt() {
        Profile flows = PROFILES.find("remittance-flows").orElseThrow();
        assertThatThrownBy(() -> new CsvRows(new StringReader("record_id,sending_country,quarter,value_usd\n"), flows))
                .isInstanceOf(UnreadableUploadException.class)
                .hasMessageContaining("the header lacks the required column [\"receiving_country\"]");
    }
}
