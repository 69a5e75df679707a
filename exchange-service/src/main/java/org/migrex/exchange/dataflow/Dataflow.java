package org.migrex.exchange.dataflow;

import java.util.List;
import java.util.function.Function;
import org.migrex.schema.HarmonizedMigrationEvent;

/**
 * The definition of one dataflow, from which its cube key, the Avro aggregate's dimension map, the dataset
 * projection (agreements name these dimension ids), the SDMX structures and the mirror table derive: its
 * dimensions in order, each with its code list and the harmonized field it is read from, its measure and unit of
 * count, and which events it counts. A new dataflow (MIGR_STOCK, MIGR_PERMITS, ...) is a new constant in
 * {@link Dataflows}, not new code in the topology.
 *
 * @param id dataflow id ({@code MIGR_FLOW})
 * @param agency SDMX maintenance agency
 * @param version SDMX version of the structure
 * @param name human name
 * @param dimensions dimensions in key order; the last is the time dimension
 * @param measure the measure's id ({@code OBS_VALUE})
 * @param unitOfCount what one unit of the measure is (e.g. {@code events})
 * @param counts which harmonized events the dataflow counts
 */
public record Dataflow(String id, String agency, String version, String name, List<Dimension> dimensions,
        String measure, String unitOfCount, java.util.function.Predicate<HarmonizedMigrationEvent> counts) {

    /**
     * A dimension.
     *
     * @param id SDMX dimension id
     * @param name human name
     * @param codelistId its code list, or null for the (uncoded) time dimension
     * @param code the dimension's code of a harmonized event
     */
    public record Dimension(String id, String name, String codelistId, Function<HarmonizedMigrationEvent, String> code) {
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
    public Dimension timeDimension() {
        return dimensions.getLast();
    }
}
