package org.migrex.ingestion.kafka;

import java.util.BitSet;

import org.springframework.kafka.core.NoProducerAvailableException;
import org.springframework.kafka.core.TransactionIdSuffixStrategy;

/**
 * Hands out transactional-id suffixes {@code 0 .. max-1}, always the lowest free one, so at most {@code max} uploads
 * run at once and a suffix whose producer failed is the next one used. Reusing the transactional id makes the broker
 * abort the failed producer's open transaction at once (at {@code initTransactions}) instead of after
 * {@code transaction.timeout.ms}, during which read_committed consumers would wait.
 */
public final class LowestFreeSuffix implements TransactionIdSuffixStrategy {
    private final int max;
    private final BitSet inUse = new BitSet();

    public LowestFreeSuffix(int max) {
        this.max = max;
    }

    @Override
    public synchronized String acquireSuffix(String prefix) {
        int suffix = inUse.nextClearBit(0);
        if (suffix >= max) {
            throw new NoProducerAvailableException("all " + max + " upload slots are busy"
                    + " (migrex.ingestion.max-concurrent-uploads)", prefix);
        }
        inUse.set(suffix);
        return Integer.toString(suffix);
    }

    @Override
    public synchronized void releaseSuffix(String prefix, String suffix) {
        if (suffix != null) {
            inUse.clear(Integer.parseInt(suffix));
        }
    }
}
