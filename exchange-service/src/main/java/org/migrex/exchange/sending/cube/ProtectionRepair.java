package org.migrex.exchange.sending.cube;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Suppresses more until the {@link IntervalAttack} finds no cell narrowed beyond the {@link ProtectionRule}.
 *
 * <p>Rule, per round: run the attack; publish again every violating cell that is not primary and is exactly
 * determined (it was suppressed for nothing; a cell is released once at most); otherwise, for the first violating cell of each group of linked
 * suppressed cells, suppress a published cell of its lines: one whose other lines already hold a suppressed cell
 * (otherwise they would give it away), the least costly such (the order {@code suppressFirst}); if its
 * lines have none left, the least costly published cell of the lines of the suppressed cells it shares a line with,
 * and so on outwards. A headline one-way margin (by sex) is a candidate only when that search finds no other cell in
 * the whole group: it is kept at the price of more inner cells and margins. Suppressions only
 * grow and each round adds at least one, so the loop ends; what no candidate can repair is left for
 * {@link DisclosureCheck} to refuse.
 */
public final class ProtectionRepair {
    private ProtectionRepair() {
    }

    /**
     * The outcome: every suppressed cell, and the cells still narrowed too far (empty when protected).
     *
     * @param witness feasible points of the attacker's LP for {@code suppressed} (and so for any superset of it) found
     *     on the way, for a later repair of the same table with more cells suppressed; null when some of them may be
     *     off a value published since (a release after the last clean check)
     */
    public record Outcome(Set<Integer> suppressed, List<Integer> unprotected, IntervalAttack.Witness witness) {
    }

    public static Outcome repair(LinearTable table, Set<Integer> suppressed, Set<Integer> primary, ProtectionRule rule,
            Comparator<Integer> suppressFirst, List<Integer> headline) {
        return repair(table, suppressed, primary, rule, suppressFirst, headline, Set.of());
    }

    /**
     * As {@link #repair(LinearTable, Set, Set, ProtectionRule, Comparator, List)}; the cells {@code neverReleased}
     * (suppressed in an earlier revision with the same count) stay suppressed even when the attacker derives them.
     */
    public static Outcome repair(LinearTable table, Set<Integer> suppressed, Set<Integer> primary, ProtectionRule rule,
            Comparator<Integer> suppressFirst, List<Integer> headline, Set<Integer> neverReleased) {
        return repair(table, suppressed, primary, rule, suppressFirst, headline, neverReleased, null);
    }

    /**
     * As {@link #repair(LinearTable, Set, Set, ProtectionRule, Comparator, List, Set)}, starting from the feasible
     * points of an earlier outcome of the same table ({@link Outcome#witness}) whose suppressed cells are a subset of
     * {@code suppressed}: those points are still feasible (the cells suppressed since take their true values), so
     * they spare the LPs that would find them again. Null: start from the true table alone.
     */
    static Outcome repair(LinearTable table, Set<Integer> suppressed, Set<Integer> primary, ProtectionRule rule,
            Comparator<Integer> suppressFirst, List<Integer> headline, Set<Integer> neverReleased,
            IntervalAttack.Witness earlier) {
        Set<Integer> current = new TreeSet<>(suppressed);
        IntervalAttack.Witness witness = earlier != null ? earlier.copy() : new IntervalAttack.Witness(table);
        // releasing one of them would publish the value an earlier revision suppressed
        Set<Integer> released = new HashSet<>(neverReleased);
        boolean stale = false;
        for (int round = 0; round < 4 * table.size() + 10; round++) {
            List<Integer> violations = IntervalAttack.violations(table, current, primary, rule, witness, true);
            if (violations.isEmpty()) {
                if (!stale) {
                    return new Outcome(current, List.of(), witness);
                }
                // points found before a release may be off the released value: the verdict needs a clean run
                witness = new IntervalAttack.Witness(table);
                stale = false;
                continue;
            }
            // a cell that is not primary and that the attacker derives exactly is suppressed for nothing: publishing
            // it tells nothing new, and it is one cell less lost
            // (for a cell that is not primary, the only rule is "not a single value": its violation means exactly that)
            List<Integer> derived = violations.stream().filter(c -> !primary.contains(c) && !released.contains(c))
                    .toList();
            if (!derived.isEmpty()) {
                current.removeAll(derived);
                released.addAll(derived); // released once at most, so that the loop ends
                stale = true; // LP points off the published value are no longer feasible; re-checked at the end
                continue;
            }
            // one repair per linked group of suppressed cells and round: a single new suppression often widens
            // every violating cell of its group, and repairing each of them blindly would over-suppress
            Map<Integer, Integer> group = new HashMap<>();
            List<List<Integer>> components = IntervalAttack.components(table, current);
            for (int g = 0; g < components.size(); g++) {
                for (int cell : components.get(g)) {
                    group.put(cell, g);
                }
            }
            Set<Integer> repaired = new HashSet<>();
            boolean added = false;
            for (int cell : violations) {
                if (!repaired.add(group.get(cell))) {
                    continue;
                }
                // the nearest published cells first: those of its lines, then of the lines of the suppressed cells
                // it shares a line with, and so on through its group; a headline margin (by sex) only when no
                // other published cell of the whole group is left: the region asked for them, so a few more inner
                // cells are the better price
                Optional<Integer> extra = Optional.empty();
                for (boolean headlineToo : new boolean[] {false, true}) {
                    Set<Integer> ring = Set.of(cell);
                    Set<Integer> seen = new HashSet<>(ring);
                    extra = cheapestPublished(table, current, ring, suppressFirst, headline, headlineToo);
                    while (extra.isEmpty() && !ring.isEmpty()) {
                        Set<Integer> next = new HashSet<>();
                        for (int member : ring) {
                            for (LinearTable.Line line : table.linesOf(member)) {
                                for (int other : IntervalAttack.cellsOf(line)) {
                                    if (current.contains(other) && seen.add(other)) {
                                        next.add(other);
                                    }
                                }
                            }
                        }
                        ring = next;
                        extra = cheapestPublished(table, current, ring, suppressFirst, headline, headlineToo);
                    }
                    if (extra.isPresent()) {
                        break;
                    }
                }
                if (extra.isPresent()) {
                    current.addAll(closure(table, current, extra.get(), suppressFirst, headline));
                    added = true;
                }
            }
            if (!added) {
                return new Outcome(current, violations, stale ? null : witness);
            }
        }
        return new Outcome(current, IntervalAttack.violations(table, current, primary, rule), null);
    }

    /**
     * The cells to suppress with {@code candidate} so that no line holds it, or a cell added with it, as its only
     * suppressed cell: for each such line the published cell of that line that pins the fewest other lines (the least
     * costly among those; a headline one-way margin only when the line has no other), and so on for the cells added
     * that way. A cell alone on a line is that line's total less its published cells: suppressing it hides nothing
     * and helps no interval, so without its partners the next rounds would find it derived, publish it again,
     * suppress it again and only then look for a partner, an LP attack per step. At most {@code table.size()} steps;
     * a line with no published cell left stays pinned (the attack still decides whether the table is protected).
     *
     * @return the candidate and the cells added with it
     */
    private static Set<Integer> closure(LinearTable table, Set<Integer> suppressed, int candidate,
            Comparator<Integer> suppressFirst, List<Integer> headline) {
        Set<Integer> added = new java.util.LinkedHashSet<>();
        added.add(candidate);
        Set<Integer> current = new HashSet<>(suppressed);
        current.add(candidate);
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        open.add(candidate);
        int budget = table.size();
        while (!open.isEmpty() && budget-- > 0) {
            int cell = open.poll();
            for (LinearTable.Line line : table.linesOf(cell)) {
                if (hasOtherSuppressed(line, cell, current)) {
                    continue;
                }
                Integer partner = null;
                int partnerPins = Integer.MAX_VALUE;
                for (boolean headlineToo : new boolean[] {false, true}) {
                    for (int other : IntervalAttack.cellsOf(line)) {
                        if (current.contains(other)
                                || (!headlineToo && DisclosureControl.tier(table, headline, other) == 3)) {
                            continue;
                        }
                        int pins = pins(table, current, other, line);
                        if (partner == null || pins < partnerPins
                                || (pins == partnerPins && suppressFirst.compare(other, partner) < 0)) {
                            partner = other;
                            partnerPins = pins;
                        }
                    }
                    if (partner != null) {
                        break;
                    }
                }
                if (partner != null) {
                    current.add(partner);
                    added.add(partner);
                    open.add(partner);
                }
            }
        }
        return added;
    }

    private static boolean hasOtherSuppressed(LinearTable.Line line, int cell, Set<Integer> suppressed) {
        for (int other : IntervalAttack.cellsOf(line)) {
            if (other != cell && suppressed.contains(other)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The published cell of the lines of {@code cells} that pins the fewest other lines, the least costly among
     * those; headline one-way margins ({@link DisclosureControl#tier} 3) only when {@code headlineToo}.
     */
    private static Optional<Integer> cheapestPublished(LinearTable table, Set<Integer> suppressed, Set<Integer> cells,
            Comparator<Integer> suppressFirst, List<Integer> headline, boolean headlineToo) {
        Integer best = null;
        int bestPins = Integer.MAX_VALUE;
        int bestSize = Integer.MAX_VALUE;
        for (int cell : cells) {
            for (LinearTable.Line line : table.linesOf(cell)) {
                for (int other : IntervalAttack.cellsOf(line)) {
                    if (suppressed.contains(other)
                            || (!headlineToo && DisclosureControl.tier(table, headline, other) == 3)) {
                        continue;
                    }
                    int pins = pins(table, suppressed, other, line);
                    if (best != null && bestPins == 0 && pins > 0) {
                        continue;
                    }
                    // a candidate that pins lines costs its closure: the fewest cells in all first
                    int size = pins == 0 ? 1 : closure(table, suppressed, other, suppressFirst, headline).size();
                    int order = best == null ? -1 : Integer.compare(pins == 0 ? 0 : 1, bestPins == 0 ? 0 : 1);
                    if (order == 0) {
                        order = Integer.compare(size, bestSize);
                    }
                    if (order == 0) {
                        order = Integer.compare(pins, bestPins);
                    }
                    if (order == 0) {
                        order = suppressFirst.compare(other, best);
                    }
                    if (order < 0) {
                        best = other;
                        bestPins = pins;
                        bestSize = size;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * How many of the candidate's other lines have no suppressed cell: each of them would give its value away by
     * subtraction, so such a candidate widens nothing. A candidate that closes a cycle of suppressions pins nothing.
     */
    private static int pins(LinearTable table, Set<Integer> suppressed, int candidate, LinearTable.Line via) {
        int pins = 0;
        for (LinearTable.Line line : table.linesOf(candidate)) {
            if (line.equals(via)) {
                continue;
            }
            boolean other = false;
            for (int cell : IntervalAttack.cellsOf(line)) {
                if (cell != candidate && suppressed.contains(cell)) {
                    other = true;
                    break;
                }
            }
            if (!other) {
                pins++;
            }
        }
        return pins;
    }
}
