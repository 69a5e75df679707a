package org.migrex.exchange.sending.cube;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The attacker: for each suppressed cell of a published table, the least and the greatest value it can have given
 * everything the table tells (an LP over {@link LinearTable}, solved with ojAlgo).
 *
 * <p>Variables: the suppressed cells, each {@code >= 1} (present). Constraints: every line that has a suppressed
 * cell, {@code sum(suppressed members) - [total suppressed] x_total = [total published] total - sum(published
 * members)}. Published cells are constants; absent cells are 0 and appear nowhere. Suppressed cells that share no
 * line chain are independent problems ({@link #components}), solved apart. The LP relaxes "whole numbers";
 * {@link ProtectionRule} rounds the bounds inward, which is what a whole-number attacker gets from them at least.
 *
 * <p>{@link #violations} needs only a verdict, so it first tries the feasible points it already has (the true table,
 * and every LP solution found so far: each is a value every other cell can take) and solves an LP only for a bound
 * those points do not already show to be wide enough. {@link #intervals} solves both bounds of every cell.
 */
public final class IntervalAttack {
    /**
     * The attacker's LP bounds for one suppressed cell.
     *
     * @param max {@link Double#POSITIVE_INFINITY} when nothing bounds it from above
     */
    public record Interval(List<String> coordinate, long value, boolean primary, double min, double max) {
        /** The whole-number range {@code [ceil(min), floor(max)]} the attacker holds. */
        public double lower() {
            return ProtectionRule.wholeLower(min);
        }

        public double upper() {
            return ProtectionRule.wholeUpper(max);
        }

        /** Whether the attacker knows the value exactly. */
        public boolean exact() {
            return !(lower() < upper());
        }
    }

    private IntervalAttack() {
    }

    /** Both LP bounds of every suppressed cell, in cell order. */
    public static List<Interval> intervals(LinearTable table, Set<Integer> suppressed, Set<Integer> primary) {
        List<Interval> intervals = new ArrayList<>();
        for (List<Integer> component : components(table, suppressed)) {
            Problem problem = new Problem(table, suppressed, component);
            for (int v = 0; v < component.size(); v++) {
                int cell = component.get(v);
                double min = problem.solve(v, false, null);
                double max = problem.solve(v, true, null);
                intervals.add(new Interval(table.coordinate(cell), table.count(cell), primary.contains(cell), min, max));
            }
        }
        intervals.sort((a, b) -> DatasetTable.COORDINATE_ORDER.compare(a.coordinate(), b.coordinate()));
        return intervals;
    }

    /**
     * The least and greatest value each cell has taken in feasible points found so far, starting from the truth.
     * A feasible point stays feasible when more cells are suppressed (the new variable takes its true value) and when
     * an exactly determined cell is published (every point has its true value), so {@link ProtectionRepair} keeps one
     * witness over all its rounds.
     */
    public static final class Witness {
        final double[] min;
        final double[] max;
        /** Every LP solution found through this witness, when asked for ({@link #keepingPoints}); else null. */
        private final List<Point> points;
        /** LPs solved through this witness. */
        private int solves;

        public Witness(LinearTable table) {
            this(table, false);
        }

        private Witness(LinearTable table, boolean keepPoints) {
            min = new double[table.size()];
            max = new double[table.size()];
            for (int cell = 0; cell < table.size(); cell++) {
                min[cell] = max[cell] = table.count(cell);
            }
            points = keepPoints ? new ArrayList<>() : null;
        }

        private Witness(double[] min, double[] max) {
            this.min = min;
            this.max = max;
            this.points = null;
        }

        /**
         * A witness that also keeps every LP solution it finds ({@link #points}), for a caller that publishes cells
         * afterwards and must know which points are still feasible (those with the published cell at its true value).
         */
        static Witness keepingPoints(LinearTable table) {
            return new Witness(table, true);
        }

        /** An independent copy (a repair widens its witness in place); it keeps no points. */
        Witness copy() {
            return new Witness(min.clone(), max.clone());
        }

        /**
         * Widens the bounds seen of each cell of a feasible point; with {@link #keepingPoints} and {@code keep}, keeps
         * the point too.
         */
        void widen(Point point, boolean keep) {
            for (int v = 0; v < point.cells().length; v++) {
                int cell = point.cells()[v];
                min[cell] = Math.min(min[cell], point.values()[v]);
                max[cell] = Math.max(max[cell], point.values()[v]);
            }
            if (keep && points != null) {
                points.add(point);
            }
        }

        /** The LP solutions found so far (with {@link #keepingPoints}; else empty), oldest first. */
        List<Point> points() {
            return points == null ? List.of() : points;
        }

        /** How many LPs were solved through this witness. */
        int solves() {
            return solves;
        }
    }

    /**
     * A feasible point of the attacker's LP: the values of one group's suppressed cells (ascending cell indices); every
     * other cell at its true value.
     */
    record Point(int[] cells, double[] values) {
        /** The point's value of a cell (its true count when the point does not set it). */
        double valueOf(LinearTable table, int cell) {
            int v = Arrays.binarySearch(cells, cell);
            return v < 0 ? table.count(cell) : values[v];
        }
    }

    /** The suppressed cells the rule is broken for (an attacker narrows them too far), ascending. */
    public static List<Integer> violations(LinearTable table, Set<Integer> suppressed, Set<Integer> primary,
            ProtectionRule rule) {
        return violations(table, suppressed, primary, rule, new Witness(table));
    }

    /** As {@link #violations(LinearTable, Set, Set, ProtectionRule)}, reusing and widening the witness. */
    public static List<Integer> violations(LinearTable table, Set<Integer> suppressed, Set<Integer> primary,
            ProtectionRule rule, Witness witness) {
        return violations(table, suppressed, primary, rule, witness, false);
    }

    /**
     * As {@link #violations(LinearTable, Set, Set, ProtectionRule, Witness)}; with {@code firstPerGroup}, only the
     * first violation of each group of linked cells (enough for a repair round, and far fewer LPs).
     */
    static List<Integer> violations(LinearTable table, Set<Integer> suppressed, Set<Integer> primary,
            ProtectionRule rule, Witness witness, boolean firstPerGroup) {
        return violations(table, suppressed, primary, rule, witness, firstPerGroup, SPREAD_FROM);
    }

    /** As above, with spread points for components of at least {@code spreadFrom} cells (a test turns them off). */
    static List<Integer> violations(LinearTable table, Set<Integer> suppressed, Set<Integer> primary,
            ProtectionRule rule, Witness witness, boolean firstPerGroup, int spreadFrom) {
        List<Integer> violations = new ArrayList<>();
        for (List<Integer> component : components(table, suppressed)) {
            Problem problem = new Problem(table, suppressed, component);
            int n = component.size();
            int[] cells = component.stream().mapToInt(Integer::intValue).toArray();
            long[] floor = new long[n];
            for (int v = 0; v < n; v++) {
                floor[v] = presenceFloor(table, component.get(v));
            }
            double[] seenMin = new double[n];
            double[] seenMax = new double[n];
            for (int v = 0; v < n; v++) {
                seenMin[v] = witness.min[component.get(v)];
                seenMax[v] = witness.max[component.get(v)];
            }
            if (n >= spreadFrom) {
                spread(problem, table, component, primary, rule, floor, seenMin, seenMax, witness, cells);
            }
            boolean[] minSolved = new boolean[n];
            boolean[] maxSolved = new boolean[n];
            for (int v = 0; v < n; v++) {
                int cell = component.get(v);
                long value = table.count(cell);
                boolean isPrimary = primary.contains(cell);
                if (!rule.violated(value, floor[v], isPrimary, seenMin[v], seenMax[v])) {
                    continue;
                }
                if (!maxSolved[v]) {
                    seenMax[v] = problem.solve(v, true, (point) -> found(witness, cells, point, seenMin, seenMax));
                    witness.solves++;
                    maxSolved[v] = true;
                }
                if (rule.violated(value, floor[v], isPrimary, seenMin[v], seenMax[v]) && !minSolved[v]) {
                    seenMin[v] = problem.solve(v, false, (point) -> found(witness, cells, point, seenMin, seenMax));
                    witness.solves++;
                    minSolved[v] = true;
                }
                if (rule.violated(value, floor[v], isPrimary, seenMin[v], seenMax[v])) {
                    violations.add(cell);
                    if (firstPerGroup) {
                        break;
                    }
                }
            }
            for (int v = 0; v < n; v++) {
                witness.min[component.get(v)] = Math.min(witness.min[component.get(v)], seenMin[v]);
                witness.max[component.get(v)] = Math.max(witness.max[component.get(v)], seenMax[v]);
            }
        }
        violations.sort(Integer::compare);
        return violations;
    }

    /** Components of at least this many suppressed cells get {@link #spread} points before their per-cell LPs. */
    static final int SPREAD_FROM = 24;
    /** At most this many spread LPs per direction and component. */
    static final int SPREAD_ROUNDS = 12;

    /**
     * Feasible points that move many cells at once, so that most cells of a large component need no LP of their own:
     * while some cells still lack a point showing them far enough up (down), one LP maximises (minimises) the
     * weighted sum of those cells, each weighted by 1 / (1 + its value) (so small cells count as much as large ones)
     * times a fixed spread in [0.75, 1.25) per cell and round (so rounds reach different vertices); every solution
     * widens what the cells are known to reach. It stops when a round helps fewer than 1 in 20 of the cells left (or
     * none is left). These are points of the same LP, so they can only show a cell protected that is protected: the
     * verdict of {@link #violations} is the one the per-cell LPs alone give, with far fewer LPs on a large table
     * (the bench's public table of a month: docs/performance.md).
     */
    private static void spread(Problem problem, LinearTable table, List<Integer> component, Set<Integer> primary,
            ProtectionRule rule, long[] floor, double[] seenMin, double[] seenMax, Witness witness, int[] cells) {
        int n = component.size();
        for (boolean maximise : new boolean[] {true, false}) {
            for (int round = 0; round < SPREAD_ROUNDS; round++) {
                double[] weights = new double[n];
                int open = 0;
                for (int v = 0; v < n; v++) {
                    int cell = component.get(v);
                    long value = table.count(cell);
                    if (rule.violatedOnSide(value, floor[v], primary.contains(cell), seenMin[v], seenMax[v],
                            maximise)) {
                        weights[v] = spreadWeight(cell, round, maximise, value);
                        open++;
                    }
                }
                if (open == 0) {
                    break;
                }
                double[] point = problem.solve(weights, maximise);
                witness.solves++;
                if (point == null) {
                    break; // unbounded in that direction: the per-cell LPs say which cells
                }
                found(witness, cells, point, seenMin, seenMax);
                int left = 0;
                for (int v = 0; v < n; v++) {
                    int cell = component.get(v);
                    if (rule.violatedOnSide(table.count(cell), floor[v], primary.contains(cell), seenMin[v],
                            seenMax[v], maximise)) {
                        left++;
                    }
                }
                if ((open - left) * 20 < open) {
                    break;
                }
            }
        }
    }

    /**
     * A spread LP's weight for a cell of {@code value}: 1 / (1 + value), so that small cells count as much as large
     * ones, times a fixed factor in [0.75, 1.25) from the cell's position, the round and the direction, so that
     * rounds reach different vertices and a run is reproducible.
     */
    static double spreadWeight(long position, int round, boolean maximise, long value) {
        long mix = (position * 0x9E3779B97F4A7C15L) ^ (round * 0xC2B2AE3D27D4EB4FL) ^ (maximise ? 1 : 2);
        mix ^= mix >>> 29;
        mix *= 0xBF58476D1CE4E5B9L;
        mix ^= mix >>> 32;
        return (0.75 + 0.5 * ((mix >>> 11) * 0x1.0p-53)) / (1.0 + value);
    }

    /** The number of present inner cells the cell sums: a bound from below that the table's shape tells. */
    static long presenceFloor(LinearTable table, int cell) {
        return table.innerCount(cell);
    }

    private static void found(Witness witness, int[] cells, double[] point, double[] seenMin, double[] seenMax) {
        widen(point, seenMin, seenMax);
        if (witness.points != null) {
            witness.points.add(new Point(cells, point.clone()));
        }
    }

    private static void widen(double[] point, double[] seenMin, double[] seenMax) {
        for (int v = 0; v < point.length; v++) {
            seenMin[v] = Math.min(seenMin[v], point[v]);
            seenMax[v] = Math.max(seenMax[v], point[v]);
        }
    }

    /** Suppressed cells grouped by the lines that link them (two suppressed cells of one line are linked). */
    static List<List<Integer>> components(LinearTable table, Set<Integer> suppressed) {
        Map<Integer, Integer> parent = new HashMap<>();
        for (int cell : suppressed) {
            parent.put(cell, cell);
        }
        for (LinearTable.Line line : table.lines()) {
            int first = -1;
            for (int cell : cellsOf(line)) {
                if (suppressed.contains(cell)) {
                    if (first < 0) {
                        first = cell;
                    } else {
                        parent.put(root(parent, cell), root(parent, first));
                    }
                }
            }
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int cell : new TreeSet<>(suppressed)) {
            groups.computeIfAbsent(root(parent, cell), r -> new ArrayList<>()).add(cell);
        }
        return new ArrayList<>(groups.values());
    }

    private static int root(Map<Integer, Integer> parent, int cell) {
        int r = cell;
        while (parent.get(r) != r) {
            r = parent.get(r);
        }
        parent.put(cell, r);
        return r;
    }

    static int[] cellsOf(LinearTable.Line line) {
        int[] cells = Arrays.copyOf(line.members(), line.members().length + 1);
        cells[cells.length - 1] = line.total();
        return cells;
    }

    /** The LP of one component. */
    private static final class Problem {
        private final List<Integer> variables;
        private final Map<Integer, Integer> position = new HashMap<>();
        private final List<Map<Integer, Integer>> coefficients = new ArrayList<>();
        private final List<Long> levels = new ArrayList<>();

        Problem(LinearTable table, Set<Integer> suppressed, List<Integer> component) {
            this.variables = component;
            for (int v = 0; v < component.size(); v++) {
                position.put(component.get(v), v);
            }
            Set<LinearTable.Line> seen = new java.util.HashSet<>();
            for (int cell : component) {
                for (LinearTable.Line line : table.linesOf(cell)) {
                    if (!seen.add(line)) {
                        continue;
                    }
                    Map<Integer, Integer> row = new HashMap<>();
                    long level = 0;
                    for (int member : line.members()) {
                        if (suppressed.contains(member)) {
                            row.merge(position.get(member), 1, Integer::sum);
                        } else {
                            level -= table.count(member);
                        }
                    }
                    if (suppressed.contains(line.total())) {
                        row.merge(position.get(line.total()), -1, Integer::sum);
                    } else {
                        level += table.count(line.total());
                    }
                    coefficients.add(row);
                    levels.add(level);
                }
            }
        }

        /** The optimum of variable {@code target}; the solution point goes to {@code found} when there is one. */
        double solve(int target, boolean maximise, java.util.function.Consumer<double[]> found) {
            double[] weights = new double[variables.size()];
            weights[target] = 1;
            double[] point = solve(weights, maximise);
            if (point == null) {
                return maximise ? Double.POSITIVE_INFINITY : 1;
            }
            if (found != null) {
                found.accept(point);
            }
            return point[target];
        }

        /** A point optimising the weighted sum of the variables, or null when it is unbounded. */
        double[] solve(double[] weights, boolean maximise) {
            ExpressionsBasedModel model = new ExpressionsBasedModel();
            List<Variable> x = new ArrayList<>(variables.size());
            for (int v = 0; v < variables.size(); v++) {
                x.add(model.addVariable("x" + v).lower(1).weight(weights[v]));
            }
            for (int r = 0; r < coefficients.size(); r++) {
                Expression equation = model.addExpression("line" + r).level(levels.get(r));
                coefficients.get(r).forEach((v, c) -> equation.set(x.get(v), c));
            }
            return optimum(model, maximise, variables.size(), "the table");
        }
    }

    /**
     * The solution point of the model's optimum over its first {@code variables} variables, null when it is unbounded.
     *
     * @throws IllegalStateException when it is infeasible: the true counts satisfy every attacker's LP, so the tables
     *     ({@code what}) are not consistent
     */
    static double[] optimum(ExpressionsBasedModel model, boolean maximise, int variables, String what) {
        Optimisation.Result result = maximise ? model.maximise() : model.minimise();
        if (result.getState() == Optimisation.State.UNBOUNDED) {
            return null;
        }
        if (!result.getState().isFeasible()) {
            throw new IllegalStateException("the attacker's LP is " + result.getState() + ", but the true counts "
                    + "satisfy it: " + what + " is not consistent");
        }
        double[] point = new double[variables];
        for (int v = 0; v < point.length; v++) {
            point[v] = result.doubleValue(v);
        }
        return point;
    }
}
