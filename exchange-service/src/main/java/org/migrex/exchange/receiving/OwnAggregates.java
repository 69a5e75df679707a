package org.migrex.exchange.receiving;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.migrex.exchange.streams.QueryableStores;
import org.migrex.schema.MigrationAggregate;

/**
 * This node's own cube cells of every dataflow as the compacted {@code <cc>.aggregates} topic holds them, cells
 * fallen to 0 included (kept so that SDMX {@code updatedAfter} can report a deletion with its instant): the receipt
 * function's {@code own-aggregates} state store, read through interactive queries.
 */
public final class OwnAggregates {
    /** Name of the state store (kept by the receipt function). */
    public static final String STORE = "own-aggregates";
    private final QueryableStores stores;

    public OwnAggregates(QueryableStores stores) {
        this.stores = stores;
    }

    /** The cells with a count above 0. */
    public Collection<MigrationAggregate> cells() {
        return allCells().stream().filter(c -> c.getCount() > 0).toList();
    }

    /** Every cell, those whose count fell to 0 included. */
    public Collection<MigrationAggregate> allCells() {
        return stores.<String, MigrationAggregate, List<MigrationAggregate>>read(STORE, store -> {
            List<MigrationAggregate> cells = new ArrayList<>();
            try (KeyValueIterator<String, MigrationAggregate> it = store.all()) {
                it.forEachRemaining(entry -> cells.add(entry.value));
            }
            return cells;
        });
    }

    public int size() {
        return cells().size();
    }
}
