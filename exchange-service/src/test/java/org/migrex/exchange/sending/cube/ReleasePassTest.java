package org.migrex.exchange.sending.cube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The release pass ({@link ReleasePass}) on a table worked out by hand (k = 5, p = 15 %). */
class ReleasePassTest {
    private static final int K = 5;
    private static final int PERCENT = 15;
    private static final List<Integer> TOTALLED = List.of(0, 1);

    /**
     * <pre>
     *          C0  C1  C2  _T
     *   R0     11  12   .  23
     *   R1      1   .   1   2
     *   R2      .   1   8   9
     *   _T     12  13   9  34
     * </pre>
     * ({@code .}: absent, known to be 0.) Primary: R1/C0 = 1, R1/C2 = 1, R2/C1 = 1, R1/_T = 2.
     */
    private static Map<List<String>, Long> table() {
        long[][] inner = {{11, 12, 0}, {1, 0, 1}, {0, 1, 8}};
        Map<List<String>, Long> table = new LinkedHashMap<>();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                if (inner[r][c] == 0) {
                    continue;
                }
                for (String row : List.of("R" + r, "_T")) {
                    for (String column : List.of("C" + c, "_T")) {
                        table.merge(List.of(row, column), inner[r][c], Long::sum);
                    }
                }
            }
        }
        return table;
    }

    private static List<String> c(String row, String column) {
        return List.of(row, column);
    }

    /**
     * Worked by hand. Suppressed: a = R0/C0, b = R0/C1, t0 = R0/_T, x = R1/C0, y = R1/C2, t1 = R1/_T, z = R2/C1,
     * w = R2/C2; published: R2/_T = 9 and the row _T. The lines: a + b = t0, x + y = t1, z + w = 9, a + x = 12,
     * b + z = 13, y + w = 9, t0 + t1 + 9 = 34. Two degrees of freedom, s = z and x: y = s, w = 9 - s, b = 13 - s,
     * a = 12 - x, t1 = x + s, t0 = 25 - x - s; every cell at least 1 gives s in [1, 8], x in [1, 11]. So R1/C0 = x
     * in [1, 11], R1/C2 and R2/C1 in [1, 8] (each 1: hi >= 2 asked), R1/_T = x + s in [2, 19] (2 over two present
     * cells: lo <= 2, hi >= 3 asked), and no other cell is a single value: protected.
     *
     * <p>The old method also suppresses R2/_T = 9. The pass tries its secondary cells most wanted first (margins, large
     * first: R0/_T = 23, R2/_T = 9; then inner cells R0/C1 = 12, R0/C0 = 11, R2/C2 = 8):
     * <ul>
     *   <li>R0/_T = 23 published (R2/_T = r suppressed): a = 12 - x and a + b = 23 give b = 11 + x, and b = 13 - z
     *       gives x + z = 2, so x = z = 1: R1/C0 exactly known. Kept suppressed.</li>
     *   <li>R2/_T = 9 published: the table above, protected. Published.</li>
     *   <li>R0/C1 published: column C1 is then b + z = 13 with z its only suppressed cell; R0/C0: column C0 likewise
     *       gives x; R2/C2: row R2 gives z. Each kept suppressed without an LP.</li>
     * </ul>
     */
    private static final Set<List<String>> EXPECTED = Set.of(c("R0", "C0"), c("R0", "C1"), c("R0", "_T"),
            c("R1", "C0"), c("R1", "C2"), c("R1", "_T"), c("R2", "C1"), c("R2", "C2"));

    @Test
    void theOldMethodHidesAMarginThePassPublishesAgainAndTheResultIsSafe() {
        Map<List<String>, Long> table = table();
        LinearTable linear = LinearTable.of(table, TOTALLED);
        ProtectionRule rule = new ProtectionRule(PERCENT);
        Set<List<String>> old = DisclosureControl.control(linear, K, rule, List.of(), LinkedTables.NONE, false)
                .coordinates();
        Set<List<String>> now = DisclosureControl.suppress(table, TOTALLED, K, PERCENT);

        assertThat(old).contains(c("R2", "_T"));
        Set<List<String>> expectedOld = new HashSet<>(EXPECTED);
        expectedOld.add(c("R2", "_T"));
        assertThat(old).isEqualTo(expectedOld);
        assertThat(now).isEqualTo(EXPECTED);
        assertSafe(table, now);
    }

    @Test
    void aCellSuppressedInAnEarlierRevisionIsNeverReleased() {
        Map<List<String>, Long> table = table();
        LinearTable linear = LinearTable.of(table, TOTALLED);
        int margin = linear.indexOf(c("R2", "_T"));
        DisclosureControl.Suppression linked = DisclosureControl.control(linear, K, new ProtectionRule(PERCENT),
                List.of(), new LinkedTables(Set.of(margin), Set.of()));
        assertThat(linked.coordinates()).contains(c("R2", "_T"));
        assertSafe(table, linked.coordinates());
    }

    /** The test's own attacker finds no suppressed cell exactly known and no primary cell inside ±p %. */
    private static void assertSafe(Map<List<String>, Long> table, Set<List<String>> suppressed) {
        Map<List<String>, Long> published = new LinkedHashMap<>();
        table.forEach((coordinate, value) -> published.put(coordinate, suppressed.contains(coordinate) ? null : value));
        for (List<String> coordinate : table.keySet()) {
            if (table.get(coordinate) < K) {
                assertThat(suppressed).contains(coordinate);
            }
        }
        Map<List<String>, double[]> bounds = IndependentAttacker.attack(published, TOTALLED);
        assertThat(bounds.keySet()).isEqualTo(suppressed);
        bounds.forEach((coordinate, range) -> {
            long value = table.get(coordinate);
            String why = IndependentAttacker.breach(value,
                    IndependentAttacker.presenceFloor(published, TOTALLED, coordinate), value < K, range, PERCENT);
            assertThat(why).as("%s", coordinate).isNull();
        });
    }
}
