package org.migrex.exchange.sending.cube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The spread points of {@link IntervalAttack} only spare LPs: on tables whose suppressed cells form large linked
 * groups, the violations found with them are exactly those the per-cell LPs alone find. Checked on the linear step's
 * suppression alone (before any repair, so that there are violations to find) and on the finished suppression (none).
 */
class IntervalAttackSpreadTest {
    private static final List<Integer> TOTALLED = List.of(1, 2, 3);
    private static final ProtectionRule RULE = new ProtectionRule(15);

    @Test
    void theVerdictIsThatOfThePerCellLps() {
        Random random = new Random(7);
        int large = 0;
        int violating = 0;
        for (int t = 0; t < 24; t++) {
            Map<List<String>, Long> counts = SuppressionFiguresTest.bilateralMonth(random, 40 + random.nextInt(400));
            LinearTable table = LinearTable.of(counts, TOTALLED);
            Set<Integer> primary = new TreeSet<>();
            for (int cell = 0; cell < table.size(); cell++) {
                if (table.count(cell) < 5) {
                    primary.add(cell);
                }
            }
            Set<Integer> linear = GaussianSuppression.suppress(table, primary,
                    DisclosureControl.suppressFirst(table, List.of(1)).reversed(), RULE);
            Set<Integer> finished = DisclosureControl.control(table, 5, RULE, List.of(1)).suppressed();
            for (Set<Integer> suppressed : List.of(linear, finished)) {
                large += IntervalAttack.components(table, suppressed).stream()
                        .anyMatch(c -> c.size() >= IntervalAttack.SPREAD_FROM) ? 1 : 0;
                for (boolean firstPerGroup : new boolean[] {false, true}) {
                    List<Integer> perCell = IntervalAttack.violations(table, suppressed, primary, RULE,
                            new IntervalAttack.Witness(table), firstPerGroup, Integer.MAX_VALUE);
                    List<Integer> spread = IntervalAttack.violations(table, suppressed, primary, RULE,
                            new IntervalAttack.Witness(table), firstPerGroup, 2);
                    assertThat(spread).as("table %d, %d suppressed", t, suppressed.size()).isEqualTo(perCell);
                    violating += perCell.isEmpty() ? 0 : 1;
                }
            }
            assertThat(IntervalAttack.violations(table, finished, primary, RULE)).isEmpty();
        }
        // the comparison means something only if the spread ran on large groups and found violations to agree on
        assertThat(large).isGreaterThan(10);
        assertThat(violating).isGreaterThan(5);
    }
}
