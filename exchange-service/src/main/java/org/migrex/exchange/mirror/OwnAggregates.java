package org.migrex.exchange.mirror;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.migrex.schema.MigrationAggregate;

/**
 * This node's own {@code MIGR_FLOW} cube cells as the compacted {@code <cc>.aggregates} topic holds them: the latest
 * value per cell key; a tombstone or a count of 0 removes the cell. In memory, rebuilt at start from the beginning of
 * the topic by {@link AggregatesFollower}.
 */
public final class OwnAggregates {
    private final ConcurrentMap<String, MigrationAggregate> cells = new ConcurrentHashMap<>();

    /** Applies one record of the aggregates topic ({@code value} null for a tombstone). */
    public void apply(String key, MigrationAggregate value) {
        if (value == null || value.getCount() <= 0) {
            cells.remove(key);
        } else {
            cells.put(key, value);
        }
    }

    public Collection<MigrationAggregate> cells() {
        return List.copyOf(cells.values());
    }

    public int size() {
        return cells.size();
    }
}
