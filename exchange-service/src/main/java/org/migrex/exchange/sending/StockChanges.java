package org.migrex.exchange.sending;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.migrex.statistics.Stock.StockMember;
import org.migrex.statistics.Stock.StockMove;

/**
 * MIGR_STOCK's moves as month ranges and differences, so that a person who moves in the stock of many months costs two
 * store updates rather than one per month.
 *
 * <p>A person who arrives (or is corrected) a year back is in the same cell in every month since, so
 * {@link org.migrex.statistics.Stock#moves} gives twelve moves that differ only in the month. Here they become one
 * {@link Run} (a member, a first and a last month, {@code +1} or {@code -1}), and a run is written as a difference:
 * {@code +sign} in its first month and {@code -sign} in the month after its last. Summing differences is linear, so
 * the differences of any set of runs, summed per (cell, month) and then added up month by month ({@link #expand}),
 * give exactly the sum of their per-month deltas; the month-by-month sum is only taken when the summed differences
 * are sent on, once per flush and cell rather than once per person and month.
 */
final class StockChanges {

    /** A member's stock changed by {@code sign} in every month from {@code from} to {@code to} (inclusive). */
    record Run(StockMember member, YearMonth from, YearMonth to, long sign) {
    }

    private StockChanges() {
    }

    /**
     * The runs of {@code moves} (in month order, as {@link org.migrex.statistics.Stock#moves} gives them): {@code -1}
     * for each longest stretch of consecutive months with the same old member, {@code +1} likewise for the new one.
     */
    static List<Run> runsOf(List<StockMove> moves) {
        List<Run> runs = new ArrayList<>();
        Run removed = null;
        Run added = null;
        for (StockMove move : moves) {
            removed = extend(runs, removed, move.before().orElse(null), move.month(), -1);
            added = extend(runs, added, move.after().orElse(null), move.month(), 1);
        }
        if (removed != null) {
            runs.add(removed);
        }
        if (added != null) {
            runs.add(added);
        }
        return runs;
    }

    /** {@code open} extended to {@code month} when it is the same member's and ends the month before; else a new one. */
    private static Run extend(List<Run> done, Run open, StockMember member, YearMonth month, long sign) {
        if (open != null && open.member().equals(member) && open.to().plusMonths(1).equals(month)) {
            return new Run(member, open.from(), month, sign);
        }
        if (open != null) {
            done.add(open);
        }
        return member == null ? null : new Run(member, month, month, sign);
    }

    /**
     * The per-month deltas of one cell whose summed differences (month to difference) are {@code differences}: the
     * running sum of the differences in every month from the first to the one before the last, where it is not zero.
     * From the last difference on the sum is zero again whenever the differences came from whole runs.
     */
    static List<Map.Entry<YearMonth, Long>> expand(NavigableMap<YearMonth, Long> differences) {
        List<Map.Entry<YearMonth, Long>> deltas = new ArrayList<>();
        if (differences.isEmpty()) {
            return deltas;
        }
        YearMonth last = differences.lastKey();
        long running = 0;
        for (YearMonth month = differences.firstKey(); month.isBefore(last); month = month.plusMonths(1)) {
            running += differences.getOrDefault(month, 0L);
            if (running != 0) {
                deltas.add(Map.entry(month, running));
            }
        }
        if (running + differences.get(last) != 0) {
            throw new IllegalStateException("stock differences do not add up to zero: " + differences);
        }
        return deltas;
    }
}
