package org.migrex.exchange.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.migrex.exchange.receiving.RemittanceFigures;

/**
 * The corridor chart's figures, from one side's {@link RemittanceFigures.Costs}: the corridors it has (sending and
 * receiving area), and for one corridor per quarter the SDG 10.c.1 average total cost of the USD200 and the USD500
 * band, in 0.0001 percentage points. A quarter where a band has no costed point has no average: null, never 0 (it is
 * a gap in the chart and "no survey" in the table).
 */
public final class CorridorChart {
    public static final String USD200 = "USD200";
    public static final String USD500 = "USD500";

    /** A corridor, written {@code RUS-TJK}. */
    public record Corridor(String sendingArea, String receivingArea) {
        public String id() {
            return sendingArea + "-" + receivingArea;
        }
    }

    /** One quarter of a corridor: each band's average (0.0001 percentage points) and its percent text, or null. */
    public record Quarter(String quarter, Long usd200, String usd200Percent, Long usd500, String usd500Percent) {
    }

    private CorridorChart() {
    }

    /** Every corridor with a price cell in {@code costs}, in order of sending then receiving area. */
    public static List<Corridor> corridors(RemittanceFigures.Costs costs) {
        TreeSet<String> ids = new TreeSet<>();
        List<Corridor> corridors = new ArrayList<>();
        for (RemittanceFigures.CorridorCost c : costs.corridors()) {
            Corridor corridor = new Corridor(c.sendingArea(), c.receivingArea());
            if (ids.add(corridor.id())) {
                corridors.add(corridor);
            }
        }
        corridors.sort(java.util.Comparator.comparing(Corridor::id));
        return corridors;
    }

    /** The corridor's quarters (every quarter with a price cell of either band, oldest first) and their averages. */
    public static List<Quarter> series(RemittanceFigures.Costs costs, Corridor corridor) {
        Map<String, RemittanceFigures.CorridorCost[]> byQuarter = new TreeMap<>();
        for (RemittanceFigures.CorridorCost c : costs.corridors()) {
            if (!c.sendingArea().equals(corridor.sendingArea()) || !c.receivingArea().equals(corridor.receivingArea())) {
                continue;
            }
            int band = USD200.equals(c.amount()) ? 0 : USD500.equals(c.amount()) ? 1 : -1;
            if (band >= 0) {
                byQuarter.computeIfAbsent(c.quarter(), q -> new RemittanceFigures.CorridorCost[2])[band] = c;
            }
        }
        List<Quarter> quarters = new ArrayList<>();
        byQuarter.forEach((quarter, bands) -> quarters.add(new Quarter(quarter,
                bands[0] == null ? null : bands[0].averageCost(), bands[0] == null ? null : bands[0].averagePercent(),
                bands[1] == null ? null : bands[1].averageCost(), bands[1] == null ? null : bands[1].averagePercent())));
        return quarters;
    }
}
