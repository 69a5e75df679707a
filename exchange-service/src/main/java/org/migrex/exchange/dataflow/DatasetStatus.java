package org.migrex.exchange.dataflow;

/**
 * Status of a delivered dataset: PROVISIONAL until the period is closed (end of month plus the agreement's
 * {@code final-after}), FINAL after. Written into {@code ExchangeDataset.status} by name.
 */
public enum DatasetStatus {
    PROVISIONAL, FINAL
}
