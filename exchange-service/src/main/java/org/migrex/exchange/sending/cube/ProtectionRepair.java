package org.migrex.exchange.sending.cube;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Suppresses more until the {@link IntervalAttack} finds no cell narrowed beyond the {@link ProtectionRule}.
 *
 * <p>Rule, per round: run the attack; for each violating cell whose lines got no new suppression in this round,
 * suppress the least costly published cell of its lines (the order {@code suppressFirst}); if its lines have none
 * left, the least costly published cell of the lines of the suppressed cells it shares a line with. Suppressions only
 * grow and each round adds at least one, so the loop ends; what no candidate can repair is left for
 * {@link DisclosureCheck} to refuse.
 */
public final class ProtectionRepair {
    private ProtectionRepair() {
    }

    /** The outcome: every suppressed cell, and the cells still narrowed too far (empty when protected). */
    public record Outcome(Set<Integer> suppressed, List<Integer> unprotected) {
    }

    public static Outcome repair(LinearTable table, Set<Integer> suppressed, Set<Integer> primary, ProtectionRule rule,
            Comparator<Integer> suppressFirst) {
        Set<Integer> current = new TreeSet<>(suppressed);
        while (true) {
            List<Integer> violations = IntervalAttack.violations(table, current, primary, rule);
            if (violations.isEmpty()) {
                return new Outcome(current, List.of());
            }
            Set<LinearTable.Line> touched = new HashSet<>();
            boolean added = false;
            for (int cell : violations) {
                if (table.linesOf(cell).stream().anyMatch(touched::contains)) {
                    continue; // a suppression of this round already widened one of its lines: re-check first
                }
                Optional<Integer> extra = cheapestPublished(table, current, Set.of(cell), suppressFirst);
                if (extra.isEmpty()) {
                    Set<Integer> neighbours = new HashSet<>();
                    for (LinearTable.Line line : table.linesOf(cell)) {
                        for (int other : IntervalAttack.cellsOf(line)) {
                            if (current.contains(other)) {
                                neighbours.add(other);
                            }
                        }
                    }
                    extra = cheapestPublished(table, current, neighbours, suppressFirst);
                }
                if (extra.isPresent()) {
                    current.add(extra.get());
                    touched.addAll(table.linesOf(extra.get()));
                    added = true;
                }
            }
            if (!added) {
                return new Outcome(current, violations);
            }
        }
    }

    private static Optional<Integer> cheapestPublished(LinearTable table, Set<Integer> suppressed, Set<Integer> cells,
            Comparator<Integer> suppressFirst) {
        Integer best = null;
        for (int cell : cells) {
            for (LinearTable.Line line : table.linesOf(cell)) {
                for (int other : IntervalAttack.cellsOf(line)) {
                    if (!suppressed.contains(other) && (best == null || suppressFirst.compare(other, best) < 0)) {
                        best = other;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
