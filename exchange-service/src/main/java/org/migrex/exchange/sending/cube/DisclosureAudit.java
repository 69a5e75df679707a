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
 * {@link ProtectionRule}; and the joint attacker ({@link JointAttack}) over every table of a dataflow the partner
 * holds for the period (its own, every revision, and the public release), as one system, read against the period's
 * cells as they are now.
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

    /**
     * The joint attack on one dataflow.
     *
     * @param tables the tables combined ({@code agreement rREVISION})
     * @param evaluated false when the system exceeds the bound ({@link JointAttack#MAX_ATOMS}) or the tables do not
     *     record their dataflow: then {@code reason} says why, and it does not pass
     * @param atoms the number of unknowns of the system
     * @param passes whether every primary cell meets its rule
     * @param suppressedCells every cell held suppressed (and published by none of the tables with its count now)
     */
    public record Joint(String dataflow, List<String> tables, boolean evaluated, String reason, int atoms,
            boolean passes, List<JointCell> suppressedCells) {
    }

    /**
     * One suppressed cell in the joint system.
     *
     * @param tables the tables that hold it suppressed
     * @param filter the filter of those tables (which persons its codes count)
     * @param protectedEnough whether the interval meets the rule; a secondary cell (not below k) is not judged, its
     *     count is one the tables' k lets be known; nor is a public cell the partner was given with the same count in
     *     its own table (same dimensions, its filter within the public one's), as in the check
     */
    public record JointCell(List<String> tables, Map<String, String> dimensions, Map<String, Set<String>> filter,
            long lower, Long upper, boolean primary, boolean protectedEnough) {
    }

    /**
     * The joint attack of every dataflow of which {@code held} has tables.
     *
     * @param partner the partner audited (or {@link org.migrex.exchange.sending.agreement.ExchangeAgreement#PUBLIC})
     * @param held every table the partner holds for the period (its own and the public release's)
     * @param cells the period's cells now, of every dataflow
     */
    public static List<Joint> joint(String partner, List<PublishedTable> held,
            Map<org.migrex.exchange.dataflow.Cell, Long> cells) {
        Map<String, List<PublishedTable>> byDataflow = new java.util.TreeMap<>();
        for (PublishedTable table : held) {
            byDataflow.computeIfAbsent(table.dataflow() == null ? "" : table.dataflow(), d -> new ArrayList<>())
                    .add(table);
        }
        List<Joint> joints = new ArrayList<>();
        byDataflow.forEach((dataflowId, tables) -> {
            List<JointAttack.View> views = tables.stream().map(JointAttack.View::of).toList();
            List<String> labels = views.stream().map(JointAttack.View::label).toList();
            var dataflow = org.migrex.exchange.dataflow.Dataflows.find(dataflowId);
            if (dataflow.isEmpty()) {
                joints.add(new Joint(dataflowId, labels, false, "the tables do not record their dataflow (published "
                        + "before it was recorded): not combined", 0, false, List.of()));
                return;
            }
            try {
                JointAttack attack = JointAttack.of(dataflow.get(), cells, views);
                List<PublishedTable> own = tables.stream().filter(t -> t.partner().equals(partner)
                        && !t.partner().equals(org.migrex.exchange.sending.agreement.ExchangeAgreement.PUBLIC))
                        .toList();
                List<JointCell> suppressed = new ArrayList<>();
                for (JointAttack.Interval cell : attack.intervals()) {
                    boolean publicOnly = tables.stream().filter(t -> cell.tables().contains(JointAttack.View.label(t)))
                            .allMatch(t -> !t.partner().equals(partner));
                    suppressed.add(new JointCell(cell.tables(), cell.dimensions(), cell.filter(), (long) cell.lower(),
                            Double.isInfinite(cell.upper()) ? null : (long) cell.upper(), cell.primary(),
                            cell.protectedEnough() || publicOnly && DisclosureCheck.givenInOwnTable(cell, own)));
                }
                joints.add(new Joint(dataflowId, labels, true, null, attack.atomCount(),
                        suppressed.stream().allMatch(JointCell::protectedEnough), List.copyOf(suppressed)));
            } catch (JointAttack.TooLarge | IllegalStateException | IllegalArgumentException e) {
                joints.add(new Joint(dataflowId, labels, false, e.getMessage(), 0, false, List.of()));
            }
        });
        return joints;
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
