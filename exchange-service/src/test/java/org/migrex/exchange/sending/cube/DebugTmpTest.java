package org.migrex.exchange.sending.cube;
import java.util.*;
import org.junit.jupiter.api.Test;
class DebugTmpTest {
    @Test
    void debug() {
        Random random = new Random(2026);
        for (int n = 0; n < 12; n++) {
            int persons = Math.max(5, (int) Math.round(420 * (0.6 + 0.8 * random.nextDouble())));
            Map<List<String>, Long> table = SuppressionFiguresTest.bilateralMonth(random, persons);
            LinearTable t = LinearTable.of(table, List.of(1, 2, 3));
            long s0 = System.nanoTime();
            var sup = DisclosureControl.control(t, 5, new ProtectionRule(15), List.of(1));
            long s1 = System.nanoTime();
            Set<Integer> primary = sup.primary();
            Set<Integer> lin = GaussianSuppression.suppress(t, primary, DisclosureControl.suppressFirst(t, List.of(1)).reversed(), new ProtectionRule(15));
            long s2 = System.nanoTime();
            Map<List<String>, Long> published = new LinkedHashMap<>();
            Set<List<String>> hidden = sup.coordinates();
            table.forEach((c, v) -> published.put(c, hidden.contains(c) ? null : v));
            int exact = 0, breach = 0;
            List<String> ex = new ArrayList<>();
            for (var e : IndependentAttacker.attack(published, List.of(1, 2, 3)).entrySet()) {
                long value = table.get(e.getKey());
                String why = IndependentAttacker.breach(value, IndependentAttacker.presenceFloor(published, List.of(1,2,3), e.getKey()), value < 5, e.getValue(), 15);
                if (why != null) { breach++; if (ex.size() < 3) ex.add(e.getKey() + "=" + value + " " + why + " " + Arrays.toString(e.getValue())); }
            }
            System.out.println("cells " + t.size() + " primary " + primary.size() + " gauss " + lin.size() + " final " + sup.suppressed().size()
                + " unprotected " + sup.unprotected().size() + " control ms " + (s1 - s0) / 1000000 + " gauss ms " + (s2 - s1) / 1000000 + " indep breaches " + breach + " " + ex);
        }
    }
}
