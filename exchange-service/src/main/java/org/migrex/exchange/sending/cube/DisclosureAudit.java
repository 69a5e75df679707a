package org.migrex.exchange.sending.cube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The disclosure audit of what was published to a partner for a period: the LP attacker ({@link IntervalAttack})
 * over each published table, with each suppressed cell's feasibility interval and whether it meets the table's
 * {@link ProtectionRule}.
 *
 * <p>Each table is attacked on its own. Tables of one partner and period (revisions, other agreements) are not yet
 * combined into one system: see docs/exchange.md, "Limits".
 */
public final class DisclosureAudit {
    private DisclosureAudit() {
    }

    /**
     * One suppressed cell as the attacker sees it.
     *
     * @param dimensions the cell's codes by dimension
     * @param lower the attacker's whole-number lower bound
     * @param upper the whole-number upper bound, null when unbounded
     * @param primary whether the cell is below k (its own value is protected by the interval rule)
     * @param protectedEnough whether the interval meets the rule
     */
    public record Cell(Map<String, String> dimensions, long lower, Long upper, boolean primary,
            boolean protectedEnough) {
    }

    /** The audit of one published table. */
    public record Table(String agreementId, int agreementVersion, long revision, String status, int k,
            int protectionPercent, SuppressionReport suppression, boolean passes, List<Cell> suppressedCells) {
    }

    public static Table audit(PublishedTable published) {
        LinearTable table = published.linearTable();
        Set<Integer> suppressed = published.suppressedCells(table);
        Set<Integer> primary = new TreeSet<>();
        for (int cell = 0; cell < table.size(); cell++) {
            if (table.count(cell) < published.k()) {
                primary.add(cell);
            }
        }
        ProtectionRule rule = new ProtectionRule(published.protectionPercent());
        List<Cell> cells = new ArrayList<>();
        boolean passes = true;
        for (IntervalAttack.Interval interval : IntervalAttack.intervals(table, suppressed, primary)) {
            int index = table.indexOf(interval.coordinate());
            boolean ok = !rule.violated(interval.value(), table.innerCount(index), interval.primary(), interval.min(),
                    interval.max());
            passes &= ok;
            Map<String, String> dimensions = new LinkedHashMap<>();
            for (int d = 0; d < published.dimensions().size(); d++) {
                dimensions.put(published.dimensions().get(d), interval.coordinate().get(d));
            }
            cells.add(new Cell(dimensions, (long) interval.lower(),
                    Double.isInfinite(interval.upper()) ? null : (long) interval.upper(), interval.primary(), ok));
        }
        List<Integer> headline = DatasetTable.headline(published.dimensions(), published.totalled());
        return new Table(published.agreementId(), published.agreementVersion(), published.revision(),
                published.status(), published.k(), published.protectionPercent(),
                SuppressionReport.of(table, suppressed, headline, published.k()), passes, cells);
    }
}
