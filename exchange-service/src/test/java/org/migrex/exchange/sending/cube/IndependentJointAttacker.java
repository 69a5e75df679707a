package org.migrex.exchange.sending.cube;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The test's own attacker over several published tables of one period, written against ojAlgo and sharing no code with
 * {@link JointAttack}: what a partner holding all of them can compute.
 *
 * <p>It knows the code lists (the codes the test's cells may have). Its unknowns are every combination of codes over
 * the dimensions given (the persons' cells), each {@code >= 0}. For every table and every coordinate the table could
 * have (each kept dimension: its codes, those its filter allows when it filters on it, and {@code _T} when totalled),
 * the combinations with those codes ({@code _T}: any) that the filter lets through sum to the published value, to 0
 * when the coordinate was not published, and to at least 1 when it was published suppressed.
 */
final class IndependentJointAttacker {
    /**
     * A published table as the partner reads it.
     *
     * @param published coordinate to value, null for suppressed; a coordinate not in it was not published (0)
     */
    record Published(List<String> keep, Set<String> totalled, Map<String, Set<String>> filter,
            Map<List<String>, Long> published) {
    }

    private IndependentJointAttacker() {
    }

    /** For each table (in order), [min, max] of every suppressed coordinate. */
    static List<Map<List<String>, double[]>> attack(Map<String, List<String>> codes, List<Published> tables) {
        List<String> dimensions = new ArrayList<>(codes.keySet());
        List<List<String>> combinations = new ArrayList<>();
        combinations.add(List.of());
        for (String d : dimensions) {
            List<List<String>> longer = new ArrayList<>();
            for (List<String> c : combinations) {
                for (String code : codes.get(d)) {
                    List<String> next = new ArrayList<>(c);
                    next.add(code);
                    longer.add(next);
                }
            }
            combinations = longer;
        }
        List<int[]> rows = new ArrayList<>();
        List<Long> levels = new ArrayList<>(); // null: at least 1
        List<Map<List<String>, Integer>> rowOf = new ArrayList<>();
        for (Published table : tables) {
            Map<List<String>, Integer> mine = new HashMap<>();
            for (List<String> coordinate : coordinates(codes, table)) {
                List<Integer> members = new ArrayList<>();
                for (int a = 0; a < combinations.size(); a++) {
                    if (under(dimensions, combinations.get(a), table, coordinate)) {
                        members.add(a);
                    }
                }
                mine.put(coordinate, rows.size());
                rows.add(members.stream().mapToInt(Integer::intValue).toArray());
                // not published: 0; published suppressed (null): at least 1, kept as null
                Long level = table.published().get(coordinate);
                levels.add(table.published().containsKey(coordinate) ? level : Long.valueOf(0));
            }
            rowOf.add(mine);
        }
        List<Map<List<String>, double[]>> bounds = new ArrayList<>();
        for (int t = 0; t < tables.size(); t++) {
            Map<List<String>, double[]> mine = new LinkedHashMap<>();
            for (Map.Entry<List<String>, Long> e : tables.get(t).published().entrySet()) {
                if (e.getValue() == null) {
                    int[] target = rows.get(rowOf.get(t).get(e.getKey()));
                    mine.put(e.getKey(), new double[] {solve(combinations.size(), rows, levels, target, false),
                            solve(combinations.size(), rows, levels, target, true)});
                }
            }
            bounds.add(mine);
        }
        return bounds;
    }

    private static List<List<String>> coordinates(Map<String, List<String>> codes, Published table) {
        List<List<String>> coordinates = new ArrayList<>();
        coordinates.add(List.of());
        for (String d : table.keep()) {
            List<String> values = new ArrayList<>(codes.get(d));
            if (table.filter().containsKey(d)) {
                values.retainAll(table.filter().get(d));
            }
            if (table.totalled().contains(d)) {
                values.add("_T");
            }
            List<List<String>> longer = new ArrayList<>();
            for (List<String> c : coordinates) {
                for (String v : values) {
                    List<String> next = new ArrayList<>(c);
                    next.add(v);
                    longer.add(next);
                }
            }
            coordinates = longer;
        }
        return coordinates;
    }

    private static boolean under(List<String> dimensions, List<String> combination, Published table,
            List<String> coordinate) {
        for (Map.Entry<String, Set<String>> f : table.filter().entrySet()) {
            if (!f.getValue().contains(combination.get(dimensions.indexOf(f.getKey())))) {
                return false;
            }
        }
        for (int i = 0; i < table.keep().size(); i++) {
            String code = coordinate.get(i);
            if (!code.equals("_T") && !code.equals(combination.get(dimensions.indexOf(table.keep().get(i))))) {
                return false;
            }
        }
        return true;
    }

    private static double solve(int unknowns, List<int[]> rows, List<Long> levels, int[] target, boolean max) {
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        List<Variable> x = new ArrayList<>();
        for (int a = 0; a < unknowns; a++) {
            x.add(model.addVariable().lower(0));
        }
        for (int r = 0; r < rows.size(); r++) {
            Expression e = model.addExpression();
            for (int a : rows.get(r)) {
                e.set(x.get(a), 1);
            }
            if (levels.get(r) == null) {
                e.lower(1);
            } else {
                e.level(levels.get(r));
            }
        }
        Expression objective = model.addExpression().weight(1);
        for (int a : target) {
            objective.set(x.get(a), 1);
        }
        Optimisation.Result result = max ? model.maximise() : model.minimise();
        if (result.getState() == Optimisation.State.UNBOUNDED) {
            return Double.POSITIVE_INFINITY;
        }
        if (!result.getState().isFeasible()) {
            throw new AssertionError("the published tables are infeasible for the attacker: " + result.getState());
        }
        double value = 0;
        for (int a : target) {
            value += result.doubleValue(a);
        }
        return value;
    }
}
