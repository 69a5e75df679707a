package org.migrex.exchange.dataflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A cell of a dataflow's cube: the dataflow and one code per dimension, in the dataflow's dimension order
 * ({@code MIGR_FLOW}: {@code REF_AREA|FLOW|COUNTERPART_AREA|CITIZENSHIP|SEX|AGE|PURPOSE|DURATION|TIME_PERIOD}). Crosses
 * the topology as binary ({@link CellSerde}); its text form, {@link #key()}, is only the key on the compacted
 * {@code <cc>.aggregates} topic and in the delivery's period store.
 *
 * @param dataflow the dataflow (one of {@link Dataflows#all()})
 * @param codes the codes, in the dataflow's dimension order
 */
public record Cell(Dataflow<?> dataflow, List<String> codes) {

    public Cell {
        Objects.requireNonNull(dataflow, "dataflow");
        codes = List.copyOf(codes); // also refuses a null code
        if (codes.size() != dataflow.dimensionIds().size()) {
            throw new IllegalArgumentException("a " + dataflow.id() + " cell has " + dataflow.dimensionIds().size()
                    + " codes " + dataflow.dimensionIds() + ", not " + codes);
        }
    }

    /** The cell of an aggregate's dimension map (dimension id to code), read in the dataflow's dimension order. */
    public static Cell of(Dataflow<?> dataflow, Map<String, String> dimensions) {
        List<String> codes = new ArrayList<>(dataflow.dimensionIds().size());
        for (String dimension : dataflow.dimensionIds()) {
            String code = dimensions.get(dimension);
            if (code == null) {
                throw new IllegalArgumentException("a " + dataflow.id() + " cell needs a code for " + dimension
                        + "; got " + dimensions);
            }
            codes.add(code);
        }
        return new Cell(dataflow, codes);
    }

    /**
     * Parses a {@link #key()}: when its first part is the id of a dataflow, a cell of that dataflow with the parts that
     * follow; otherwise a cell of {@link Dataflows#UNPREFIXED}. (A first code is a REF_AREA, an ISO alpha-3 code,
     * which is never a dataflow id.)
     */
    public static Cell parse(String key) {
        List<String> parts = List.of(key.split("\\|", -1));
        var prefixed = Dataflows.find(parts.getFirst()).filter(d -> d != Dataflows.UNPREFIXED);
        return prefixed.isPresent() ? new Cell(prefixed.get(), parts.subList(1, parts.size()))
                : new Cell(Dataflows.UNPREFIXED, parts);
    }

    /**
     * The aggregate key: the codes joined with '|' in dimension order, preceded by {@code <dataflow id>|} for every
     * dataflow but {@link Dataflows#UNPREFIXED} ({@code MIGR_FLOW}), whose keys were on the compacted topic before
     * there was a second dataflow and must stay the same so that no cell is counted under two keys after an upgrade.
     */
    public String key() {
        String codesKey = String.join("|", codes);
        return dataflow == Dataflows.UNPREFIXED ? codesKey : dataflow.id() + "|" + codesKey;
    }

    /** The code of the time dimension: a period of the dataflow's {@link Dataflow#periodType()}. */
    public String period() {
        return codes.getLast();
    }

    /** The code of the named dimension. */
    public String code(String dimension) {
        int index = dataflow.indexOf(dimension);
        if (index < 0) {
            throw new IllegalArgumentException(dataflow.id() + " has no dimension " + dimension + "; it has "
                    + dataflow.dimensionIds());
        }
        return codes.get(index);
    }

    /** Dimension id to code, in dimension order. */
    public Map<String, String> dimensions() {
        Map<String, String> map = new LinkedHashMap<>();
        List<String> ids = dataflow.dimensionIds();
        for (int i = 0; i < ids.size(); i++) {
            map.put(ids.get(i), codes.get(i));
        }
        return map;
    }
}
