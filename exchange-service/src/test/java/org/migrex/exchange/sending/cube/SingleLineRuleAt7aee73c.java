package org.migrex.exchange.sending.cube;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The disclosure control of commit 7aee73c (main before issue 13), verbatim but for the class name: primary
 * {@code 0 < n < k}, then while a line has exactly one suppressed entry, its smallest unsuppressed entry is suppressed.
 * Kept in the tests only, to measure "before" on the same tables as "after" ({@link SuppressionFiguresTest}) and to
 * show the attacks it let through.
 */
final class SingleLineRuleAt7aee73c {
    private SingleLineRuleAt7aee73c() {
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
