package org.migrex.exchange.sending.cube;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The release pass (de-suppression), the last step of cell suppression: after {@link ProtectionRepair}, each
 * suppressed cell that is neither primary nor required suppressed ({@link LinkedTables#stillSuppressed}) is published
 * again, most wanted first, and kept published only if the table's own LP attacker ({@link IntervalAttack} with the
 * same {@link ProtectionRule}) still finds every remaining suppressed cell protected.
 *
 * <p>Rule: candidates in the order {@code suppressFirst} reversed (headline margins by sex, the grand total, margins,
 * inner cells; large counts first). A candidate is published when (a) no line of it is left with exactly one
 * suppressed cell (that cell would be the line's total less its published cells: rejected without an LP), and (b)
 * {@link IntervalAttack#violations} finds no violation among the suppressed cells linked to it. Only the group of
 * linked suppressed cells the candidate belongs to can change: the other groups are separate LPs that do not contain
 * it. Every table the pass returns is safe by the same attack and rule as the repair's outcome; a final attack from
 * the true table alone (no reused point) confirms it, and when it does not (it should not happen) the repair's
 * outcome is returned unchanged.
 *
 * <p>Reused points: publishing a cell only adds the constraint "it is its true count", so every LP solution found
 * so far whose value of the candidate is its true count is still feasible, and shows a range at least as wide as it
 * did; so is every convex combination of two solutions, one above and one below the candidate's true count,
 * weighted to give it its true count (the region is convex). Only the bounds those points do not show wide enough
 * are solved again. A solution found while a candidate was tried is feasible for the table without that candidate
 * published too, so it is kept either way.
 *
 * <p><b>Bound:</b> at most {@value #MAX_SOLVES} LP solves per table over all candidates (the final confirmation not
 * included); candidates left when the budget is spent stay suppressed, which is safe (more suppression never narrows
 * an interval), only less is gained.
 */
final class ReleasePass {
    /** The most LPs the pass solves for its candidates, per table. */
    static final int MAX_SOLVES = 600;
    /** The most pairs of points combined per candidate ({@link #combine}). */
    static final int MAX_PAIRS = 400;

    private ReleasePass() {
    }

    /**
     * The outcome.
     *
     * @param suppressed the suppressed cells after the pass
     * @param released the cells published again, in the order they were
     * @param solvesBefore for each released cell, the LPs solved before it was published (what a smaller budget keeps)
     * @param candidates how many candidates were tried
     * @param solves LPs solved for the candidates (the final confirmation not included)
     * @param exhausted whether the budget ran out before every candidate was tried
     */
    record Outcome(Set<Integer> suppressed, List<Integer> released, List<Integer> solvesBefore, int candidates,
            int solves, boolean exhausted) {
    }

    /**
     * Tries to publish again each cell of {@code suppressed} that is not in {@code primary} or {@code neverReleased}.
     *
     * @param suppressed a protected suppression of the table (no violation of the rule)
     * @param suppressFirst the cost order of suppression; the pass goes in the reverse order
     */
    static Outcome release(LinearTable table, Set<Integer> suppressed, Set<Integer> primary, ProtectionRule rule,
            Comparator<Integer> suppressFirst, Set<Integer> neverReleased) {
        List<Integer> candidates = new ArrayList<>();
        for (int cell : suppressed) {
            if (!primary.contains(cell) && !neverReleased.contains(cell)) {
                candidates.add(cell);
            }
        }
        candidates.sort(suppressFirst.reversed());
        Set<Integer> current = new TreeSet<>(suppressed);
        List<Integer> released = new ArrayList<>();
        List<Integer> solvesBefore = new ArrayList<>();
        // LP solutions for `current`: each with every published cell at its true count
        List<IntervalAttack.Point> pool = new ArrayList<>();
        int solves = 0;
        int tried = 0;
        boolean exhausted = false;
        for (int candidate : candidates) {
            if (solves >= MAX_SOLVES) {
                exhausted = true;
                break;
            }
            tried++;
            if (leavesALineWithOne(table, current, candidate)) {
                continue;
            }
            Set<Integer> trial = new TreeSet<>(current);
            trial.remove(candidate);
            Set<Integer> linked = linkedTo(table, current, candidate);
            linked.remove(candidate);
            if (linked.isEmpty()) {
                // alone in its group: nothing else is suppressed on its lines, so publishing it changes no LP
                current = trial;
                released.add(candidate);
                solvesBefore.add(solves);
                continue;
            }
            IntervalAttack.Witness witness = IntervalAttack.Witness.keepingPoints(table);
            long count = table.count(candidate);
            List<IntervalAttack.Point> stillFeasible = new ArrayList<>();
            List<IntervalAttack.Point> above = new ArrayList<>();
            List<IntervalAttack.Point> below = new ArrayList<>();
            for (IntervalAttack.Point point : pool) {
                double off = point.valueOf(table, candidate) - count;
                if (Math.abs(off) <= ProtectionRule.EPSILON) {
                    stillFeasible.add(point);
                    witness.widen(point, true);
                } else {
                    (off > 0 ? above : below).add(point);
                }
            }
            combine(table, candidate, linked, above, below, witness);
            boolean safe = IntervalAttack.violations(table, linked, primary, rule, witness, true).isEmpty();
            int before = solves;
            solves += witness.solves();
            List<IntervalAttack.Point> found = witness.points().subList(stillFeasible.size(), witness.points().size());
            if (safe) {
                current = trial;
                released.add(candidate);
                solvesBefore.add(before);
                pool = new ArrayList<>(witness.points());
            } else {
                pool.addAll(found);
            }
        }
        if (released.isEmpty()) {
            return new Outcome(new TreeSet<>(suppressed), List.of(), List.of(), tried, solves, exhausted);
        }
        // a clean verdict from the true table alone, as the repair's: no point found on the way is trusted for it
        if (!IntervalAttack.violations(table, current, primary, rule).isEmpty()) {
            return new Outcome(new TreeSet<>(suppressed), List.of(), List.of(), tried, solves, exhausted);
        }
        return new Outcome(current, List.copyOf(released), List.copyOf(solvesBefore), tried, solves, exhausted);
    }

    /**
     * Widens the witness with convex combinations of two points, one above and one below the candidate's true count,
     * weighted so that the candidate takes its true count: the attacker's region is convex, so such a combination is
     * a feasible point once the candidate is published (at most {@value #MAX_PAIRS} pairs, the newest first).
     */
    private static void combine(LinearTable table, int candidate, Set<Integer> group, List<IntervalAttack.Point> above,
            List<IntervalAttack.Point> below, IntervalAttack.Witness witness) {
        int[] cells = group.stream().mapToInt(Integer::intValue).toArray();
        long count = table.count(candidate);
        int pairs = 0;
        for (int i = above.size() - 1; i >= 0 && pairs < MAX_PAIRS; i--) {
            IntervalAttack.Point a = above.get(i);
            double ac = a.valueOf(table, candidate);
            for (int j = below.size() - 1; j >= 0 && pairs < MAX_PAIRS; j--, pairs++) {
                IntervalAttack.Point b = below.get(j);
                double bc = b.valueOf(table, candidate);
                double alpha = (count - bc) / (ac - bc);
                double[] values = new double[cells.length];
                for (int v = 0; v < cells.length; v++) {
                    values[v] = alpha * a.valueOf(table, cells[v]) + (1 - alpha) * b.valueOf(table, cells[v]);
                }
                witness.widen(new IntervalAttack.Point(cells, values), false);
            }
        }
    }

    /** Whether publishing the candidate leaves a line of it with exactly one suppressed cell (then derived). */
    private static boolean leavesALineWithOne(LinearTable table, Set<Integer> suppressed, int candidate) {
        for (LinearTable.Line line : table.linesOf(candidate)) {
            int others = 0;
            for (int cell : IntervalAttack.cellsOf(line)) {
                if (cell != candidate && suppressed.contains(cell)) {
                    others++;
                }
            }
            if (others == 1) {
                return true;
            }
        }
        return false;
    }

    /** The suppressed cells linked to the candidate through lines (its group in {@link IntervalAttack#components}). */
    private static Set<Integer> linkedTo(LinearTable table, Set<Integer> suppressed, int candidate) {
        Set<Integer> group = new TreeSet<>();
        group.add(candidate);
        List<Integer> open = new ArrayList<>(List.of(candidate));
        while (!open.isEmpty()) {
            int cell = open.remove(open.size() - 1);
            for (LinearTable.Line line : table.linesOf(cell)) {
                for (int other : IntervalAttack.cellsOf(line)) {
                    if (suppressed.contains(other) && group.add(other)) {
                        open.add(other);
                    }
                }
            }
        }
        return group;
    }
}
