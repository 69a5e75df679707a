package org.migrex.exchange.receiving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The figures derived when read, on the worked example of docs/remittances.md; expected values by hand. */
class RemittanceFiguresTest {

    private static RemittanceFigures.Value v(String ref, String indicator, String sending, String receiving,
            String amount, String currency, String quarter, long value) {
        return new RemittanceFigures.Value(Map.of("REF_AREA", ref, "INDICATOR", indicator, "SENDING_AREA", sending,
                "RECEIVING_AREA", receiving, "AMOUNT", amount, "CURRENCY", currency, "TIME_PERIOD", quarter), value);
    }

    private static List<RemittanceFigures.Value> price(String receiving, long points, long costed, long sum) {
        List<RemittanceFigures.Value> out = new ArrayList<>(List.of(
                v("RUS", "PRICE_POINTS", "RUS", receiving, "USD200", "_Z", "2024-Q1", points),
                v("RUS", "COST_SUM", "RUS", receiving, "USD200", "_Z", "2024-Q1", sum)));
        if (costed > 0) { // a dataset leaves out a COSTED_POINTS of 0
            out.add(v("RUS", "COSTED_POINTS", "RUS", receiving, "USD200", "_Z", "2024-Q1", costed));
        }
        return out;
    }

    @Test
    void averagesPerCorridorAndTheShareAboveFivePercent() {
        List<RemittanceFigures.Value> cells = new ArrayList<>();
        cells.addAll(price("TJK", 4, 3, 63056)); // 63056 / 3 = 21018.67 → 21019: 2.1019 %
        cells.addAll(price("KGZ", 1, 1, 55000)); // 5.5000 %: above 5 %
        cells.addAll(price("UZB", 1, 0, 0));     // no costed point: no average
        // a REF_AREA total of a partner's dataset repeats the same sums; it is not counted twice
        cells.add(v("_T", "COST_SUM", "RUS", "TJK", "USD200", "_Z", "2024-Q1", 63056));
        RemittanceFigures.Costs costs = RemittanceFigures.costs(cells);
        Map<String, RemittanceFigures.CorridorCost> by = new java.util.HashMap<>();
        costs.corridors().forEach(c -> by.put(c.receivingArea(), c));
        assertThat(by).hasSize(3);
        assertThat(by.get("TJK").averageCost()).isEqualTo(21019L);
        assertThat(by.get("TJK").averagePercent()).isEqualTo("2.1019");
        assertThat(by.get("TJK").costSum()).isEqualTo(63056L);
        assertThat(by.get("TJK").meetsThreePercentTarget()).isTrue();
        assertThat(by.get("KGZ").averagePercent()).isEqualTo("5.5000");
        assertThat(by.get("KGZ").aboveFivePercent()).isTrue();
        assertThat(by.get("UZB").averageCost()).isNull();
        assertThat(by.get("UZB").aboveFivePercent()).isNull();
        assertThat(by.get("UZB").pricePoints()).isEqualTo(1L);
        assertThat(costs.shares()).containsExactly(new RemittanceFigures.ShareAboveFive("2024-Q1", "USD200", 2, 1));
    }

    @Test
    void theCorridorMirrorComparesTheSameKeyWithTheOtherRefAreaAndNeverInventsAZero() {
        // RUS's outflow to TJK: USD 1,000; TJK's inflow from RUS: USD 980 → difference 20, ratio 0.98
        List<RemittanceFigures.Value> ours = List.of(
                v("RUS", "FLOW_VALUE", "RUS", "TJK", "_Z", "USD", "2024-Q1", 10_000_000),
                v("RUS", "FLOW_VALUE", "RUS", "TJK", "_Z", "RUB", "2024-Q1", 900_000_000)); // not compared
        List<RemittanceFigures.Value> theirs = List.of(
                v("TJK", "FLOW_VALUE", "RUS", "TJK", "_Z", "USD", "2024-Q1", 9_800_000));
        List<RemittanceFigures.MirrorRow> rows = RemittanceFigures.mirror("RUS", "TJK", List.of("2024-Q1", "2024-Q2"),
                ours, q -> q.equals("2024-Q1") ? Optional.of(theirs) : Optional.empty());
        assertThat(rows).hasSize(4);
        RemittanceFigures.MirrorRow out = rows.get(0);
        assertThat(out.sendingArea()).isEqualTo("RUS");
        assertThat(out.ours()).isEqualTo(10_000_000L);
        assertThat(out.partners()).isEqualTo(9_800_000L);
        assertThat(out.difference()).isEqualTo(200_000L);
        assertThat(out.ratio()).isEqualTo("0.9800");
        assertThat(out.note()).isNull();
        RemittanceFigures.MirrorRow in = rows.get(1); // TJK → RUS: neither side recorded it
        assertThat(in.sendingArea()).isEqualTo("TJK");
        assertThat(in.ours()).isNull();
        assertThat(in.partners()).isNull();
        assertThat(in.difference()).isNull();
        assertThat(in.note()).isEqualTo("no inflow recorded by RUS; TJK's dataset has no outflow cell for the corridor");
        RemittanceFigures.MirrorRow q2 = rows.get(2); // no dataset for Q2, nothing of ours either
        assertThat(q2.quarter()).isEqualTo("2024-Q2");
        assertThat(q2.partners()).isNull();
        assertThat(q2.note()).contains("no REMITTANCES dataset received from TJK");
    }
}
