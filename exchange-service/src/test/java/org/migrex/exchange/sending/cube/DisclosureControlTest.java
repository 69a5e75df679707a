package org.migrex.exchange.sending.cube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Disclosure control on tables worked out by hand (k = 5). */
class DisclosureControlTest {
    private static List<String> c(String... codes) {
        return List.of(codes);
    }

    @Test
    void oneSmallCellTakesTheSmallestOtherCellOfItsLineWithIt() {
        // M=3 F=10 _T=13: M is primary; {M, F, _T} would give M as 13-10, so F (10 < 13) goes too.
        Map<List<String>, Long> table = Map.of(c("M"), 3L, c("F"), 10L, c("_T"), 13L);
        assertThat(DisclosureControl.suppress(table, List.of(0), 5)).containsExactlyInAnyOrder(c("M"), c("F"));
    }

    @Test
    void zeroCellsAreKnownAndNeverSuppressedSoTheTotalGoes() {
        // M=3, F=0 (absent), _T=3: the only other entry of the line is the total.
        Map<List<String>, Long> table = Map.of(c("M"), 3L, c("_T"), 3L);
        assertThat(DisclosureControl.suppress(table, List.of(0), 5)).containsExactlyInAnyOrder(c("M"), c("_T"));
    }

    @Test
    void twoWayTableSuppressesAnInteriorRectangle() {
        //        A1  A2  _T
        //   M     2   8  10
        //   F     6   7  13
        //   _T    8  15  23
        // M/A1 is primary. Column A1 then takes F/A1 (6 < 8), row M takes M/A2 (8 < 10), row F takes F/A2
        // (7 < 13); column A2 then has two. The margins stay published: four unknowns, three independent equations.
        Map<List<String>, Long> table = new LinkedHashMap<>();
        table.put(c("M", "A1"), 2L);
        table.put(c("M", "A2"), 8L);
        table.put(c("M", "_T"), 10L);
        table.put(c("F", "A1"), 6L);
        table.put(c("F", "A2"), 7L);
        table.put(c("F", "_T"), 13L);
        table.put(c("_T", "A1"), 8L);
        table.put(c("_T", "A2"), 15L);
        table.put(c("_T", "_T"), 23L);
        assertThat(DisclosureControl.suppress(table, List.of(0, 1), 5)).containsExactlyInAnyOrder(
                c("M", "A1"), c("F", "A1"), c("M", "A2"), c("F", "A2"));
    }

    @Test
    void nothingBelowKMeansNothingSuppressed() {
        Map<List<String>, Long> table = Map.of(c("M"), 5L, c("F"), 6L, c("_T"), 11L);
        assertThat(DisclosureControl.suppress(table, List.of(0), 5)).isEmpty();
    }

    @Test
    void twoSmallCellsWhoseSumPinsOneDownTakeAThirdWithThem() {
        // M=1 F=2 _U=9 _T=12: with only M and F hidden the attacker knows M + F = 3, both >= 1, so F is in [1, 2]:
        // F = 2 cannot reach 2 + 15 % (whole numbers: 3). _U (9 < 12) goes too: then F is in [1, 10].
        Map<List<String>, Long> table = Map.of(c("M"), 1L, c("F"), 2L, c("_U"), 9L, c("_T"), 12L);
        assertThat(DisclosureControl.suppress(table, List.of(0), 5)).containsExactlyInAnyOrder(c("M"), c("F"),
                c("_U"));
    }

    @Test
    void withoutAProtectionIntervalTwoDifferentSmallCellsProtectEachOther() {
        // p = 0: only "not a single value" is asked; M + F = 3 leaves M in [1, 2] and F in [1, 2].
        Map<List<String>, Long> table = Map.of(c("M"), 1L, c("F"), 2L, c("_U"), 9L, c("_T"), 12L);
        assertThat(DisclosureControl.suppress(table, List.of(0), 5, 0)).containsExactlyInAnyOrder(c("M"), c("F"));
    }

    @Test
    void aTableWithOneDurationKeepsItsMarginBySex() {
        // IMM: M/Y20T24 = 1, M/Y30T34 = 6, F/Y30T34 = 2, one DURATION code (so each cell has a DURATION = _T twin).
        // The margin M = 7 is kept first; the total 9 would then give F = 2, so it goes. _T/Y30T34 = 8 with M = 7
        // leaves M/Y30T34 = b in [1, 6], M/Y20T24 = 7 - b, F = 8 - b in [2, 7]: F = 2 could not be told from below
        // (it must reach 1), so _T/Y30T34 goes too. What stays: M = 7 (and its DURATION twin); every small cell then
        // has a wide range (M/Y20T24 in [1, 6], F unbounded).
        Map<List<String>, Long> table = new LinkedHashMap<>();
        long[][] inner = {{1, 6}, {0, 2}};
        String[] sexes = {"M", "F"};
        String[] ages = {"Y20T24", "Y30T34"};
        for (int s = 0; s < 2; s++) {
            for (int a = 0; a < 2; a++) {
                if (inner[s][a] == 0) {
                    continue;
                }
                for (String sex : List.of(sexes[s], "_T")) {
                    for (String age : List.of(ages[a], "_T")) {
                        for (String duration : List.of("LONG_TERM", "_T")) {
                            table.merge(c("IMM", sex, age, duration), inner[s][a], Long::sum);
                        }
                    }
                }
            }
        }
        Set<List<String>> suppressed = DisclosureControl.suppress(table, List.of(1, 2, 3), 5, 15, List.of(1));
        Set<List<String>> published = new java.util.HashSet<>(table.keySet());
        published.removeAll(suppressed);
        assertThat(published).containsExactlyInAnyOrder(c("IMM", "M", "_T", "_T"), c("IMM", "M", "_T", "LONG_TERM"));
    }
}
