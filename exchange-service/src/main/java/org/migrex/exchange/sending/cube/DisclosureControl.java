package org.migrex.exchange.sending.cube;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cell suppression for a table of counts with {@code _T} margins.
 *
 * <p><b>Primary suppression:</b> every cell with {@code 0 < count < k}. <b>Secondary suppression:</b> a <i>line</i> of
 * the table is the set of cells that differ only in one totalled dimension, the other coordinates fixed at any code
 * (including {@code _T}); it contains its own total. Its cells sum to its total, so a line with exactly one suppressed
 * entry would give that entry away by subtraction. While some line has exactly one suppressed entry, the smallest
 * unsuppressed non-zero entry of that line (ties: the first coordinate in lexicographic order) is suppressed too.
 * Suppressions only grow, so the loop ends.
 *
 * <p>Cells with count 0 are absent from the table and are known to be zero; they are never suppressed.
 *
 * <p><b>Limits:</b> this guards each single line equation. It does not solve the linear system of all lines together,
 * so in tables of three or more totalled dimensions a suppressed value can in rare patterns still be narrowed to an
 * interval, or derived, from several lines combined. The property test checks the single-line rule only.
 */
public final class DisclosureControl {
    private DisclosureControl() {
    }

    /**
     * The coordinates to suppress.
     *
     * @param table coordinate (one code per dimension, {@code _T} for a total) to count; zero counts are ignored
     * @param totalled indices of the dimensions that carry a {@code _T} total (the line directions)
     * @param k threshold: counts {@code 0 < count < k} are primary suppressions
     */
    public static Set<List<String>> suppress(Map<List<String>, Long> table, List<Integer> totalled, int k) {
        Map<List<String>, Long> present = new LinkedHashMap<>();
        table.forEach((coordinate, count) -> {
            if (count != null && count > 0) {
                present.put(coordinate, count);
            }
        });
        Set<List<String>> suppressed = new HashSet<>();
        present.forEach((coordinate, count) -> {
            if (count < k) {
                suppressed.add(coordinate);
            }
        });
        List<List<List<String>>> lines = lines(present.keySet(), totalled);
        Comparator<List<String>> smallestFirst = Comparator.<List<String>>comparingLong(present::get)
                .thenComparing(DatasetTable.COORDINATE_ORDER);
        boolean changed = !suppressed.isEmpty();
        while (changed) {
            changed = false;
            for (List<List<String>> line : lines) {
                long count = line.stream().filter(suppressed::contains).count();
                if (count == 1) {
                    List<String> extra = line.stream().filter(c -> !suppressed.contains(c)).min(smallestFirst)
                            .orElseThrow(() -> new IllegalStateException("line " + line + " has no other entry"));
                    suppressed.add(extra);
                    changed = true;
                }
            }
        }
        return suppressed;
    }

    /** The lines of the table: coordinates grouped by all codes except the one of a totalled dimension. */
    static List<List<List<String>>> lines(Set<List<String>> coordinates, List<Integer> totalled) {
        List<List<List<String>>> lines = new ArrayList<>();
        for (int dimension : totalled) {
            Map<List<String>, List<List<String>>> byRest = new LinkedHashMap<>();
            for (List<String> coordinate : coordinates) {
                List<String> rest = new ArrayList<>(coordinate);
                rest.set(dimension, "*");
                byRest.computeIfAbsent(rest, r -> new ArrayList<>()).add(coordinate);
            }
            lines.addAll(byRest.values());
        }
        return lines;
    }
}
