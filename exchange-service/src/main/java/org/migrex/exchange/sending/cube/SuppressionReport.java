package org.migrex.exchange.sending.cube;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How much one table lost to disclosure control: over-suppression is a defect too.
 *
 * @param cells present cells (published or suppressed)
 * @param suppressed suppressed cells
 * @param margins present cells with {@code _T} in some totalled dimension
 * @param suppressedMargins suppressed ones among them
 * @param headlineMargins one-way margins of the headline dimension (the totals by sex) that are at least k
 * @param headlineMarginsPublished published ones among them
 */
public record SuppressionReport(int cells, int suppressed, int margins, int suppressedMargins, int headlineMargins,
        int headlineMarginsPublished) {

    static SuppressionReport of(LinearTable table, Set<Integer> suppressed, List<Integer> headline, int k) {
        int margins = 0;
        int suppressedMargins = 0;
        int headlineMargins = 0;
        int headlinePublished = 0;
        for (int i = 0; i < table.size(); i++) {
            int cell = i;
            if (!table.isMargin(cell)) {
                continue;
            }
            margins++;
            boolean hidden = suppressed.contains(cell);
            if (hidden) {
                suppressedMargins++;
            }
            boolean oneWay = table.totalCount(cell) == table.totalled().size() - 1
                    && headline.stream().anyMatch(h -> !LinearTable.TOTAL.equals(table.coordinate(cell).get(h)));
            if (oneWay && table.count(cell) >= k) {
                headlineMargins++;
                if (!hidden) {
                    headlinePublished++;
                }
            }
        }
        return new SuppressionReport(table.size(), suppressed.size(), margins, suppressedMargins, headlineMargins,
                headlinePublished);
    }

    /** Suppressed cells / present cells (0 for an empty table). */
    public double suppressedShare() {
        return cells == 0 ? 0 : (double) suppressed / cells;
    }

    /** Suppressed margins / present margins (0 without margins). */
    public double suppressedMarginShare() {
        return margins == 0 ? 0 : (double) suppressedMargins / margins;
    }

    /** One line for the audit record and the log: counts of cells only, never a cell's value. */
    public String summary() {
        return String.format(Locale.ROOT, "suppressed %d of %d cells (%.1f %%), %d of %d margins (%.1f %%);"
                        + " margins by sex >= k published: %d of %d", suppressed, cells, 100 * suppressedShare(),
                suppressedMargins, margins, 100 * suppressedMarginShare(), headlineMarginsPublished, headlineMargins);
    }
}
