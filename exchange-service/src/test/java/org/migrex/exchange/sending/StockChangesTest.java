package org.migrex.exchange.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.migrex.statistics.Stock.StockMember;
import org.migrex.statistics.Stock.StockMove;

class StockChangesTest {
    private static final StockMember AGE_30 = new StockMember("KAZ", "KGZ", "KGZ", "F", "Y30T34");
    private static final StockMember AGE_35 = new StockMember("KAZ", "KGZ", "KGZ", "F", "Y35T39");

    private static YearMonth m(String month) {
        return YearMonth.parse(month);
    }

    @Test
    void consecutiveMonthsInOneCellAreOneRunAndABirthdaySplitsThem() {
        // arrived before 2025-11, turns 35 in January 2026: Nov, Dec in Y30T34, Jan, Feb in Y35T39
        List<StockMove> moves = List.of(
                new StockMove(m("2025-11"), Optional.empty(), Optional.of(AGE_30)),
                new StockMove(m("2025-12"), Optional.empty(), Optional.of(AGE_30)),
                new StockMove(m("2026-01"), Optional.empty(), Optional.of(AGE_35)),
                new StockMove(m("2026-02"), Optional.empty(), Optional.of(AGE_35)));
        assertEquals(List.of(
                        new StockChanges.Run(AGE_30, m("2025-11"), m("2025-12"), 1),
                        new StockChanges.Run(AGE_35, m("2026-01"), m("2026-02"), 1)),
                StockChanges.runsOf(moves));
    }

    @Test
    void aCorrectionRemovesOneRunAndAddsAnotherAndAGapEndsARun() {
        // a correction moves the person from Y30T34 to Y35T39 in Mar and Apr; May is unchanged (no move); in June
        // the person leaves the stock
        List<StockMove> moves = List.of(
                new StockMove(m("2026-03"), Optional.of(AGE_30), Optional.of(AGE_35)),
                new StockMove(m("2026-04"), Optional.of(AGE_30), Optional.of(AGE_35)),
                new StockMove(m("2026-06"), Optional.of(AGE_30), Optional.empty()));
        assertEquals(List.of(
                        new StockChanges.Run(AGE_30, m("2026-03"), m("2026-04"), -1),
                        new StockChanges.Run(AGE_35, m("2026-03"), m("2026-04"), 1),
                        new StockChanges.Run(AGE_30, m("2026-06"), m("2026-06"), -1)),
                StockChanges.runsOf(moves));
    }

    @Test
    void summedDifferencesExpandToTheSumOfThePerMonthDeltas() {
        // runs of one cell: +1 Jan..Mar, +1 Feb..Feb, -1 Mar..Apr (by hand: Jan 1, Feb 2, Mar 0, Apr -1)
        TreeMap<YearMonth, Long> differences = new TreeMap<>(Map.of(
                m("2026-01"), 1L, // +1 from Jan
                m("2026-02"), 1L, // +1 from Feb
                m("2026-03"), -1L - 1L, // Feb's run ends (-1 at Mar), and -1 from Mar
                m("2026-04"), -1L, // Jan..Mar ends
                m("2026-05"), 1L)); // Mar..Apr's -1 ends
        assertEquals(List.of(Map.entry(m("2026-01"), 1L), Map.entry(m("2026-02"), 2L),
                Map.entry(m("2026-04"), -1L)), StockChanges.expand(differences));
    }

    @Test
    void differencesThatDoNotAddUpToZeroAreABugNotAFigure() {
        TreeMap<YearMonth, Long> differences = new TreeMap<>(Map.of(m("2026-01"), 1L, m("2026-03"), 0L + 2L));
        assertThrows(IllegalStateException.class, () -> StockChanges.expand(differences));
    }

    @Test
    void aYearEndIsCrossed() {
        TreeMap<YearMonth, Long> differences = new TreeMap<>(Map.of(m("2025-12"), 3L, m("2026-02"), -3L));
        assertEquals(List.of(Map.entry(m("2025-12"), 3L), Map.entry(m("2026-01"), 3L)),
                StockChanges.expand(differences));
    }
}
