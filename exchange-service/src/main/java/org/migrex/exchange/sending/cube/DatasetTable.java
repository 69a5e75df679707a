package org.migrex.exchange.sending.cube;

import org.migrex.exchange.dataflow.Cell;
import org.migrex.exchange.dataflow.Dataflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.schema.Observation;

/**
 * The table one agreement delivers for one period, computed from the period's cells of the agreement's dataflow.
 *
 * <p>Rule: keep the cells the agreement covers (its dataflow, its filter); project each onto the kept dimensions
 * (summing over the others); for every subset of the totalled dimensions (kept, and marked totalled by the dataflow:
 * MIGR_FLOW all but FLOW and TIME_PERIOD, MIGR_PERMITS all but PERMIT_TYPE and TIME_PERIOD) add the count also to the
 * coordinate where those dimensions read {@code _T}; leave out coordinates whose count is 0; apply
 * {@link DisclosureControl}. A suppressed observation has no value and CONF_STATUS {@code C}, all others {@code F}.
 *
 * @param observations the observations, ordered by coordinate
 * @param suppressed how many of them are suppressed
 * @param disclosure the table's true counts and what disclosure control did to them (stays on this node)
 * @param cells the period's cells it was computed from (stays on this node): the joint attacker of
 *     {@link DisclosureCheck} reads the tables published before against them
 */
public record DatasetTable(List<Observation> observations, int suppressed, DisclosureControl.Suppression disclosure,
        Map<Cell, Long> cells) {
    public static final String FREE = "F";
    public static final String CONFIDENTIAL = "C";
    /** The dimension whose one-way margins disclosure control keeps published first. */
    public static final String HEADLINE_DIMENSION = "SEX";

    /**
     * Coordinates ordered code by code. (Ordering by {@code List.toString()} rendered every coordinate on every
     * comparison and took nine tenths of building a table.)
     */
    static final Comparator<List<String>> COORDINATE_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int byCode = a.get(i).compareTo(b.get(i));
            if (byCode != 0) {
                return byCode;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    /** A table whose cells are not at hand (tests of the check of what leaves). */
    public DatasetTable(List<Observation> observations, int suppressed, DisclosureControl.Suppression disclosure) {
        this(observations, suppressed, disclosure, Map.of());
    }

    /** The disclosed table of the agreement over the given cells (cells of other periods must not be passed). */
    public static DatasetTable of(ExchangeAgreement agreement, Map<Cell, Long> cells) {
        return of(agreement, cells, List.of());
    }

    /**
     * The disclosed table, for a period of which {@code earlier} tables were published to the partner already: the
     * suppression is linked to them ({@link LinkedTables}), so that a cell suppressed before stays suppressed while its
     * count is the same; and, where the joint attacker breaks it with earlier tables of other dimensions, suppresses
     * more ({@link JointRepair}).
     */
    public static DatasetTable of(ExchangeAgreement agreement, Map<Cell, Long> cells, List<PublishedTable> earlier) {
        List<String> keep = agreement.keep();
        List<Integer> totalled = agreement.totalledDimensions().stream().map(keep::indexOf).toList();
        Map<List<String>, Long> table = project(agreement.dataflow(), agreement.filter(), keep, totalled, cells);
        LinearTable linear = LinearTable.of(table, totalled);
        List<PublishedTable> sameDataflow = PublishedTable.ofDataflow(agreement.dataflow().id(), earlier);
        LinkedTables linked = LinkedTables.of(keep, linear, sameDataflow);
        DisclosureControl.Suppression disclosure = JointRepair.repair(agreement, DisclosureControl.control(linear,
                agreement.k(), new ProtectionRule(agreement.protectionPercent()), headline(keep, totalled), linked),
                linked, sameDataflow, cells, headline(keep, totalled));
        Set<List<String>> suppressed = disclosure.coordinates();
        List<Observation> observations = new ArrayList<>(table.size());
        table.forEach((coordinate, count) -> {
            Map<String, String> dimensions = new LinkedHashMap<>();
            for (int i = 0; i < keep.size(); i++) {
                dimensions.put(keep.get(i), coordinate.get(i));
            }
            boolean hidden = suppressed.contains(coordinate);
            observations.add(new Observation(dimensions, hidden ? null : count, hidden ? CONFIDENTIAL : FREE));
        });
        return new DatasetTable(List.copyOf(observations), suppressed.size(), disclosure,
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cells)));
    }

    /**
     * The table's cells with their counts (the rule above, before disclosure control): the cells of the dataflow that
     * the filter lets through, projected onto {@code keep}, with the {@code _T} totals over {@code totalled} (indices
     * into keep); coordinates with no count are left out.
     */
    static Map<List<String>, Long> project(Dataflow<?> dataflow, Map<String, Set<String>> filter, List<String> keep,
            List<Integer> totalled, Map<Cell, Long> cells) {
        Map<List<String>, Long> table = new TreeMap<>(COORDINATE_ORDER);
        cells.forEach((cell, count) -> {
            if (count == null || count <= 0 || cell.dataflow() != dataflow || !passes(filter, cell)) {
                return;
            }
            List<String> coordinate = keep.stream().map(cell::code).toList();
            for (int mask = 0; mask < 1 << totalled.size(); mask++) {
                List<String> target = new ArrayList<>(coordinate);
                for (int bit = 0; bit < totalled.size(); bit++) {
                    if ((mask & 1 << bit) != 0) {
                        target.set(totalled.get(bit), Dataflow.TOTAL);
                    }
                }
                table.merge(List.copyOf(target), count, Long::sum);
            }
        });
        return table;
    }

    private static boolean passes(Map<String, Set<String>> filter, Cell cell) {
        for (Map.Entry<String, Set<String>> entry : filter.entrySet()) {
            if (!entry.getValue().contains(cell.code(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** SEX, when totalled: the region asked for gender statistics, so its margins are the last to be suppressed. */
    static List<Integer> headline(List<String> keep, List<Integer> totalled) {
        int sex = keep.indexOf(HEADLINE_DIMENSION);
        return totalled.contains(sex) ? List.of(sex) : List.of();
    }
}
