package org.migrex.exchange.sending.cube;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cell suppression for a table of counts with {@code _T} margins, against an attacker who holds the whole table.
 *
 * <ol>
 *   <li><b>Primary:</b> every cell with {@code 0 < count < k}.</li>
 *   <li><b>Secondary, linear:</b> {@link GaussianSuppression} over the table's whole linear system
 *       ({@link LinearTable}: every line of every crossing of totals), so that no primary cell is a linear
 *       combination of published cells, with singletons (two ones in a line) handled.</li>
 *   <li><b>Secondary, intervals:</b> {@link ProtectionRepair} runs the LP attacker ({@link IntervalAttack}) and
 *       suppresses more until no suppressed cell is exactly determined and no primary cell is narrowed to less than
 *       its {@link ProtectionRule} interval ({@code ±p %}, capped at 1 below).</li>
 *   <li><b>Release:</b> {@link ReleasePass} publishes again, most wanted first, each secondary suppression (not
 *       primary, not suppressed in a linked earlier table) without which the same attack still finds every
 *       suppressed cell protected.</li>
 * </ol>
 *
 * <p><b>Which cells go first</b> (the order decides how much is lost, not whether the table is safe): inner cells
 * before margins, margins before the grand total, the grand total before the one-way margins of the headline
 * dimensions (SEX in a delivered table); among margins, those over more totals first; then small counts before large
 * ones. So the margins by
 * sex stay published whenever they are at least k and publishing them does not itself reveal a primary cell (M = 7,
 * F = 2: F is primary, and M stays published while the grand total goes; M, F and a small _U: the total goes).
 *
 * <p>Cells with count 0 are absent from the table and known to be zero; they are never suppressed.
 */
public final class DisclosureControl {
    private DisclosureControl() {
    }

    /** The outcome of disclosure control on one table. */
    public record Suppression(LinearTable table, Set<Integer> primary, Set<Integer> suppressed,
            List<Integer> unprotected, SuppressionReport report) {
        /** The suppressed coordinates. */
        public Set<List<String>> coordinates() {
            Set<List<String>> coordinates = new LinkedHashSet<>();
            suppressed.forEach(cell -> coordinates.add(table.coordinate(cell)));
            return coordinates;
        }
    }

    /** {@link #suppress(Map, List, int, int)} with the default protection of {@value ProtectionRule#DEFAULT_PERCENT} %. */
    public static Set<List<String>> suppress(Map<List<String>, Long> table, List<Integer> totalled, int k) {
        return suppress(table, totalled, k, ProtectionRule.DEFAULT_PERCENT);
    }

    /** The coordinates to suppress, with no headline dimension. */
    public static Set<List<String>> suppress(Map<List<String>, Long> table, List<Integer> totalled, int k,
            int protectionPercent) {
        return suppress(table, totalled, k, protectionPercent, List.of());
    }

    /**
     * The coordinates to suppress.
     *
     * @param table coordinate (one code per dimension, {@code _T} for a total) to count; zero counts are ignored
     * @param totalled indices of the dimensions that carry a {@code _T} total (the line directions)
     * @param k threshold: counts {@code 0 < count < k} are primary suppressions
     * @param protectionPercent p of the protection interval, 0 to 100
     * @param headline indices of totalled dimensions whose one-way margins are kept published first (SEX)
     */
    public static Set<List<String>> suppress(Map<List<String>, Long> table, List<Integer> totalled, int k,
            int protectionPercent, List<Integer> headline) {
        return control(LinearTable.of(table, totalled), k, new ProtectionRule(protectionPercent), headline)
                .coordinates();
    }

    /** Primary, linear and interval suppression of one table (see the class comment). */
    public static Suppression control(LinearTable table, int k, ProtectionRule rule, List<Integer> headline) {
        return control(table, k, rule, headline, LinkedTables.NONE);
    }

    /**
     * As {@link #control(LinearTable, int, ProtectionRule, List)}, for a table whose period the partner already holds
     * tables of ({@link LinkedTables}): a cell suppressed before with the same count stays suppressed, and is
     * protected like a primary cell in the linear step (never a combination of published cells) and never released
     * by the repair; a cell published before with the same count is published first and suppressed last, since
     * hiding it again hides nothing.
     */
    public static Suppression control(LinearTable table, int k, ProtectionRule rule, List<Integer> headline,
            LinkedTables linked) {
        return control(table, k, rule, headline, linked, true);
    }

    /**
     * As {@link #control(LinearTable, int, ProtectionRule, List, LinkedTables)}; without {@code release}, the method
     * as it was before the {@link ReleasePass} (kept for before-and-after measurements on the same tables).
     */
    static Suppression control(LinearTable table, int k, ProtectionRule rule, List<Integer> headline,
            LinkedTables linked, boolean release) {
        Set<Integer> primary = new TreeSet<>();
        for (int cell = 0; cell < table.size(); cell++) {
            if (table.count(cell) < k) {
                primary.add(cell);
            }
        }
        Comparator<Integer> suppressFirst = Comparator.<Integer, Boolean>comparing(linked.known()::contains)
                .thenComparing(suppressFirst(table, headline));
        Set<Integer> kept = new TreeSet<>(primary);
        kept.addAll(linked.stillSuppressed());
        Set<Integer> linear = GaussianSuppression.suppress(table, kept, suppressFirst.reversed(), rule);
        ProtectionRepair.Outcome outcome = ProtectionRepair.repair(table, linear, primary, rule, suppressFirst, headline,
                linked.stillSuppressed());
        Set<Integer> suppressed = outcome.suppressed();
        if (release && outcome.unprotected().isEmpty()) {
            suppressed = ReleasePass.release(table, suppressed, primary, rule, suppressFirst, linked.stillSuppressed())
                    .suppressed();
        }
        return new Suppression(table, Set.copyOf(primary), suppressed, outcome.unprotected(),
                SuppressionReport.of(table, suppressed, headline, k));
    }

    /**
     * The cost order of suppressing a cell, cheapest first: inner cells, then margins, then the grand total, then
     * headline one-way margins; within each, margins over more totalled dimensions first (the detailed margins are
     * the ones worth keeping once the inner cells are small), then smaller counts; ties by coordinate. (Measured on
     * the generated region of SuppressionFiguresTest: this order loses fewer cells than the reverse one.)
     */
    public static Comparator<Integer> suppressFirst(LinearTable table, List<Integer> headline) {
        return Comparator.<Integer>comparingInt(cell -> tier(table, headline, cell))
                .thenComparingInt(cell -> -table.totalCount(cell))
                .thenComparingLong(table::count)
                .thenComparing(table::coordinate, DatasetTable.COORDINATE_ORDER);
    }

    /** 0 inner, 1 margin, 2 grand total, 3 headline one-way margin. */
    static int tier(LinearTable table, List<Integer> headline, int cell) {
        int totals = table.totalCount(cell);
        if (totals == 0) {
            return 0;
        }
        if (totals == table.totalled().size()) {
            return 2;
        }
        if (totals == table.totalled().size() - 1) {
            for (int h : headline) {
                if (!LinearTable.TOTAL.equals(table.coordinate(cell).get(h))) {
                    return 3;
                }
            }
        }
        return 1;
    }
}
