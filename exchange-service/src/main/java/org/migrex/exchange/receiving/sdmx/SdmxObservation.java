package org.migrex.exchange.receiving.sdmx;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One observation of a dataflow as SDMX sees it: a code for every dimension of the dataflow, the count ({@code null}
 * when suppressed), {@code CONF_STATUS}, and when it last changed at its source ({@code updatedAt}, null when not
 * known): what {@code updatedAfter} selects on.
 */
public record SdmxObservation(Map<String, String> key, Long value, String confStatus, Instant updatedAt) {
    public SdmxObservation(Map<String, String> key, Long value, String confStatus) {
        this(key, value, confStatus, null);
    }

    public SdmxObservation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(confStatus, "confStatus");
        key = Map.copyOf(key);
    }

    public String code(String dimension) {
        return key.get(dimension);
    }
}
