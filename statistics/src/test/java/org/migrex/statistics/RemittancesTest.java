package org.migrex.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.migrex.statistics.Remittances.AmountBand;
import org.migrex.statistics.Remittances.CorridorQuarter;
import org.migrex.statistics.Remittances.CostSums;
import org.migrex.statistics.Remittances.PricePoint;

/** SDG 10.c.1 by the RPW method; every expected value is worked out by hand in the comments (docs/remittances.md). */
class RemittancesTest {

    private static PricePoint point(String from, String to, String quarter, String amount, String fee, String margin) {
        return new PricePoint(from, to, quarter, AmountBand.USD200, new BigDecimal(amount), new BigDecimal(fee),
                margin == null ? null : new BigDecimal(margin));
    }

    private static final List<PricePoint> SURVEY = List.of(
            // RUS→TJK 2024-Q1, 18,000 RUB (≈ USD 200), four providers:
            point("RUS", "TJK", "2024-Q1", "18000", "180", "1.5"),   // 180/18000 = 1 %, + 1.5 = 2.5000 %
            point("RUS", "TJK", "2024-Q1", "18000", "0", "2.25"),    // 0 % + 2.25 = 2.2500 %
            point("RUS", "TJK", "2024-Q1", "18000", "540", null),    // margin not observed: surveyed, not costed
            point("RUS", "TJK", "2024-Q1", "18000", "100", "1.0"),   // 100/18000 = 0.5555… %, + 1 = 1.5556 % (half-even)
            // KAZ→KGZ 2024-Q1: 4500/90000 = 5 %, + 0.5 = 5.5000 %, one provider
            point("KAZ", "KGZ", "2024-Q1", "90000", "4500", "0.5"),
            // RUS→UZB 2024-Q1: the only point has no margin, so the corridor has no average
            point("RUS", "UZB", "2024-Q1", "18000", "200", null));

    @Test
    void totalCostIsFeeShareplusMarginInTenThousandthsOfAPercent() {
        assertThat(Remittances.totalCost(new BigDecimal("18000"), new BigDecimal("180"), new BigDecimal("1.5")))
                .contains(25_000L);
        assertThat(Remittances.totalCost(new BigDecimal("18000"), new BigDecimal("100"), new BigDecimal("1.0")))
                .contains(15_556L);
        assertThat(Remittances.totalCost(new BigDecimal("18000"), new BigDecimal("540"), null)).isEmpty();
        assertThat(Remittances.percentText(15_556L)).isEqualTo("1.5556");
    }

    @Test
    void corridorAverageIsTheSimpleAverageOfItsCostedPoints() {
        Map<CorridorQuarter, CostSums> sums = Remittances.sumsByCorridor(SURVEY);
        CostSums rusTjk = sums.get(new CorridorQuarter("RUS", "TJK", "2024-Q1", AmountBand.USD200));
        // 4 surveyed, 3 costed, 25000 + 22500 + 15556 = 63056; 63056 / 3 = 21018.67 → 21019 (2.1019 %)
        assertThat(rusTjk).isEqualTo(new CostSums(4, 3, 63_056));
        assertThat(rusTjk.averageCost()).contains(21_019L);
        assertThat(sums.get(new CorridorQuarter("RUS", "UZB", "2024-Q1", AmountBand.USD200)))
                .isEqualTo(new CostSums(1, 0, 0));
        assertThat(sums.get(new CorridorQuarter("RUS", "UZB", "2024-Q1", AmountBand.USD200)).averageCost()).isEmpty();
        // a quarter with no survey has no sums at all, not sums of zero
        assertThat(sums).doesNotContainKey(new CorridorQuarter("RUS", "TJK", "2024-Q2", AmountBand.USD200));
    }

    @Test
    void aCorrectionSubtractsExactlyWhatTheOldVersionAdded() {
        CostSums old = Remittances.sumsOf(SURVEY.get(3));
        CostSums corrected = Remittances.sumsOf(point("RUS", "TJK", "2024-Q1", "18000", "100", "1.2"));
        CostSums all = Remittances.sumsByCorridor(SURVEY).get(
                new CorridorQuarter("RUS", "TJK", "2024-Q1", AmountBand.USD200));
        CostSums after = all.plus(new CostSums(-old.pricePoints(), -old.costedPoints(), -old.costSum()))
                .plus(corrected);
        // 25000 + 22500 + (0.5556 + 1.2 = 1.7556 %) 17556 = 65056; / 3 = 21685.33 → 21685
        assertThat(after).isEqualTo(new CostSums(4, 3, 65_056));
        assertThat(after.averageCost()).contains(21_685L);
    }

    @Test
    void shareAboveFivePercentCountsOnlyCorridorsWithAnAverage() {
        // RUS→TJK 2.1019 %, KAZ→KGZ 5.5 % (above), RUS→UZB no average: 2 corridors with an average, 1 above
        assertThat(Remittances.corridorsAboveFivePercent(Remittances.sumsByCorridor(SURVEY).values()))
                .containsExactly(2, 1);
        // exactly 5 % is not above
        assertThat(Remittances.corridorsAboveFivePercent(List.of(new CostSums(1, 1, 50_000)))).containsExactly(1, 0);
    }

    @Test
    void validationNamesTheFieldAndWhatIsAccepted() {
        assertThat(Remittances.validatePrice("RUS", "TJK", "2024-Q1", "USD200", "RUB", "18000", "180", ""))
                .isEmpty();
        List<String[]> errors = Remittances.validatePrice("RUS", "RUS", "2024-Q5", "USD300", "ABC", "0", "-1",
                "75");
        assertThat(errors).extracting(e -> e[0]).containsExactly("receiving_country", "quarter", "amount_band",
                "send_currency", "amount_sent", "fee", "fx_margin_percent");
        assertThat(Remittances.validatePrice("RUS", "TJK", "2024-Q1", "USD200", "RUB", "18000", "20000", "1"))
                .extracting(e -> e[0]).containsExactly("fee");
        assertThat(Remittances.checkQuarter("2024-Q4")).isNull();
        assertThat(Remittances.checkQuarter("2024Q4")).contains("YYYY-Qn");
        assertThat(Remittances.checkCurrency("TJS")).isNull();
        assertThat(Remittances.checkCurrency("XYZ")).contains("not an ISO 4217");
        assertThat(Remittances.decimal("1e3")).isNull();
        assertThat(Remittances.decimal("1.23456")).isNull();
    }
}
