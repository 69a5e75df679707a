package org.migrex.harmonization.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.migrex.schema.QuarantineReason;

import java.util.List;

/**
 * Counters an operator asks for first.
 *
 * <ul>
 *   <li>{@code migrex.harmonization.records{outcome=harmonized|quarantined|deleted|dead_lettered, path=live|replay}}</li>
 *   <li>{@code migrex.harmonization.quarantine.reasons{rule=..., field=...}}: one per reason of a quarantined record</li>
 * </ul>
 * Counted when the processor produces the outcome, inside the Kafka Streams transaction: Kafka Streams offers no
 * per-transaction commit callback, so a transaction that aborts (a crash, a fenced task) and is processed again is
 * counted again. The topics are exactly once; these counters are at least once (docs/operations.md).
 */
public class HarmonizationMetrics {
    public static final String RECORDS = "migrex.harmonization.records";
    public static final String REASONS = "migrex.harmonization.quarantine.reasons";

    private final MeterRegistry registry;

    public HarmonizationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void harmonized(String path) {
        records("harmonized", path).increment();
    }

    public void deleted(String path) {
        records("deleted", path).increment();
    }

    public void deadLettered() {
        records("dead_lettered", "live").increment();
    }

    public void quarantined(String path, List<QuarantineReason> reasons) {
        records("quarantined", path).increment();
        for (QuarantineReason reason : reasons) {
            Counter.builder(REASONS).description("Reasons of quarantined records, by rule and field")
                    .tags("rule", reason.getRule(), "field", reason.getField()).register(registry).increment();
        }
    }

    private Counter records(String outcome, String path) {
        return Counter.builder(RECORDS).description("Raw records processed, by outcome")
                .tags("outcome", outcome, "path", path).register(registry);
    }
}
