package org.migrex.harmonization.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.migrex.schema.QuarantineReason;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        count(RECORDS, List.of("outcome", "harmonized", "path", path));
    }

    public void deleted(String path) {
        count(RECORDS, List.of("outcome", "deleted", "path", path));
    }

    public void deadLettered() {
        count(RECORDS, List.of("outcome", "dead_lettered", "path", "live"));
    }

    public void quarantined(String path, List<QuarantineReason> reasons) {
        count(RECORDS, List.of("outcome", "quarantined", "path", path));
        for (QuarantineReason reason : reasons) {
            count(REASONS, List.of("rule", reason.getRule(), "field", reason.getField()));
        }
    }

    /**
     * Counts one occurrence under the meter {@code name} with the given tag pairs: at once outside a transaction, else
     * in the transaction's tally, which is added to the meters in one step when it commits (one synchronization per
     * transaction, not one per record: a transaction holds up to thousands of records).
     */
    private void count(String name, List<String> tags) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            counter(name, tags).increment();
            return;
        }
        Tally tally = (Tally) TransactionSynchronizationManager.getResource(this);
        if (tally == null) {
            tally = new Tally();
            TransactionSynchronizationManager.bindResource(this, tally);
            TransactionSynchronizationManager.registerSynchronization(tally);
        }
        tally.counts.merge(new MeterKey(name, tags), 1L, Long::sum);
    }

    private Counter counter(String name, List<String> tags) {
        return Counter.builder(name)
                .description(name.equals(RECORDS) ? "Raw records processed, by outcome"
                        : "Reasons of quarantined records, by rule and field")
                .tags(tags.toArray(String[]::new)).register(registry);
    }

    private record MeterKey(String name, List<String> tags) {
    }

    /** What one transaction counted; reaches the meters only if it commits. */
    private final class Tally implements TransactionSynchronization {
        private final Map<MeterKey, Long> counts = new HashMap<>();

        @Override
        public void afterCommit() {
            counts.forEach((key, n) -> counter(key.name(), key.tags()).increment(n));
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(HarmonizationMetrics.this);
        }
    }
}
