package org.migrex.exchange.dataflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.migrex.statistics.Registration;

/**
 * A cell of the {@code MIGR_FLOW} cube: one code per dimension, in the dataflow's dimension order
 * {@code REF_AREA|FLOW|COUNTERPART_AREA|CITIZENSHIP|SEX|AGE|PURPOSE|DURATION|TIME_PERIOD}.
 *
 * @param codes the codes, in {@link #DIMENSIONS} order
 */
public record MigrFlowCell(List<String> codes) {
    public static final String DATAFLOW = Dataflows.MIGR_FLOW.id();
    public static final String TOTAL = "_T";
    public static final String FLOW = "FLOW";
    public static final String TIME_PERIOD = "TIME_PERIOD";
    /** Dimension ids in dataflow order (the order of the aggregate key), from {@link Dataflows#MIGR_FLOW}. */
    public static final List<String> DIMENSIONS = Dataflows.MIGR_FLOW.dimensionIds();
    private static final int PERIOD_INDEX = DIMENSIONS.indexOf(TIME_PERIOD);

    public MigrFlowCell {
        codes = List.copyOf(codes);
        if (codes.size() != DIMENSIONS.size()) {
            throw new IllegalArgumentException("a MIGR_FLOW cell has " + DIMENSIONS.size() + " codes, not " + codes);
        }
    }

    /** The cell a counted registration counts in: its own codes, in dimension order. */
    public static MigrFlowCell of(Registration counted) {
        List<String> codes = new java.util.ArrayList<>(DIMENSIONS.size());
        for (Dataflow.Dimension<Registration> dimension : Dataflows.MIGR_FLOW.dimensions()) {
            codes.add(dimension.code().apply(counted));
        }
        return new MigrFlowCell(codes);
    }

    /** The cell of an aggregate's dimension map (dimension id to code), read in dimension order. */
    public static MigrFlowCell of(Map<String, String> dimensions) {
        List<String> codes = new java.util.ArrayList<>(DIMENSIONS.size());
        for (String dimension : DIMENSIONS) {
            String code = dimensions.get(dimension);
            if (code == null) {
                throw new IllegalArgumentException("a MIGR_FLOW cell needs a code for " + dimension + "; got "
                        + dimensions);
            }
            codes.add(code);
        }
        return new MigrFlowCell(codes);
    }

    /** Parses an aggregate key (codes joined with '|'). */
    public static MigrFlowCell parse(String key) {
        return new MigrFlowCell(List.of(key.split("\\|", -1)));
    }

    /** The aggregate key: the codes joined with '|' in dimension order. */
    public String key() {
        return String.join("|", codes);
    }

    public String period() {
        return codes.get(PERIOD_INDEX);
    }

    /** The code of the named dimension. */
    public String code(String dimension) {
        int index = DIMENSIONS.indexOf(dimension);
        if (index < 0) {
            throw new IllegalArgumentException("MIGR_FLOW has no dimension " + dimension);
        }
        return codes.get(index);
    }

    /** Dimension id to code, in dimension order. */
    public Map<String, String> dimensions() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < DIMENSIONS.size(); i++) {
            map.put(DIMENSIONS.get(i), codes.get(i));
        }
        return map;
    }
}
