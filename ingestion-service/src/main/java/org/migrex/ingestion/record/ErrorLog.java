package org.migrex.ingestion.record;

import java.util.ArrayList;
import java.util.List;

/** The errors of one upload: the first {@code limit} in detail, the rest only counted, so memory stays bounded. */
public final class ErrorLog {
    private final int limit;
    private final List<RowError> listed = new ArrayList<>();
    private long notListed;

    public ErrorLog(int limit) {
        this.limit = limit;
    }

    public void add(RowError error) {
        if (listed.size() < limit) {
            listed.add(error);
        } else {
            notListed++;
        }
    }

    public List<RowError> listed() {
        return List.copyOf(listed);
    }

    public long notListed() {
        return notListed;
    }
}
