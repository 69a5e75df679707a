package org.migrex.exchange.sending.cube;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Secondary suppression by Gaussian elimination, after Statistics Norway's GaussSuppression (R package SSBtools).
 *
 * <p>Every cell of the table is a linear combination of the inner cells ({@link LinearTable#innerComposition()}).
 * A primary cell is revealed exactly when its vector lies in the span of the published cells' vectors (equivalently:
 * its unit vector lies in the span of the table's equations and the published cells' unit vectors). The candidates,
 * every present cell that is not primary, are taken one by one in the order "most wanted published first": a
 * candidate is published unless adding its vector to the published span would put some protected vector into it, in
 * which case it is suppressed. The span is kept in reduced row echelon form, so each step costs one reduction.
 *
 * <p><b>Protected vectors:</b> every primary cell, and, for singletons, the sum of the primary members of a line
 * whenever that sum alone would pin a member down: with the sum {@code S} of {@code n} suppressed members known and
 * each at least 1, a member lies in {@code [1, S - (n - 1)]}; when that range breaks the {@link ProtectionRule} (two
 * ones: {@code S = 2}, both are 1), the sum itself must not be derivable, so another cell of the line goes too.
 *
 * <p>Arithmetic is exact modulo the prime {@code 2^61 - 1}. A dependence over the rationals is a dependence modulo the
 * prime whenever the prime divides no pivot that elimination over the rationals would meet; for 0/1 matrices of
 * these sizes that is a vanishing chance, and {@link IntervalAttack} re-checks the result with an LP in any case.
 * Bounds that come from non-negativity beyond single lines (a sum known together with a small total) are not linear
 * dependences at all: the LP check and {@link ProtectionRepair} handle those.
 */
public final class GaussianSuppression {
    static final long P = (1L << 61) - 1;

    private GaussianSuppression() {
    }

    /**
     * The primary cells and the secondary suppressions that keep them out of the published span.
     *
     * @param publishFirst order of the candidates: the first are the cells most wanted published
     */
    public static Set<Integer> suppress(LinearTable table, Set<Integer> primary, Comparator<Integer> publishFirst,
            ProtectionRule rule) {
        Set<Integer> suppressed = new TreeSet<>(primary);
        if (primary.isEmpty()) {
            return suppressed;
        }
        int[][] composition = table.innerComposition();
        Map<List<String>, List<Integer>> blocks = new LinkedHashMap<>();
        for (int i = 0; i < table.size(); i++) {
            blocks.computeIfAbsent(table.block(i), b -> new ArrayList<>()).add(i);
        }
        for (List<Integer> cells : blocks.values()) {
            if (cells.stream().noneMatch(primary::contains)) {
                continue; // nothing to protect: every cell of the block is published
            }
            new Block(table, cells, composition, primary, rule).run(publishFirst, suppressed);
        }
        return suppressed;
    }

    /** One block of cells that share equations, with its own coordinates of inner cells. */
    private static final class Block {
        private final List<Integer> cells;
        private final int[][] composition;
        private final Map<Integer, Integer> local = new HashMap<>();
        private final long[][] pivotRow;
        private final List<long[]> protectedResiduals = new ArrayList<>();

        Block(LinearTable table, List<Integer> cells, int[][] composition, Set<Integer> primary, ProtectionRule rule) {
            this.cells = cells;
            this.composition = composition;
            for (int cell : cells) {
                if (!table.isMargin(cell)) {
                    local.put(cell, local.size());
                }
            }
            this.pivotRow = new long[local.size()][];
            for (int cell : cells) {
                if (primary.contains(cell)) {
                    protectedResiduals.add(vector(cell));
                }
            }
            Set<Integer> inBlock = new java.util.HashSet<>(cells);
            for (LinearTable.Line line : table.lines()) {
                if (!inBlock.contains(line.total()) || primary.contains(line.total())) {
                    continue;
                }
                List<Integer> small = new ArrayList<>();
                long sum = 0;
                long floors = 0;
                for (int member : line.members()) {
                    if (primary.contains(member)) {
                        small.add(member);
                        sum += table.count(member);
                        floors += table.innerCount(member);
                    }
                }
                if (small.size() < 2) {
                    continue;
                }
                long totalFloor = floors;
                long known = sum;
                // with the sum known, a member lies in [its floor, sum - the others' floors]
                boolean pinned = small.stream().anyMatch(m -> rule.violated(table.count(m), table.innerCount(m), true,
                        table.innerCount(m), known - (totalFloor - table.innerCount(m))));
                if (pinned) {
                    long[] together = new long[local.size()];
                    for (int member : small) {
                        long[] v = vector(member);
                        for (int j = 0; j < together.length; j++) {
                            together[j] = add(together[j], v[j]);
                        }
                    }
                    protectedResiduals.add(together);
                }
            }
        }

        void run(Comparator<Integer> publishFirst, Set<Integer> suppressed) {
            List<Integer> candidates = cells.stream().filter(c -> !suppressed.contains(c)).sorted(publishFirst).toList();
            for (int candidate : candidates) {
                long[] r = reduce(vector(candidate));
                int pivot = firstNonZero(r);
                if (pivot < 0) {
                    continue; // already derivable from what is published: publishing it tells nothing new
                }
                scale(r, inverse(r[pivot]));
                if (wouldReveal(r, pivot)) {
                    suppressed.add(candidate);
                } else {
                    publish(r, pivot);
                }
            }
        }

        private long[] vector(int cell) {
            long[] v = new long[local.size()];
            for (int inner : composition[cell]) {
                v[local.get(inner)] = 1;
            }
            return v;
        }

        /** The vector less its part in the published span (zero at every pivot). */
        private long[] reduce(long[] v) {
            for (int j = 0; j < v.length; j++) {
                if (v[j] != 0 && pivotRow[j] != null) {
                    subtractMultiple(v, v[j], pivotRow[j]);
                }
            }
            return v;
        }

        /** Whether some protected residual is a multiple of {@code r}, i.e. falls into the span once r joins it. */
        private boolean wouldReveal(long[] r, int pivot) {
            for (long[] residual : protectedResiduals) {
                long factor = residual[pivot];
                if (factor == 0) {
                    continue;
                }
                boolean multiple = true;
                for (int j = 0; j < r.length && multiple; j++) {
                    multiple = residual[j] == mul(factor, r[j]);
                }
                if (multiple) {
                    return true;
                }
            }
            return false;
        }

        private void publish(long[] r, int pivot) {
            for (long[] row : pivotRow) {
                if (row != null && row[pivot] != 0) {
                    subtractMultiple(row, row[pivot], r);
                }
            }
            for (long[] residual : protectedResiduals) {
                if (residual[pivot] != 0) {
                    subtractMultiple(residual, residual[pivot], r);
                }
            }
            pivotRow[pivot] = r;
        }
    }

    private static int firstNonZero(long[] v) {
        for (int j = 0; j < v.length; j++) {
            if (v[j] != 0) {
                return j;
            }
        }
        return -1;
    }

    /** {@code v -= factor * row}, modulo P. */
    private static void subtractMultiple(long[] v, long factor, long[] row) {
        for (int j = 0; j < v.length; j++) {
            if (row[j] != 0) {
                v[j] = sub(v[j], mul(factor, row[j]));
            }
        }
    }

    private static void scale(long[] v, long factor) {
        for (int j = 0; j < v.length; j++) {
            if (v[j] != 0) {
                v[j] = mul(v[j], factor);
            }
        }
    }

    static long add(long a, long b) {
        long s = a + b;
        return s >= P ? s - P : s;
    }

    static long sub(long a, long b) {
        long d = a - b;
        return d < 0 ? d + P : d;
    }

    static long mul(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        long folded = (low & P) + ((low >>> 61) | (high << 3));
        folded = (folded & P) + (folded >>> 61);
        return folded >= P ? folded - P : folded;
    }

    static long inverse(long a) {
        long result = 1;
        long base = a;
        for (long e = P - 2; e > 0; e >>= 1) {
            if ((e & 1) != 0) {
                result = mul(result, base);
            }
            base = mul(base, base);
        }
        return result;
    }
}
