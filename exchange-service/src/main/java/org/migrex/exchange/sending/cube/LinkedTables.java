package org.migrex.exchange.sending.cube;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the partner already holds of a period, as it bears on a new table of the same period: the tables published to
 * it before (earlier revisions, other agreements with the same dimensions), read with the differencing attacker's
 * assumption that a cell whose count did not change can be read off an earlier table.
 *
 * <p>Rule, for each present cell of the new table: it is <b>known</b> when an earlier table with the same dimensions
 * published it with the count it has now (suppressing it again hides nothing); it <b>stays suppressed</b> when an
 * earlier table the partner holds suppressed it (an earlier revision, another agreement with the same dimensions, or,
 * between a partner and the public release, the other's table) and its count is still the same, unless it is known
 * (publishing it now would hand the attacker that earlier table's value). A cell whose count changed tells the
 * attacker nothing exact about its earlier value, so it is free again.
 *
 * @param stillSuppressed cells of the new table suppressed before with the same count, and not known
 * @param known cells of the new table published before with the same count
 */
public record LinkedTables(Set<Integer> stillSuppressed, Set<Integer> known) {
    public static final LinkedTables NONE = new LinkedTables(Set.of(), Set.of());

    public LinkedTables {
        stillSuppressed = Set.copyOf(stillSuppressed);
        known = Set.copyOf(known);
    }

    /**
     * @param dimensions the new table's dimensions, in order: tables with other dimensions share no coordinate
     */
    public static LinkedTables of(List<String> dimensions, LinearTable table,
            List<PublishedTable> earlier) {
        Set<Integer> suppressedBefore = new TreeSet<>();
        Set<Integer> known = new TreeSet<>();
        for (PublishedTable before : earlier) {
            if (!before.dimensions().equals(dimensions)) {
                continue;
            }
            for (Map.Entry<List<String>, Long> entry : before.counts().entrySet()) {
                int cell = table.indexOf(entry.getKey());
                if (cell < 0 || table.count(cell) != entry.getValue()) {
                    continue;
                }
                if (!before.suppressed().contains(entry.getKey())) {
                    known.add(cell);
                } else {
                    suppressedBefore.add(cell);
                }
            }
        }
        suppressedBefore.removeAll(known);
        return new LinkedTables(suppressedBefore, known);
    }
}
