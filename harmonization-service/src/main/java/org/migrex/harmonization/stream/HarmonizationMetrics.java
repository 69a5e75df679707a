package org.migrex.harmonization.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.migrex.schema.QuarantineReason;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;

/**
 * Counters an operator asks for first, incremented only when the Kafka transaction that wrote the outcome commits
 * (an aborted, retried batch is not counted twice).
 *
 * <ul>
 *   <li>{@code migrex.harmonization.records{outcome=harmonized|quarantined|deleted|dead_lettered, path=live|replay}}</li>
 *   <li>{@code migrex.harmonization.quarantine.reasons{rule=..., field=...}}: one per reason of a quarantined record</li>
 * </ul>
 */
public class HarmonizationMetrics {
    public static final String RECORDS = "migrex.harmonization.records";
    public static final String REASONS = "migrex.harmonization.quarantine.reasons";

    private final MeterRegistry registry;

    public HarmonizationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void harmonized(String path) {
        afterCommit(() -> records("harmonized", path).increment());
    }

    public void deleted(String path) {
        afterCommit(() -> records("deleted", path).increment());
    }

    public void deadLettered() {
        afterCommit(() -> records("dead_lettered", "live").increment());
    }

    public void quarantined(String path, List<QuarantineReason> reasons) {
        afterCommit(() -> {
            records("quarantined", path).increment();
            for (QuarantineReason reason : reasons) {
                Counter.builder(REASONS).description("Reasons of quarantined records, by rule and field")
                        .tag("rule", reason.getRule()).tag("field", reason.getField())
                        .register(registry).increment();
            }
        });
    }

    private Counter records(String outcome, String path) {
        return Counter.builder(RECORDS).description("Raw records processed, by outcome")
                .tag("outcome", outcome).tag("path", path).register(registry);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
