package org.migrex.exchange.sending.cube;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The test's own attacker, written against ojAlgo from the published table alone and sharing no code with
 * {@link LinearTable} or {@link IntervalAttack}: what a partner can compute from a delivered table.
 *
 * <p>It sees the published coordinates, with a value or suppressed ({@code null}); a coordinate not published is 0.
 * For every published margin {@code m} and every totalled dimension {@code d} where {@code m} reads {@code _T}, the
 * published coordinates equal to {@code m} except at {@code d} (not {@code _T} there) sum to {@code m}. Suppressed
 * values are at least 1. For each suppressed coordinate it returns the LP minimum and maximum.
 */
final class IndependentAttacker {
    private IndependentAttacker() {
    }

    /** [min, max] for every suppressed coordinate; max is infinite when unbounded. */
    static Map<List<String>, double[]> attack(Map<List<String>, Long> published, List<Integer> totalled) {
        return attack(published, totalled, c -> true);
    }

    /** [min, max] for the suppressed coordinates {@code targets} accepts (all suppressed ones are unknowns). */
    static Map<List<String>, double[]> attack(Map<List<String>, Long> published, List<Integer> totalled,
            java.util.function.Predicate<List<String>> targets) {
        List<List<String>> unknown = new ArrayList<>();
        published.forEach((c, v) -> {
            if (v == null) {
                unknown.add(c);
            }
        });
        List<Map<List<String>, Integer>> rows = new ArrayList<>();
        List<Long> rhs = new ArrayList<>();
        for (List<String> margin : published.keySet()) {
            for (int d : totalled) {
                if (!margin.get(d).equals("_T")) {
                    continue;
                }
                Map<List<String>, Integer> row = new HashMap<>();
                long constant = 0;
                for (Map.Entry<List<String>, Long> e : published.entrySet()) {
                    List<String> c = e.getKey();
                    if (c.get(d).equals("_T") || !sameExcept(c, margin, d)) {
                        continue;
                    }
                    if (e.getValue() == null) {
                        row.merge(c, 1, Integer::sum);
                    } else {
                        constant -= e.getValue();
                    }
                }
                if (published.get(margin) == null) {
                    row.merge(margin, -1, Integer::sum);
                } else {
                    constant += published.get(margin);
                }
                if (!row.isEmpty()) {
                    rows.add(row);
                    rhs.add(constant);
                }
            }
        }
        Map<List<String>, double[]> bounds = new LinkedHashMap<>();
        for (List<String> target : unknown) {
            if (!targets.test(target)) {
                continue;
            }
            bounds.put(target, new double[] {solve(unknown, rows, rhs, target, false),
                    solve(unknown, rows, rhs, target, true)});
        }
        return bounds;
    }

    private static boolean sameExcept(List<String> a, List<String> b, int d) {
        for (int i = 0; i < a.size(); i++) {
            if (i != d && !a.get(i).equals(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static double solve(List<List<String>> unknown, List<Map<List<String>, Integer>> rows, List<Long> rhs,
            List<String> target, boolean max) {
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Map<List<String>, Variable> x = new HashMap<>();
        for (List<String> c : unknown) {
            x.put(c, model.addVariable().lower(1).weight(c.equals(target) ? 1 : 0));
        }
        for (int r = 0; r < rows.size(); r++) {
            Expression e = model.addExpression().level(rhs.get(r));
            rows.get(r).forEach((c, coefficient) -> e.set(x.get(c), coefficient));
        }
        Optimisation.Result result = max ? model.maximise() : model.minimise();
        if (result.getState() == Optimisation.State.UNBOUNDED) {
            return Double.POSITIVE_INFINITY;
        }
        if (!result.getState().isFeasible()) {
            throw new AssertionError("the published table is infeasible for the attacker: " + result.getState());
        }
        return result.getValue();
    }

    /**
     * How many published coordinates without {@code _T} in a totalled dimension fall under the coordinate: each is at
     * least 1, so the coordinate is at least that, whatever is suppressed.
     */
    static long presenceFloor(Map<List<String>, Long> published, List<Integer> totalled, List<String> coordinate) {
        long n = 0;
        for (List<String> c : published.keySet()) {
            boolean inner = totalled.stream().noneMatch(d -> c.get(d).equals("_T"));
            boolean under = true;
            for (int i = 0; i < c.size() && under; i++) {
                under = coordinate.get(i).equals(c.get(i)) || (totalled.contains(i) && coordinate.get(i).equals("_T"));
            }
            if (inner && under) {
                n++;
            }
        }
        return n;
    }

    /**
     * Why the attacker learns too much about a cell of true value v over {@code floor} present inner cells (null: it
     * does not), rule as in docs/exchange.md: not a single value; a primary cell's range reaches v + p % and
     * max(floor, v - p %).
     */
    static String breach(long value, long floor, boolean primary, double[] bounds, int percent) {
        double lo = Math.ceil(bounds[0] - 1e-6);
        double hi = Double.isInfinite(bounds[1]) ? bounds[1] : Math.floor(bounds[1] + 1e-6);
        if (lo >= hi) {
            return "exactly determined: " + lo;
        }
        if (primary && hi < value * (1 + percent / 100.0) - 1e-9) {
            return "upper bound " + hi + " below " + value + " + " + percent + " %";
        }
        if (primary && lo > Math.max(Math.max(1, floor), value * (1 - percent / 100.0)) + 1e-9) {
            return "lower bound " + lo + " above max(" + floor + ", " + value + " - " + percent + " %)";
        }
        return null;
    }
}
