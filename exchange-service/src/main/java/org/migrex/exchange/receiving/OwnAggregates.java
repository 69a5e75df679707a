package org.migrex.exchange.receiving;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.migrex.exchange.streams.QueryableStores;
import org.migrex.schema.MigrationAggregate;

/**
 * This node's own cube cells of every dataflow as the compacted {@code <cc>.aggregates} topic holds them, cells
 * with a count only: the receipt function's {@code own-aggregates} state store, read through interactive queries.
 */
public final class OwnAggregates {
    /** Name of the state store (kept by the receipt function). */
    public static final String STORE = "own-aggregates";
    private final QueryableStores stores;

    public OwnAggregates(QueryableStores stores) {
        this.stores = stores;
    }

    public Collection<MigrationAggregate> cells() {
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
