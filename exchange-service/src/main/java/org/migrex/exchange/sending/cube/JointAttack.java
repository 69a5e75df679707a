package org.migrex.exchange.sending.cube;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.migrex.exchange.dataflow.Cell;
import org.migrex.exchange.dataflow.Dataflow;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Variable;

/**
 * The attacker who holds several tables of one dataflow and period (every agreement's, every revision, with
 * different dimensions and filters) and solves them as one system: the tables count the same persons, so a coarse
 * table's cell is a sum of a finer table's cells, and together they can pin down a cell that each table alone hides.
 *
 * <p><b>Unknowns</b> are the <i>atoms</i>: the cells of the cross-classification over every dimension that some
 * table keeps or filters on, each a whole number {@code >= 0}. A dimension's codes are those the tables show or
 * filter on, and one residual code {@value #OTHER} for every other code (atoms differing only in codes no table
 * tells apart are one unknown to the attacker). <b>A table's cell</b> is the sum of the atoms its filter lets through
 * whose codes equal the cell's in every kept dimension ({@code _T}: any code), the rule of {@link DatasetTable}.
 * What the attacker knows of a cell, as {@link LinearTable} and {@link IntervalAttack} model a single table: an
 * absent cell is 0 (so every atom under it is 0 and is no unknown at all), a published cell is exact, a suppressed
 * cell is at least 1.
 *
 * <p><b>Tables of older data</b> (an earlier revision, another agreement delivered before new records came in) are
 * read with the differencing attacker's assumption of {@link LinkedTables}: a cell of an earlier table tells the
 * attacker its value now exactly when its count then is its count now (absent then and now included; the counts now
 * are computed from the period's cells); a cell whose count changed tells nothing. So the true cells are always a
 * solution, and the attacker is, if anything, credited with more than it knows.
 *
 * <p><b>Bound.</b> The atoms that no absent cell rules out are enumerated dimension by dimension; above
 * {@value #MAX_ATOMS} atoms, or {@value #MAX_SEARCH} steps of that enumeration, the system is not built and
 * {@link TooLarge} is thrown: the caller fails closed (the check refuses the table, the audit says the joint system
 * was not evaluated). Realistic tables stay far below it: the atoms are at most the present cells of the finest
 * table times the codes of the dimensions only coarser tables split by. The LP is solved per group of atoms that
 * share a cell ({@link #intervals}, {@link #violations}); it relaxes "whole numbers", and {@link ProtectionRule}
 * rounds its bounds inward, as for one table.
 */
public final class JointAttack {
    /** The residual code of a dimension: every code that no table shows or filters on. */
    static final String OTHER = "*";
    /** The largest number of atoms (LP variables) the joint system is built with. */
    public static final int MAX_ATOMS = 5_000;
    /** The largest number of partial atoms the enumeration visits. */
    public static final long MAX_SEARCH = 2_000_000;

    /**
     * A table the attacker holds.
     *
     * @param label names the table in reports (agreement and revision)
     * @param keep its dimensions, in dataflow order
     * @param totalled the kept dimensions with {@code _T} totals
     * @param filter dimension to allowed codes
     * @param counts its true counts when it was made, coordinate (in keep order) to count; absent cells are 0
     * @param suppressed the coordinates it published without a value
     */
    public record View(String label, List<String> keep, List<String> totalled, Map<String, Set<String>> filter,
            Map<List<String>, Long> counts, Set<List<String>> suppressed, int k, int protectionPercent) {
        public View {
            keep = List.copyOf(keep);
            totalled = List.copyOf(totalled);
            filter = Map.copyOf(filter);
        }

        public static View of(PublishedTable table) {
            return new View(label(table), table.dimensions(),
                    table.totalled().stream().map(table.dimensions()::get).toList(), table.filter(), table.counts(),
                    table.suppressed(), table.k(), table.protectionPercent());
        }

        /** How a published table is named in reports: {@code agreement rREVISION}. */
        public static String label(PublishedTable table) {
            return table.agreementId() + " r" + table.revision();
        }

        /** Same cells: same dimensions and filter (then a coordinate names the same persons in both). */
        boolean sameCellsAs(View other) {
            return keep.equals(other.keep) && filter.equals(other.filter);
        }
    }

    /**
     * The attacker's bounds for one suppressed cell (held suppressed, with its count now, by one or more tables).
     *
     * @param tables the labels of the tables that hold it suppressed
     * @param dimensions its codes by dimension
     * @param filter the filter of those tables
     * @param max {@link Double#POSITIVE_INFINITY} when nothing bounds it from above
     * @param atoms the atoms it sums (indices into the system), for {@link #overlapping}
     */
    public record Interval(List<String> tables, Map<String, String> dimensions, Map<String, Set<String>> filter,
            long value, boolean primary, double min, double max, boolean protectedEnough, Set<Integer> atoms) {
        public double lower() {
            return ProtectionRule.wholeLower(min);
        }

        public double upper() {
            return ProtectionRule.wholeUpper(max);
        }
    }

    /** The joint system would exceed {@link #MAX_ATOMS} or {@link #MAX_SEARCH}: it is not evaluated. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** A cell of some view the attacker has an equation or a bound for. */
    private static final class Known {
        final View view;
        final List<String> coordinate;
        final long count;
        boolean published;
        final List<String> heldSuppressedBy = new ArrayList<>();
        int k;
        int percent;
        final List<Integer> atoms = new ArrayList<>();

        Known(View view, List<String> coordinate, long count) {
            this.view = view;
            this.coordinate = coordinate;
            this.count = count;
        }
    }

    private final List<String> dimensions;
    private final List<View> views;
    private final List<List<String>> atoms;
    private final List<Known> known;

    private JointAttack(List<String> dimensions, List<View> views, List<List<String>> atoms, List<Known> known) {
        this.dimensions = dimensions;
        this.views = views;
        this.atoms = atoms;
        this.known = known;
    }

    /**
     * The joint system of the views, read against the period's cells of the dataflow.
     *
     * @throws TooLarge above the bound
     * @throws IllegalArgumentException when a view names a dimension the dataflow lacks
     */
    public static JointAttack of(Dataflow<?> dataflow, Map<Cell, Long> cells, List<View> views) {
        if (views.stream().allMatch(v -> v.suppressed().isEmpty())) {
            return new JointAttack(List.of(), List.copyOf(views), List.of(), List.of()); // nothing hidden
        }
        List<String> dimensions = new ArrayList<>();
        for (String d : dataflow.dimensionIds()) {
            if (views.stream().anyMatch(v -> v.keep().contains(d) || v.filter().containsKey(d))) {
                dimensions.add(d);
            }
        }
        for (View view : views) {
            for (String d : view.keep()) {
                if (!dataflow.hasDimension(d)) {
                    throw new IllegalArgumentException("table " + view.label() + " keeps " + d + ", which "
                            + dataflow.id() + " lacks; it has " + dataflow.dimensionIds());
                }
            }
            for (String d : view.filter().keySet()) {
                if (!dataflow.hasDimension(d)) {
                    throw new IllegalArgumentException("table " + view.label() + " filters on " + d + ", which "
                            + dataflow.id() + " lacks; it has " + dataflow.dimensionIds());
                }
            }
        }
        // what each view's cells count now
        List<Map<List<String>, Long>> now = new ArrayList<>();
        for (View view : views) {
            List<Integer> totalled = view.totalled().stream().map(view.keep()::indexOf).toList();
            now.add(DatasetTable.project(dataflow, view.filter(), view.keep(), totalled, cells));
        }
        // the codes of each dimension the attacker tells apart
        List<List<String>> codes = new ArrayList<>();
        for (String d : dimensions) {
            Set<String> seen = new TreeSet<>();
            for (int v = 0; v < views.size(); v++) {
                View view = views.get(v);
                int i = view.keep().indexOf(d);
                if (i >= 0) {
                    for (List<String> c : view.counts().keySet()) {
                        seen.add(c.get(i));
                    }
                    for (List<String> c : now.get(v).keySet()) {
                        seen.add(c.get(i));
                    }
                }
                seen.addAll(view.filter().getOrDefault(d, Set.of()));
            }
            seen.remove(LinearTable.TOTAL);
            seen.add(OTHER);
            codes.add(List.copyOf(seen));
        }
        // the cells the attacker knows something of (absent ones rule atoms out while they are enumerated)
        Map<String, Known> byKey = new LinkedHashMap<>();
        for (int v = 0; v < views.size(); v++) {
            View view = views.get(v);
            Set<List<String>> coordinates = new LinkedHashSet<>(view.counts().keySet());
            coordinates.addAll(now.get(v).keySet());
            for (List<String> c : coordinates) {
                long then = view.counts().getOrDefault(c, 0L);
                long current = now.get(v).getOrDefault(c, 0L);
                if (then != current) {
                    continue; // changed since: tells nothing of now
                }
                Known cell = byKey.computeIfAbsent(key(view, c), x -> new Known(view, c, current));
                if (view.suppressed().contains(c)) {
                    cell.heldSuppressedBy.add(view.label());
                    cell.k = Math.max(cell.k, view.k());
                    cell.percent = Math.max(cell.percent, view.protectionPercent());
                } else {
                    cell.published = true;
                }
            }
        }
        List<List<String>> atoms = enumerate(dimensions, codes, views, now);
        Map<List<String>, Integer> atomIndex = new HashMap<>();
        for (int a = 0; a < atoms.size(); a++) {
            atomIndex.put(atoms.get(a), a);
        }
        // the true cells must be a solution: each falls on an atom that was not ruled out
        cells.forEach((cell, count) -> {
            if (count == null || count <= 0 || cell.dataflow() != dataflow) {
                return;
            }
            List<String> atom = new ArrayList<>(dimensions.size());
            for (int i = 0; i < dimensions.size(); i++) {
                String code = cell.code(dimensions.get(i));
                atom.add(codes.get(i).contains(code) ? code : OTHER);
            }
            if (!atomIndex.containsKey(atom) && views.stream().anyMatch(v -> covers(dimensions, v, atom))) {
                throw new IllegalStateException("the true cells are not a solution of the joint system: " + atom
                        + " is ruled out");
            }
        });
        // each known cell's atoms
        for (int a = 0; a < atoms.size(); a++) {
            List<String> atom = atoms.get(a);
            for (View view : views) {
                if (!covers(dimensions, view, atom)) {
                    continue;
                }
                List<String> inner = project(dimensions, view, atom);
                List<Integer> totalled = view.totalled().stream().map(view.keep()::indexOf).toList();
                for (int mask = 0; mask < 1 << totalled.size(); mask++) {
                    List<String> c = new ArrayList<>(inner);
                    for (int bit = 0; bit < totalled.size(); bit++) {
                        if ((mask & 1 << bit) != 0) {
                            c.set(totalled.get(bit), LinearTable.TOTAL);
                        }
                    }
                    Known cell = byKey.get(key(view, c));
                    if (cell != null && cell.view == view) {
                        cell.atoms.add(a);
                    }
                }
            }
        }
        return new JointAttack(List.copyOf(dimensions), List.copyOf(views), atoms, List.copyOf(byKey.values()));
    }

    private static String key(View view, List<String> coordinate) {
        return view.keep() + "|" + new java.util.TreeMap<>(view.filter()) + "|" + coordinate;
    }

    private static boolean covers(List<String> dimensions, View view, List<String> atom) {
        for (Map.Entry<String, Set<String>> f : view.filter().entrySet()) {
            if (!f.getValue().contains(atom.get(dimensions.indexOf(f.getKey())))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> project(List<String> dimensions, View view, List<String> atom) {
        List<String> c = new ArrayList<>(view.keep().size());
        for (String d : view.keep()) {
            c.add(atom.get(dimensions.indexOf(d)));
        }
        return c;
    }

    /**
     * The atoms no absent cell rules out, depth first over the dimensions: a view is looked at as soon as every
     * dimension it keeps or filters on has a code.
     */
    private static List<List<String>> enumerate(List<String> dimensions, List<List<String>> codes, List<View> views,
            List<Map<List<String>, Long>> now) {
        List<List<Integer>> viewsAt = new ArrayList<>();
        for (int i = 0; i < dimensions.size(); i++) {
            viewsAt.add(new ArrayList<>());
        }
        for (int v = 0; v < views.size(); v++) {
            View view = views.get(v);
            int last = -1;
            for (int i = 0; i < dimensions.size(); i++) {
                if (view.keep().contains(dimensions.get(i)) || view.filter().containsKey(dimensions.get(i))) {
                    last = i;
                }
            }
            if (last >= 0) {
                viewsAt.get(last).add(v);
            }
        }
        List<List<String>> atoms = new ArrayList<>();
        String[] atom = new String[dimensions.size()];
        long[] steps = {0};
        descend(0, atom, dimensions, codes, views, now, viewsAt, atoms, steps);
        return atoms;
    }

    private static void descend(int depth, String[] atom, List<String> dimensions, List<List<String>> codes,
            List<View> views, List<Map<List<String>, Long>> now, List<List<Integer>> viewsAt,
            List<List<String>> atoms, long[] steps) {
        if (depth == dimensions.size()) {
            if (atoms.size() >= MAX_ATOMS) {
                throw new TooLarge("the joint system of " + views.size() + " tables has more than " + MAX_ATOMS
                        + " atoms over " + dimensions);
            }
            atoms.add(List.of(atom));
            return;
        }
        for (String code : codes.get(depth)) {
            if (++steps[0] > MAX_SEARCH) {
                throw new TooLarge("enumerating the atoms of the joint system of " + views.size() + " tables over "
                        + dimensions + " takes more than " + MAX_SEARCH + " steps");
            }
            atom[depth] = code;
            if (ruledOut(depth, atom, dimensions, views, now, viewsAt)) {
                continue;
            }
            descend(depth + 1, atom, dimensions, codes, views, now, viewsAt, atoms, steps);
        }
        atom[depth] = null;
    }

    /** Whether a view complete at this depth shows the atom's cell absent, then and now. */
    private static boolean ruledOut(int depth, String[] atom, List<String> dimensions, List<View> views,
            List<Map<List<String>, Long>> now, List<List<Integer>> viewsAt) {
        List<String> partial = java.util.Arrays.asList(atom);
        for (int v : viewsAt.get(depth)) {
            View view = views.get(v);
            if (!covers(dimensions, view, partial)) {
                continue;
            }
            List<String> c = project(dimensions, view, partial);
            if (!view.counts().containsKey(c) && !now.get(v).containsKey(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The coordinates of the cells of {@code view} (one of those combined, or one with the same cells) that the
     * attacker reads as published and that share an atom with the interval's cell or, with {@code wholeGroup}, with
     * any suppressed cell of the cell's group (the cells that share unknowns with it, through chains): what
     * suppressing more of that table can take away from the attacker.
     */
    public List<List<String>> overlapping(Interval cell, View view, boolean wholeGroup) {
        Set<Integer> atoms = new java.util.HashSet<>(cell.atoms());
        if (wholeGroup) {
            for (List<Known> group : components()) {
                if (group.stream().anyMatch(k -> k.atoms.stream().anyMatch(cell.atoms()::contains))) {
                    group.stream().filter(k -> !k.published).forEach(k -> atoms.addAll(k.atoms));
                }
            }
        }
        List<List<String>> coordinates = new ArrayList<>();
        for (Known other : known) {
            if (other.published && other.view.sameCellsAs(view) && other.atoms.stream().anyMatch(atoms::contains)) {
                coordinates.add(other.coordinate);
            }
        }
        return coordinates;
    }

    /** The number of atoms (LP variables), for messages and tests. */
    public int atomCount() {
        return atoms.size();
    }

    /** The dimensions of the atoms. */
    public List<String> dimensions() {
        return dimensions;
    }

    /** The labels of the tables combined. */
    public List<String> tables() {
        return views.stream().map(View::label).toList();
    }

    /** Both bounds of every cell held suppressed (and published by no table with the same count). */
    public List<Interval> intervals() {
        return attack(false);
    }

    /**
     * The primary cells ({@code 0 < count < k} of a table that holds them suppressed) whose bounds break the rule
     * ({@link ProtectionRule}, with the largest k and p of those tables).
     */
    public List<Interval> violations() {
        return violations(IntervalAttack.SPREAD_FROM);
    }

    /** As {@link #violations()}, with spread points for groups of at least {@code spreadFrom} cells (tests). */
    List<Interval> violations(int spreadFrom) {
        return attack(true, spreadFrom).stream().filter(i -> !i.protectedEnough()).toList();
    }

    private List<Interval> attack(boolean verdictOnly) {
        return attack(verdictOnly, IntervalAttack.SPREAD_FROM);
    }

    private List<Interval> attack(boolean verdictOnly, int spreadFrom) {
        Set<Known> targets = new java.util.HashSet<>();
        known.stream().filter(c -> !c.published && !c.heldSuppressedBy.isEmpty()).forEach(targets::add);
        // feasible points seen so far: the truth first, then every LP solution
        Map<Known, double[]> seen = new HashMap<>();
        for (Known target : targets) {
            seen.put(target, new double[] {target.count, target.count});
        }
        List<Interval> intervals = new ArrayList<>();
        for (List<Known> component : components()) {
            Problem problem = null;
            if (verdictOnly && component.stream().filter(targets::contains).count() >= spreadFrom) {
                problem = new Problem(component);
                spread(problem, component, targets, seen);
            }
            for (Known target : component) {
                if (!targets.contains(target)) {
                    continue;
                }
                boolean primary = target.count < target.k;
                ProtectionRule rule = new ProtectionRule(target.percent);
                long floor = presenceFloor(target);
                double[] range = seen.get(target);
                if (!verdictOnly || primary && rule.violated(target.count, floor, primary, range[0], range[1])) {
                    if (problem == null) {
                        problem = new Problem(component);
                    }
                    java.util.function.Consumer<double[]> widen = widener(problem, component, seen);
                    range[1] = problem.solve(target, true, widen);
                    if (!verdictOnly || rule.violated(target.count, floor, primary, range[0], range[1])) {
                        range[0] = problem.solve(target, false, widen);
                    }
                }
                Map<String, String> codes = new LinkedHashMap<>();
                for (int d = 0; d < target.view.keep().size(); d++) {
                    codes.put(target.view.keep().get(d), target.coordinate.get(d));
                }
                // only a primary cell is judged: a secondary one's count is one its table's k lets be known, and
                // another table may well publish it (its finer cells, a coarser margin)
                intervals.add(new Interval(List.copyOf(target.heldSuppressedBy), codes, target.view.filter(),
                        target.count, primary, range[0], range[1],
                        !primary || !rule.violated(target.count, floor, primary, range[0], range[1]),
                        Set.copyOf(target.atoms)));
            }
        }
        return intervals;
    }

    /**
     * As {@code IntervalAttack}'s spread points, for the joint system: while some primary cells of the group still
     * lack a point showing them far enough up (down), one LP maximises (minimises) the weighted sum of those cells
     * (weight 1 / (1 + count) times a fixed spread per cell and round), and its solution widens what every cell is
     * known to reach; it stops when a round helps fewer than 1 in 20 of them. Feasible points only: the verdict is
     * the per-cell LPs' ({@code JointAttackSpreadTest}), with fewer LPs.
     */
    private void spread(Problem problem, List<Known> component, Set<Known> targets, Map<Known, double[]> seen) {
        java.util.function.Consumer<double[]> widen = widener(problem, component, seen);
        for (boolean maximise : new boolean[] {true, false}) {
            for (int round = 0; round < IntervalAttack.SPREAD_ROUNDS; round++) {
                Map<Known, Double> weights = new LinkedHashMap<>();
                int position = 0;
                for (Known t : component) {
                    position++;
                    if (targets.contains(t) && needs(t, seen.get(t), maximise)) {
                        weights.put(t, IntervalAttack.spreadWeight(position, round, maximise, t.count));
                    }
                }
                if (weights.isEmpty()) {
                    break;
                }
                double[] point = problem.solve(weights, maximise);
                if (point == null) {
                    break; // unbounded that way: the per-cell LPs say which cells
                }
                widen.accept(point);
                long left = weights.keySet().stream().filter(t -> needs(t, seen.get(t), maximise)).count();
                if ((weights.size() - left) * 20 < weights.size()) {
                    break;
                }
            }
        }
    }

    /** Widens each cell's seen range with a feasible point of the group's LP. */
    private static java.util.function.Consumer<double[]> widener(Problem problem, List<Known> component,
            Map<Known, double[]> seen) {
        return point -> {
            for (Known t : component) {
                double[] r = seen.get(t);
                if (r != null) {
                    double value = problem.value(t, point);
                    r[0] = Math.min(r[0], value);
                    r[1] = Math.max(r[1], value);
                }
            }
        };
    }

    /** Whether a primary cell still breaks its rule on the side a point in that direction could mend. */
    private boolean needs(Known t, double[] range, boolean up) {
        // only primary cells are judged
        return t.count < t.k && new ProtectionRule(t.percent).violatedOnSide(t.count, presenceFloor(t), true,
                range[0], range[1], up);
    }

    /** Present inner cells of the target's table under it: each is at least 1, so the shape alone tells this much. */
    private long presenceFloor(Known target) {
        List<Integer> totalled = target.view.totalled().stream().map(target.view.keep()::indexOf).toList();
        long n = 0;
        for (List<String> c : target.view.counts().keySet()) {
            boolean under = true;
            for (int i = 0; i < c.size() && under; i++) {
                if (totalled.contains(i) && LinearTable.TOTAL.equals(c.get(i))) {
                    under = false; // a margin, not an inner cell
                } else {
                    under = c.get(i).equals(target.coordinate.get(i))
                            || (totalled.contains(i) && LinearTable.TOTAL.equals(target.coordinate.get(i)));
                }
            }
            if (under) {
                n++;
            }
        }
        return Math.max(1, n);
    }

    /** Known cells grouped by shared atoms (cells of different groups share no unknown). */
    private List<List<Known>> components() {
        int[] parent = new int[atoms.size()];
        for (int a = 0; a < parent.length; a++) {
            parent[a] = a;
        }
        for (Known cell : known) {
            for (int i = 1; i < cell.atoms.size(); i++) {
                parent[root(parent, cell.atoms.get(i))] = root(parent, cell.atoms.get(0));
            }
        }
        Map<Integer, List<Known>> groups = new LinkedHashMap<>();
        for (Known cell : known) {
            if (!cell.atoms.isEmpty()) {
                groups.computeIfAbsent(root(parent, cell.atoms.get(0)), r -> new ArrayList<>()).add(cell);
            }
        }
        return new ArrayList<>(groups.values());
    }

    private static int root(int[] parent, int a) {
        while (parent[a] != a) {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        return a;
    }

    /** The LP of one group: atoms {@code >= 0}, published cells exact, suppressed cells {@code >= 1}. */
    private final class Problem {
        private final List<Known> cells;
        private final Map<Integer, Integer> position = new HashMap<>();

        Problem(List<Known> cells) {
            this.cells = cells;
            for (Known cell : cells) {
                for (int a : cell.atoms) {
                    position.putIfAbsent(a, position.size());
                }
            }
        }

        double value(Known cell, double[] point) {
            double sum = 0;
            for (int a : cell.atoms) {
                sum += point[position.get(a)];
            }
            return sum;
        }

        double solve(Known target, boolean maximise, java.util.function.Consumer<double[]> found) {
            double[] point = solve(Map.of(target, 1.0), maximise);
            if (point == null) {
                return maximise ? Double.POSITIVE_INFINITY : 1;
            }
            found.accept(point);
            return value(target, point);
        }

        /** A point optimising the weighted sum of the cells' values, or null when it is unbounded. */
        double[] solve(Map<Known, Double> weights, boolean maximise) {
            ExpressionsBasedModel model = new ExpressionsBasedModel();
            List<Variable> x = new ArrayList<>(position.size());
            for (int v = 0; v < position.size(); v++) {
                x.add(model.addVariable("a" + v).lower(0));
            }
            int r = 0;
            for (Known cell : cells) {
                Expression row = model.addExpression("c" + r++);
                cell.atoms.forEach(a -> row.set(x.get(position.get(a)), 1));
                if (cell.published) {
                    row.level(cell.count);
                } else {
                    row.lower(1);
                }
            }
            Expression objective = model.addExpression("target").weight(1);
            Map<Integer, Double> perAtom = new HashMap<>();
            weights.forEach((cell, w) -> cell.atoms.forEach(a -> perAtom.merge(a, w, Double::sum)));
            perAtom.forEach((a, w) -> objective.set(x.get(position.get(a)), w));
            return IntervalAttack.optimum(model, maximise, position.size(), "the joint system");
        }
    }
}
