package org.migrex.exchange.sending.cube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The margins by sex (FLOW x SEX x AGE _T x DURATION _T) stay published whenever they are at least k and some
 * suppression that publishes them is safe. On tables of the generated region of {@link SuppressionFiguresTest} (the
 * standard agreement, k = 5, p = 15 %), for every margin by sex of at least k that {@link DisclosureControl}
 * suppresses, the test builds the most cautious alternative itself: every present cell suppressed except the margins
 * by sex the method published and this one. That alternative gives the attacker the least any table publishing those
 * margins can give him (suppressing more never narrows an interval), so if the test's own attacker
 * ({@link IndependentAttacker}, no code shared with the method) finds every primary cell protected under it, a safe
 * table publishing the margin exists, and the method should have published it: the test fails. Every table the method
 * makes must also pass that attacker itself.
 */
class SexMarginsKeptTest {
    private static final int K = 5;
    private static final int PERCENT = 15;
    private static final List<Integer> TOTALLED = List.of(1, 2, 3);
    /** Persons per month, from the smallest of the region to a middle one: the small tables lose margins. */
    private static final int[] PERSONS = {8, 12, 15, 18, 20, 25, 30, 35, 40, 50, 60, 70, 90, 120, 160, 220};

    @Test
    void noMarginBySexOfAtLeastKIsSuppressedWhereAnAlternativeKeepsIt() {
        Random random = new Random(13);
        int margins = 0;
        int published = 0;
        List<String> avoidable = new ArrayList<>();
        int tables = 0;
        for (int round = 0; round < 3; round++) {
            for (int persons : PERSONS) {
                Map<List<String>, Long> table = SuppressionFiguresTest.bilateralMonth(random, persons);
                Set<List<String>> hidden = DisclosureControl.suppress(table, TOTALLED, K, PERCENT, List.of(1));
                tables++;
                assertThat(breaches(table, hidden, false)).as("the method's own table %d", tables).isEmpty();
                List<List<String>> kept = new ArrayList<>();
                List<List<String>> lost = new ArrayList<>();
                for (List<String> c : table.keySet()) {
                    if (sexMargin(c) && table.get(c) >= K) {
                        margins++;
                        (hidden.contains(c) ? lost : kept).add(c);
                    }
                }
                published += kept.size();
                for (List<String> margin : lost) {
                    Set<List<String>> alternative = new java.util.HashSet<>(table.keySet());
                    alternative.removeAll(kept);
                    alternative.remove(margin);
                    if (breaches(table, alternative, true).isEmpty()) {
                        avoidable.add("table " + tables + " (" + persons + " persons): " + margin + " = "
                                + table.get(margin));
                    }
                }
            }
        }
        System.out.printf("margins by sex >= k: %d of %d published in %d tables; suppressed though an alternative"
                + " keeps them: %d%n", published, margins, tables, avoidable.size());
        assertThat(avoidable).as("margins by sex >= k suppressed where a safe alternative publishes them").isEmpty();
    }

    private static boolean sexMargin(List<String> c) {
        return !c.get(1).equals("_T") && c.get(2).equals("_T") && c.get(3).equals("_T");
    }

    /**
     * The cells the independent attacker narrows beyond the rule when {@code hidden} is suppressed: primary cells
     * only when {@code primaryOnly} (a cell of at least k the attacker derives can be published, so it is no loss of
     * the alternative), otherwise also any suppressed cell determined exactly.
     */
    private static List<String> breaches(Map<List<String>, Long> table, Set<List<String>> hidden,
            boolean primaryOnly) {
        Map<List<String>, Long> view = new LinkedHashMap<>();
        table.forEach((c, v) -> view.put(c, hidden.contains(c) ? null : v));
        List<String> found = new ArrayList<>();
        for (Map.Entry<List<String>, double[]> e : IndependentAttacker.attack(view, TOTALLED,
                c -> !primaryOnly || table.get(c) < K).entrySet()) {
            long value = table.get(e.getKey());
            String why = IndependentAttacker.breach(value, IndependentAttacker.presenceFloor(view, TOTALLED,
                    e.getKey()), value < K, e.getValue(), PERCENT);
            if (why != null) {
                found.add(e.getKey() + ": " + why);
            }
        }
        return found;
    }
}
