package org.migrex.exchange.dataflow;

import java.util.List;
import java.util.function.Function;

/**
 * The definition of one dataflow, from which its cube key, the Avro aggregate's dimension map, the dataset
 * projection (agreements name these dimension ids), the SDMX structures and the mirror table derive: its
 * dimensions in order, each with its code list and the harmonized field it is read from, its measure and unit of
 * count, and the counted unit each dimension's code is read from. A new dataflow (MIGR_STOCK, MIGR_PERMITS, ...) is
 * a new constant in {@link Dataflows}, not new code in the topology.
 *
 * @param <U> what one unit of count is read from: for {@code MIGR_FLOW} a counted registration of a person
 *            ({@code org.migrex.statistics.Registration}), after the renewal rule has decided that it counts
 *
 * @param id dataflow id ({@code MIGR_FLOW})
 * @param agency SDMX maintenance agency
 * @param version SDMX version of the structure
 * @param name human name
 * @param dimensions dimensions in key order; the last is the time dimension
 * @param measure the measure's id ({@code OBS_VALUE})
 * @param unitOfCount what one unit of the measure is (e.g. {@code persons})
 */
public record Dataflow<U>(String id, String agency, String version, String name, List<Dimension<U>> dimensions,
        String measure, String unitOfCount) {

    /**
     * A dimension.
     *
     * @param id SDMX dimension id
     * @param name human name
     * @param codelistId its code list, or null for the (uncoded) time dimension
     * @param code the dimension's code of a counted unit
     * @param <U> the counted unit
     */
    public record Dimension<U>(String id, String name, String codelistId, Function<U, String> code) {
    }

    public Dataflow {
        dimensions = List.copyOf(dimensions);
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("dataflow " + id + " has no dimensions");
        }
    }

    /** Dimension ids in key order. */
    public List<String> dimensionIds() {
        return dimensions.stream().map(Dimension::id).toList();
    }

    /** The time dimension (the last). */
    public Dimension<U> timeDimension() {
        return dimensions.getLast();
    }
}
