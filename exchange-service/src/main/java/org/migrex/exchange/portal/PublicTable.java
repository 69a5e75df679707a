package org.migrex.exchange.portal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.receiving.sdmx.SdmxObservation;

/**
 * One table of the public release as the portal lays it out, in codes: for one FLOW code (empty when the dataflow
 * has no FLOW), the age groups, sexes and duration classes present (code-list order; {@code ""} for a dimension the
 * dataflow lacks) and the observation of each (age, sex, duration), null where there is none (a zero). The HTML page
 * and the XLSX download are two drawings of it.
 */
public record PublicTable(String flow, List<String> ages, List<String> sexes, List<String> durations,
                          Map<List<String>, SdmxObservation> cells) {
    public PublicTable {
        cells = Map.copyOf(cells);
    }

    /** The observation at (age, sex, duration), or null. */
    public SdmxObservation cell(String age, String sex, String duration) {
        return cells.get(List.of(age, sex, duration));
    }

    /**
     * The tables of observations already selected for one period and counterpart (every other dimension at its
     * total): one per FLOW code, in code-list order.
     */
    public static List<PublicTable> of(Dataflow<?> df, List<SdmxObservation> shown) {
        List<String> flows = codes(df, shown, "FLOW");
        List<String> sexes = codes(df, shown, "SEX");
        List<String> durations = codes(df, shown, "DURATION");
        List<String> ages = codes(df, shown, "AGE");
        List<PublicTable> tables = new ArrayList<>();
        for (String flow : flows) {
            Map<List<String>, SdmxObservation> cells = new HashMap<>();
            for (SdmxObservation o : shown) {
                if (flow.isEmpty() || flow.equals(o.code("FLOW"))) {
                    cells.putIfAbsent(List.of(code(df, o, "AGE"), code(df, o, "SEX"), code(df, o, "DURATION")), o);
                }
            }
            tables.add(new PublicTable(flow, ages, sexes, durations, cells));
        }
        return tables;
    }

    private static String code(Dataflow<?> df, SdmxObservation o, String dimension) {
        return df.hasDimension(dimension) ? o.code(dimension) : "";
    }

    private static List<String> codes(Dataflow<?> df, List<SdmxObservation> observations, String dimension) {
        if (!df.hasDimension(dimension)) {
            return List.of("");
        }
        TreeSet<String> codes = new TreeSet<>(df.codeOrder(dimension));
        observations.forEach(o -> codes.add(o.code(dimension)));
        return List.copyOf(codes);
    }
}
