package org.migrex.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sandbox's remittance files: their layout, the gaps they are meant to have, and the generator's own averages. */
class RegionRemittancesTest {
    private static final List<String> REGION = List.of("KAZ", "KGZ", "TJK", "RUS");

    @Test
    void sameSeedSameFiles() {
        RegionRemittances a = RegionRemittances.generate(7, REGION);
        RegionRemittances b = RegionRemittances.generate(7, REGION);
        for (String country : REGION) {
            assertThat(a.pricesCsv(country)).isEqualTo(b.pricesCsv(country));
            assertThat(a.flowsCsv(country)).isEqualTo(b.flowsCsv(country));
        }
    }

    @Test
    void onlyCorridorsBetweenTheRegionsNodesAreMade() {
        RegionRemittances two = RegionRemittances.generate(7, List.of("KAZ", "KGZ"));
        assertThat(two.corridors()).containsExactly("KAZ>KGZ");
        // KAZ surveys its corridor: 3 providers, 2 amounts, 4 quarters; KGZ surveys nothing
        assertThat(two.prices("KAZ")).hasSize(24);
        assertThat(two.prices("KGZ")).isEmpty();
        // both ends record each quarter, the receiving end 3 to 9 % more
        assertThat(two.flows("KAZ")).hasSize(4);
        assertThat(two.flows("KGZ")).hasSize(4);
        for (String quarter : RegionRemittances.QUARTERS) {
            BigDecimal out = two.recordedUsd("KAZ", "KAZ>KGZ", quarter).orElseThrow();
            BigDecimal in = two.recordedUsd("KGZ", "KAZ>KGZ", quarter).orElseThrow();
            double ratio = in.doubleValue() / out.doubleValue();
            assertThat(ratio).isBetween(1.03, 1.09);
        }
    }

    @Test
    void theSkippedQuarterHasNoCostAndNoPoint() {
        RegionRemittances region = RegionRemittances.generate(7, REGION);
        assertThat(region.expectedCost("KAZ>TJK", "2025-Q2", "USD200")).isEmpty();
        assertThat(region.prices("KAZ")).noneMatch(p -> p.receiving().equals("TJK") && p.quarter().equals("2025-Q2"));
        assertThat(region.expectedCost("KAZ>TJK", "2025-Q3", "USD200")).isPresent();
    }

    /** The average worked out again from the CSV text, in double arithmetic: blank margins are left out, not zeros. */
    @Test
    void expectedCostIsTheSimpleAverageOfTheCostedPointsInTheFile() {
        RegionRemittances region = RegionRemittances.generate(11, REGION);
        String[] lines = region.pricesCsv("RUS").split("\n");
        assertThat(lines[0]).isEqualTo("record_id,sending_country,receiving_country,quarter,provider,provider_type,"
                + "product,amount_band,send_currency,amount_sent,fee,fx_margin_percent,transfer_speed");
        int blanks = 0;
        for (String corridor : List.of("RUS>TJK", "RUS>KGZ", "RUS>KAZ")) {
            for (String quarter : RegionRemittances.QUARTERS) {
                double sum = 0;
                int costed = 0;
                for (String line : Arrays.asList(lines).subList(1, lines.length)) {
                    String[] f = line.split(",", -1);
                    if ((f[1] + ">" + f[2]).equals(corridor) && f[3].equals(quarter) && f[7].equals("USD200")) {
                        if (f[11].isEmpty()) {
                            blanks++;
                            continue;
                        }
                        sum += Double.parseDouble(f[10]) / Double.parseDouble(f[9]) * 100 + Double.parseDouble(f[11]);
                        costed++;
                    }
                }
                assertThat(region.expectedCost(corridor, quarter, "USD200").orElseThrow().doubleValue())
                        .isCloseTo(sum / costed, within(0.00006));
            }
        }
        assertThat(blanks).as("the survey has points without an observed margin").isPositive();
    }

    @Test
    void russiasFlowsAreTheCentralBankExport() {
        String file = RegionRemittances.generate(7, REGION).flowsCsv("RUS");
        String[] lines = file.split("\r\n");
        assertThat(lines[0]).isEqualTo("Номер строки;Страна отправления;Страна получения;Квартал;Сумма, долл. США;"
                + "Валюта;Сумма в национальной валюте");
        // RUS sends to TJK, KGZ and KAZ, 4 quarters each; amounts with a decimal comma, names in Russian
        assertThat(lines).hasSize(1 + 12);
        assertThat(lines[1]).matches("F-RUSTJK-2025-Q1;Россия;Таджикистан;2025-Q1;\\d+,?\\d*;руб\\.;\\d+,\\d{2}");
        assertThat(RegionRemittances.flowsProfile("RUS")).isEqualTo("ru-cbr-remittance-flows");
        assertThat(RegionRemittances.flowsProfile("TJK")).isEqualTo("remittance-flows");
    }
}
