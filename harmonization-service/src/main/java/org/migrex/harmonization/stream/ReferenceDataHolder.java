package org.migrex.harmonization.stream;

import org.migrex.harmonization.reference.ReferenceData;
import org.migrex.harmonization.reference.ReferenceDataLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The reference data in use; replaced as a whole by {@link #reload()}, so a record never sees half of a change. */
public class ReferenceDataHolder {
    private static final Logger log = LoggerFactory.getLogger(ReferenceDataHolder.class);

    private final ReferenceDataLoader loader;
    private volatile ReferenceData current;

    /** Loads at construction: invalid reference data stops the service at start with the file, line and value. */
    public ReferenceDataHolder(ReferenceDataLoader loader) {
        this.loader = loader;
        this.current = loader.load();
        log.info("reference data {} loaded", current.version());
    }

    public ReferenceData current() {
        return current;
    }

    /** Re-reads the files; on failure the previous data stays in use and the exception names the problem. */
    public ReferenceData reload() {
        ReferenceData fresh = loader.load();
        if (!fresh.version().equals(current.version())) {
            log.info("reference data {} replaces {}", fresh.version(), current.version());
        }
        current = fresh;
        return fresh;
    }
}
