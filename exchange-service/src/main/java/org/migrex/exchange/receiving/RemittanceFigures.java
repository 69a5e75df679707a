package org.migrex.exchange.receiving;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.MigrationAggregate;
import org.migrex.statistics.Remittances;

/**
 * The figures of REMITTANCES that are derived when read, from the delivered sums (docs/remittances.md), and the
 * corridor mirror. Plain functions of the cells of one side: this node's own cube, or a partner's latest dataset.
 *
 * <ul>
 *   <li>SDG 10.c.1 per corridor, quarter and band: the average total cost {@code COST_SUM / COSTED_POINTS} rounded
 *       half-even to 0.0001 percentage points ({@link Remittances.CostSums#averageCost}); none when no point was
 *       costed. A cell left out of a dataset is 0: datasets leave out cells whose sum is 0 (COSTED_POINTS of a
 *       corridor whose points all lack a margin).</li>
 *   <li>The share of corridors above 5 % per quarter and band: of the corridors with an average, how many average
 *       strictly more than 5 % ({@link Remittances#corridorsAboveFivePercent}). An unsurveyed corridor is in neither
 *       count.</li>
 *   <li>Corridor mirror, per quarter, in USD: our recorded outflows to the partner against the partner's recorded
 *       inflows from us, and our inflows from it against its outflows to us; the same key (INDICATOR FLOW_VALUE,
 *       SENDING_AREA, RECEIVING_AREA, CURRENCY USD, TIME_PERIOD) with the other REF_AREA. A side with no such cell
 *       (nothing recorded, no dataset received, or a dataset whose agreement drops the corridor dimensions) is not
 *       available: null, never 0.</li>
 * </ul>
 */
public final class RemittanceFigures {
    /** One cell of a side: its dimension codes (a dimension missing from a dataset's observation is absent) and value. */
    public record Value(Map<String, String> dimensions, long value) {
    }

    /** SDG 10.c.1 of one corridor, quarter and band; average and percent text null when no point was costed. */
    public record CorridorCost(String sendingArea, String receivingArea, String quarter, String amount,
                               long pricePoints, long costedPoints, long costSum, Long averageCost,
                               String averagePercent, Boolean aboveFivePercent, Boolean meetsThreePercentTarget) {
    }

    /** Per quarter and band: corridors with an average, and of them those above 5 %. */
    public record ShareAboveFive(String quarter, String amount, long corridorsWithAverage, long corridorsAboveFive) {
    }

    /** The corridor costs of one side and the share above 5 % per quarter and band. */
    public record Costs(List<CorridorCost> corridors, List<ShareAboveFive> shares) {
    }

    /** One mirror row: a corridor and quarter in USD (0.0001 units), each side's value or null, and their comparison. */
    public record MirrorRow(String quarter, String sendingArea, String receivingArea, String ourRecord,
                            String partnerRecord, Long ours, Long partners, Long difference, String ratio,
                            String note) {
    }

    private RemittanceFigures() {
    }

    /** The REMITTANCES cells of a node's own cube whose quarter {@code period} accepts. */
    public static List<Value> ofCube(Collection<MigrationAggregate> cells, java.util.function.Predicate<String> period) {
        List<Value> values = new ArrayList<>();
        for (MigrationAggregate a : cells) {
            if (Dataflows.REMITTANCES.id().equals(a.getDataflow()) && period.test(a.getDimensions().get("TIME_PERIOD"))) {
                values.add(new Value(a.getDimensions(), a.getCount()));
            }
        }
        return values;
    }

    /** The published (not suppressed) observations of a received dataset. */
    public static List<Value> ofDataset(ExchangeDataset d) {
        return d.getObservations().stream().filter(o -> o.getValue() != null)
                .map(o -> new Value(o.getDimensions(), o.getValue())).toList();
    }

    /** The costs of the price indicators among {@code values} (any REF_AREA: one side's cells). */
    public static Costs costs(Collection<Value> values) {
        Map<List<String>, long[]> sums = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        for (Value v : values) {
            Map<String, String> d = v.dimensions();
            String indicator = d.get("INDICATOR");
            int index = switch (indicator == null ? "" : indicator) {
                case "PRICE_POINTS" -> 0;
                case "COSTED_POINTS" -> 1;
                case "COST_SUM" -> 2;
                default -> -1;
            };
            if (index < 0 || Dataflow.TOTAL.equals(d.get("REF_AREA")) || Dataflow.TOTAL.equals(d.get("SENDING_AREA"))
                    || Dataflow.TOTAL.equals(d.get("RECEIVING_AREA"))) {
                continue;
            }
            List<String> key = List.of(d.get("TIME_PERIOD"), String.valueOf(d.get("AMOUNT")),
                    String.valueOf(d.get("SENDING_AREA")), String.valueOf(d.get("RECEIVING_AREA")));
            sums.computeIfAbsent(key, k -> new long[3])[index] += v.value();
        }
        List<CorridorCost> corridors = new ArrayList<>();
        Map<List<String>, List<Remittances.CostSums>> byQuarter = new TreeMap<>(
                java.util.Comparator.comparing(Object::toString));
        sums.forEach((key, s) -> {
            Remittances.CostSums cs = new Remittances.CostSums(s[0], s[1], s[2]);
            Optional<Long> average = cs.averageCost();
            corridors.add(new CorridorCost(key.get(2), key.get(3), key.get(0), key.get(1), s[0], s[1], s[2],
                    average.orElse(null), average.map(Remittances::percentText).orElse(null),
                    average.map(a -> a > Remittances.FIVE_PERCENT).orElse(null),
                    average.map(a -> a <= Remittances.THREE_PERCENT).orElse(null)));
            byQuarter.computeIfAbsent(List.of(key.get(0), key.get(1)), k -> new ArrayList<>()).add(cs);
        });
        List<ShareAboveFive> shares = new ArrayList<>();
        byQuarter.forEach((key, list) -> {
            long[] counts = Remittances.corridorsAboveFivePercent(list);
            shares.add(new ShareAboveFive(key.get(0), key.get(1), counts[0], counts[1]));
        });
        return new Costs(corridors, shares);
    }

    /**
     * The corridor mirror of {@code us} and {@code partner} for {@code quarters}: {@code ours} are this node's cells,
     * {@code partnersByQuarter} the partner's latest dataset's observations per quarter (absent: none received).
     */
    public static List<MirrorRow> mirror(String us, String partner, List<String> quarters, Collection<Value> ours,
            java.util.function.Function<String, Optional<Collection<Value>>> partnersByQuarter) {
        List<MirrorRow> rows = new ArrayList<>();
        for (String quarter : quarters) {
            Optional<Collection<Value>> theirs = partnersByQuarter.apply(quarter);
            for (String[] corridor : List.of(new String[] {us, partner}, new String[] {partner, us})) {
                boolean outflow = corridor[0].equals(us);
                Long our = flow(ours, corridor[0], corridor[1], quarter);
                Long their = theirs.map(values -> flow(values, corridor[0], corridor[1], quarter)).orElse(null);
                String note = null;
                if (our == null) {
                    note = "no " + (outflow ? "outflow" : "inflow") + " recorded by " + us;
                }
                if (their == null) {
                    String missing = theirs.isEmpty() ? "no REMITTANCES dataset received from " + partner
                            : partner + "'s dataset has no " + (outflow ? "inflow" : "outflow") + " cell for the corridor";
                    note = note == null ? missing : note + "; " + missing;
                }
                Long difference = our != null && their != null ? our - their : null;
                String ratio = our != null && their != null && our != 0
                        ? java.math.BigDecimal.valueOf(their).divide(java.math.BigDecimal.valueOf(our), 4,
                                java.math.RoundingMode.HALF_EVEN).toPlainString() : null;
                rows.add(new MirrorRow(quarter, corridor[0], corridor[1], outflow ? "outflow" : "inflow",
                        outflow ? "inflow" : "outflow", our, their, difference, ratio, note));
            }
        }
        return rows;
    }

    /** The USD FLOW_VALUE of the corridor and quarter among one side's values, or null when there is none. */
    private static Long flow(Collection<Value> values, String sending, String receiving, String quarter) {
        Long sum = null;
        for (Value v : values) {
            Map<String, String> d = v.dimensions();
            if ("FLOW_VALUE".equals(d.get("INDICATOR")) && !Dataflow.TOTAL.equals(d.get("REF_AREA")) && sending.equals(d.get("SENDING_AREA"))
                    && receiving.equals(d.get("RECEIVING_AREA")) && "USD".equals(d.get("CURRENCY"))
                    && quarter.equals(d.get("TIME_PERIOD"))) {
                sum = Math.addExact(sum == null ? 0 : sum, v.value());
            }
        }
        return sum;
    }
}
