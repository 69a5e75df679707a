package org.migrex.exchange.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.migrex.exchange.receiving.RemittanceFigures;

/** The corridor chart's series, from REMITTANCES cells, against figures worked out by hand, and the chart's lines. */
class CorridorChartTest {

    private static RemittanceFigures.Value cell(String indicator, String from, String to, String quarter,
                                                String amount, long value) {
        return new RemittanceFigures.Value(Map.of("INDICATOR", indicator, "REF_AREA", "RUS", "SENDING_AREA", from,
                "RECEIVING_AREA", to, "TIME_PERIOD", quarter, "AMOUNT", amount, "CURRENCY", "_Z"), value);
    }

    /**
     * RUS→TJK: 2024-Q1 USD200 two costed points of 5.25 % and 7.1 % (sum 123500 units) → 61750 = 6.1750 %; USD500
     * three costed points summing 100000 units → 33333.33, half-even 33333 = 3.3333 %. 2024-Q2 USD200: two points
     * surveyed, none costed (no COSTED_POINTS cell: a dataset leaves out a 0) → no survey; USD500 no cell → no survey.
     * 2023-Q4 USD500 one point of 2.9 % → 29000. KAZ→KGZ is another corridor and must not leak into RUS→TJK.
     */
    private static RemittanceFigures.Costs costs() {
        List<RemittanceFigures.Value> cells = new ArrayList<>(List.of(
                cell("PRICE_POINTS", "RUS", "TJK", "2024-Q1", "USD200", 2),
                cell("COSTED_POINTS", "RUS", "TJK", "2024-Q1", "USD200", 2),
                cell("COST_SUM", "RUS", "TJK", "2024-Q1", "USD200", 52500 + 71000),
                cell("PRICE_POINTS", "RUS", "TJK", "2024-Q1", "USD500", 3),
                cell("COSTED_POINTS", "RUS", "TJK", "2024-Q1", "USD500", 3),
                cell("COST_SUM", "RUS", "TJK", "2024-Q1", "USD500", 100000),
                cell("PRICE_POINTS", "RUS", "TJK", "2024-Q2", "USD200", 2),
                cell("PRICE_POINTS", "RUS", "TJK", "2023-Q4", "USD500", 1),
                cell("COSTED_POINTS", "RUS", "TJK", "2023-Q4", "USD500", 1),
                cell("COST_SUM", "RUS", "TJK", "2023-Q4", "USD500", 29000),
                cell("PRICE_POINTS", "KAZ", "KGZ", "2024-Q1", "USD200", 1),
                cell("COSTED_POINTS", "KAZ", "KGZ", "2024-Q1", "USD200", 1),
                cell("COST_SUM", "KAZ", "KGZ", "2024-Q1", "USD200", 90000),
                cell("FLOW_VALUE", "RUS", "TJK", "2024-Q1", "_Z", 5_000_000)));
        return RemittanceFigures.costs(cells);
    }

    @Test
    void theCorridorsOfASideInOrder() {
        assertThat(CorridorChart.corridors(costs())).extracting(CorridorChart.Corridor::id)
                .containsExactly("KAZ-KGZ", "RUS-TJK");
    }

    @Test
    void perQuarterBothBandsAveragesAndNoSurveyIsNullNeverZero() {
        List<CorridorChart.Quarter> rus = CorridorChart.series(costs(), new CorridorChart.Corridor("RUS", "TJK"));
        assertThat(rus).containsExactly(
                new CorridorChart.Quarter("2023-Q4", null, null, 29000L, "2.9000"),
                new CorridorChart.Quarter("2024-Q1", 61750L, "6.1750", 33333L, "3.3333"),
                new CorridorChart.Quarter("2024-Q2", null, null, null, null));
        assertThat(CorridorChart.series(costs(), new CorridorChart.Corridor("KAZ", "KGZ")))
                .containsExactly(new CorridorChart.Quarter("2024-Q1", 90000L, "9.0000", null, null));
        assertThat(CorridorChart.series(costs(), new CorridorChart.Corridor("TJK", "RUS"))).isEmpty();
    }

    /**
     * The largest value 61750 and the 5 % line 50000: ticks of ceil(61750 / 4 / 10000) = 2 points, top 8 %. Plot
     * 300 high from y 20: 3 % at 320 − 300·3/8 = 207.5, 5 % at 132.5, 6.1750 % at 320 − 300·6.175/8 = 88.4375.
     */
    @Test
    void theChartDrawsTheTargetLinesOnAPercentScaleAndAGapForNoSurvey() {
        List<CorridorChart.Quarter> rus = CorridorChart.series(costs(), new CorridorChart.Corridor("RUS", "TJK"));
        String svg = SvgChart.draw("RUS → TJK", rus.stream().map(CorridorChart.Quarter::quarter).toList(), List.of(
                        new SvgChart.Series("USD 200", rus.stream().map(CorridorChart.Quarter::usd200).toList()),
                        new SvgChart.Series("USD 500", rus.stream().map(CorridorChart.Quarter::usd500).toList())),
                List.of(new SvgChart.Reference("3 % target", 30000), new SvgChart.Reference("5 %", 50000)), 10_000);
        assertThat(svg).contains("y1=\"207.5\" x2=\"560.0\" y2=\"207.5\"").contains("y1=\"132.5\" x2=\"560.0\" y2=\"132.5\"")
                .contains(">3 % target</text>").contains(">5 %</text>");
        // ticks 0, 2, 4, 6, 8 (percent), none above
        for (String tick : List.of(">0</text>", ">2</text>", ">4</text>", ">6</text>", ">8</text>")) {
            assertThat(svg).contains(tick);
        }
        assertThat(svg).doesNotContain(">10</text>");
        // USD 200 has one point (2024-Q1, the middle of three: x 60 + 500/2 = 310), USD 500 two joined by a line
        assertThat(svg).contains("cx=\"310.0\" cy=\"88.4\"").contains("USD 200, 2024-Q1: 6.1750</title>")
                .contains("USD 500, 2024-Q1: 3.3333</title>").doesNotContain("2024-Q2: ");
        assertThat(svg.split("<polyline", -1)).hasSize(1 + 2);
        assertThatThrownBy(() -> SvgChart.draw("x", List.of(), List.of(), List.of(), 3))
                .hasMessageContaining("power of ten").hasMessageContaining("not 3");
    }
}
