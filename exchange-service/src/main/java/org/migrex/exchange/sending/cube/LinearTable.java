package org.migrex.exchange.sending.cube;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The linear system a delivered table publishes, as an attacker who holds the table sees it.
 *
 * <p><b>Variables:</b> the present cells (count &gt; 0), inner cells and margins alike, indexed {@code 0..size()-1}
 * in {@link DatasetTable#COORDINATE_ORDER}. <b>Equations:</b> one per {@link Line}: the cells that differ only in one
 * totalled dimension {@code d} (the other coordinates fixed at any code, {@code _T} included) sum to the cell with
 * {@code _T} at {@code d}. These are all the additive relations of the table: every margin is the sum of the inner
 * cells below it, and that follows from the lines by induction on its number of {@code _T}s.
 *
 * <p><b>What the attacker knows besides:</b> an absent cell is 0 (so it is no variable at all); a suppressed cell is
 * present, so at least 1; a published cell is exact; every count is a non-negative whole number.
 *
 * <p>An {@code _T} code of a dimension that is not totalled (FLOW, TIME_PERIOD) is not a margin: such dimensions cut
 * the table into {@linkplain #block blocks} that share no equation.
 */
public final class LinearTable {
    /** SDMX's code of a total (the brief fixes it; kept here so that the arithmetic does not depend on a dataflow). */
    public static final String TOTAL = "_T";

    /** One equation: {@code sum(members) = total}. */
    public record Line(int dimension, int total, int[] members) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Line l && l.dimension == dimension && l.total == total && Arrays.equals(l.members, members);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * dimension + total) + Arrays.hashCode(members);
        }

        @Override
        public String toString() {
            return "Line[dimension=" + dimension + ", total=" + total + ", members=" + Arrays.toString(members) + "]";
        }
    }

    private final List<List<String>> coordinates;
    private final long[] counts;
    private final List<Integer> totalled;
    private final Map<List<String>, Integer> index;
    private final List<Line> lines;
    private final List<List<Line>> linesOf;
    private int[] innerCounts;
    private int[][] composition;

    private LinearTable(List<List<String>> coordinates, long[] counts, List<Integer> totalled) {
        this.coordinates = coordinates;
        this.counts = counts;
        this.totalled = List.copyOf(totalled);
        this.index = new HashMap<>();
        for (int i = 0; i < coordinates.size(); i++) {
            index.put(coordinates.get(i), i);
        }
        this.lines = new ArrayList<>();
        this.linesOf = new ArrayList<>();
        for (int i = 0; i < coordinates.size(); i++) {
            linesOf.add(new ArrayList<>());
        }
        for (int dimension : totalled) {
            Map<List<String>, List<Integer>> byTotal = new LinkedHashMap<>();
            for (int i = 0; i < coordinates.size(); i++) {
                List<String> coordinate = coordinates.get(i);
                if (!TOTAL.equals(coordinate.get(dimension))) {
                    List<String> total = new ArrayList<>(coordinate);
                    total.set(dimension, TOTAL);
                    byTotal.computeIfAbsent(total, t -> new ArrayList<>()).add(i);
                }
            }
            byTotal.forEach((totalCoordinate, members) -> {
                Integer total = index.get(totalCoordinate);
                long sum = members.stream().mapToLong(m -> counts[m]).sum();
                if (total == null || counts[total] != sum) {
                    throw new IllegalArgumentException("not a table with margins: the cells of " + totalCoordinate
                            + " along dimension " + dimension + " sum to " + sum + ", its total is "
                            + (total == null ? "absent" : counts[total]));
                }
                Line line = new Line(dimension, total, members.stream().mapToInt(Integer::intValue).toArray());
                lines.add(line);
                linesOf.get(total).add(line);
                members.forEach(m -> linesOf.get(m).add(line));
            });
        }
    }

    /**
     * The system of a table with margins.
     *
     * @param table coordinate to count; counts of 0 or null are absent cells
     * @param totalled indices of the dimensions that carry {@code _T} totals
     * @throws IllegalArgumentException when a line's cells do not sum to its total
     */
    public static LinearTable of(Map<List<String>, Long> table, List<Integer> totalled) {
        List<List<String>> present = new ArrayList<>();
        table.forEach((coordinate, count) -> {
            if (count != null && count > 0) {
                present.add(List.copyOf(coordinate));
            }
        });
        present.sort(DatasetTable.COORDINATE_ORDER);
        long[] counts = new long[present.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = table.get(present.get(i));
        }
        return new LinearTable(List.copyOf(present), counts, totalled);
    }

    /** Number of variables (present cells). */
    public int size() {
        return counts.length;
    }

    public List<String> coordinate(int cell) {
        return coordinates.get(cell);
    }

    public long count(int cell) {
        return counts[cell];
    }

    /** The index of a present coordinate, or -1 when it is absent (known to be 0). */
    public int indexOf(List<String> coordinate) {
        Integer i = index.get(coordinate);
        return i == null ? -1 : i;
    }

    public List<Integer> totalled() {
        return totalled;
    }

    /** Every equation of the table. */
    public List<Line> lines() {
        return lines;
    }

    /** The equations the cell takes part in, as a member or as the total. */
    public List<Line> linesOf(int cell) {
        return linesOf.get(cell);
    }

    /** Whether the cell reads {@code _T} in some totalled dimension. */
    public boolean isMargin(int cell) {
        return totalCount(cell) > 0;
    }

    /** How many totalled dimensions read {@code _T} in the cell (0: an inner cell). */
    public int totalCount(int cell) {
        List<String> coordinate = coordinates.get(cell);
        int n = 0;
        for (int d : totalled) {
            if (TOTAL.equals(coordinate.get(d))) {
                n++;
            }
        }
        return n;
    }

    /** The codes of the dimensions that are not totalled: cells of different blocks share no equation. */
    public List<String> block(int cell) {
        List<String> coordinate = coordinates.get(cell);
        List<String> block = new ArrayList<>();
        for (int d = 0; d < coordinate.size(); d++) {
            if (!totalled.contains(d)) {
                block.add(coordinate.get(d));
            }
        }
        return block;
    }

    /** How many present inner cells the cell sums (1 for an inner cell). */
    public int innerCount(int cell) {
        if (innerCounts == null) {
            int[][] composition = innerComposition();
            int[] n = new int[size()];
            for (int i = 0; i < n.length; i++) {
                n[i] = composition[i].length;
            }
            innerCounts = n;
        }
        return innerCounts[cell];
    }

    /**
     * For every cell, the inner cells it is the sum of (an inner cell: itself), ascending: the model matrix in which
     * published cells are linear combinations of the inner cells.
     */
    public int[][] innerComposition() {
        if (composition == null) {
            composition = composition();
        }
        return composition;
    }

    private int[][] composition() {
        List<List<Integer>> parts = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < size(); i++) {
            if (isMargin(i)) {
                continue;
            }
            List<String> coordinate = coordinates.get(i);
            for (int mask = 0; mask < 1 << totalled.size(); mask++) {
                List<String> target = new ArrayList<>(coordinate);
                for (int bit = 0; bit < totalled.size(); bit++) {
                    if ((mask & 1 << bit) != 0) {
                        target.set(totalled.get(bit), TOTAL);
                    }
                }
                int t = indexOf(target);
                if (t < 0) {
                    throw new IllegalArgumentException("not a table with margins: " + target + " is absent");
                }
                parts.get(t).add(i);
            }
        }
        int[][] composition = new int[size()][];
        for (int i = 0; i < size(); i++) {
            composition[i] = parts.get(i).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return composition;
    }
}
