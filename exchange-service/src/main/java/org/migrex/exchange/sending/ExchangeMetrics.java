package org.migrex.exchange.sending;

import io.micrometer.core.instrument.MeterRegistry;
import org.migrex.exchange.sending.cube.SuppressionReport;

/**
 * Delivery metrics: {@code migrex.exchange.datasets.delivered} and {@code migrex.exchange.cells.delivered} (tag
 * partner), {@code migrex.exchange.cells.suppressed} (tag partner) and {@code migrex.exchange.delivery.failures}
 * (tag partner), {@code migrex.exchange.datasets.refused} (tag partner: failed the disclosure check, not sent) and
 * {@code migrex.exchange.late.changes.held} (tag partner: changes of a FINAL dataset's cells held for an operator's
 * revision; Prometheus {@code migrex_exchange_late_changes_held_total}). Counted when a delivery is handed to Kafka; an aborted transaction is re-counted on its retry.
 */
public final class ExchangeMetrics implements DeliveryListener {
    private final MeterRegistry registry;

    public ExchangeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void delivered(String partner, int cells, int suppressed) {
        registry.counter("migrex.exchange.datasets.delivered", "partner", partner).increment();
        registry.counter("migrex.exchange.cells.delivered", "partner", partner).increment(cells);
        registry.counter("migrex.exchange.cells.suppressed", "partner", partner).increment(suppressed);
    }

    @Override
    public void refused(String partner) {
        registry.counter("migrex.exchange.datasets.refused", "partner", partner).increment();
    }

    @Override
    public void lateChangeHeld(String partner) {
        registry.counter("migrex.exchange.late.changes.held", "partner", partner).increment();
    }

    @Override
    public void suppression(String partner, SuppressionReport report) {
        registry.summary("migrex.exchange.suppression.cells.share", "partner", partner)
                .record(report.suppressedShare());
        registry.summary("migrex.exchange.suppression.margins.share", "partner", partner)
                .record(report.suppressedMarginShare());
    }

    @Override
    public void failed(String partner) {
        registry.counter("migrex.exchange.delivery.failures", "partner", partner).increment();
    }
}
