package org.migrex.exchange.receiving.sdmx;
import org.migrex.exchange.dataflow.MigrFlowStructure;

import java.util.Map;
import java.util.Objects;

/**
 * One observation of {@code MIGR_FLOW} as SDMX sees it: a value for every dimension (in {@link MigrFlowStructure#DIMENSIONS}
 * order), the count ({@code null} when suppressed) and {@code CONF_STATUS}.
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
