package org.migrex.exchange.receiving.sdmx;

import java.util.Map;
import java.util.Objects;

/**
 * One observation of a dataflow as SDMX sees it: a code for every dimension of the dataflow, the count ({@code null}
 * when suppressed) and {@code CONF_STATUS}.
 */
public record SdmxObservation(Map<String, String> key, Long value, String confStatus) {
    public SdmxObservation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(confStatus, "confStatus");
        key = Map.copyOf(key);
    }

    public String code(String dimension) {
        return key.get(dimension);
    }
}
