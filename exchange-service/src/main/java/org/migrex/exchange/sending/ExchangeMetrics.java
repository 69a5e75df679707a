package org.migrex.exchange.sending;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.migrex.exchange.sending.cube.SuppressionReport;

/**
 * Delivery metrics: {@code migrex.exchange.datasets.delivered} and {@code migrex.exchange.cells.delivered} (tag
 * partner), {@code migrex.exchange.cells.suppressed} (tag partner) and {@code migrex.exchange.delivery.failures}
 * (tag partner), {@code migrex.exchange.datasets.refused} (tag partner: failed the disclosure check, not sent) and
 * {@code migrex.exchange.late.changes.held} (tag partner: changes of a FINAL dataset's cells held for an operator's
 * revision; Prometheus {@code migrex_exchange_late_changes_held_total}). Counted when a delivery is handed to Kafka; an aborted transaction is re-counted on its retry.
 *
 * <p>{@value #DELIVERY_DURATION} (tags partner, dataflow, outcome {@code delivered|unchanged|refused|declined}) times
 * each delivery attempt on the stream thread, disclosure control included, with a percentile histogram (Prometheus
 * {@code migrex_exchange_delivery_duration_seconds_bucket}) whose buckets include {@value #SLOW_DELIVERY_SECONDS} s:
 * the delivery target of docs/performance.md, so an operator can alert on the share above it.
 */
public final class ExchangeMetrics implements DeliveryListener {
    /** Name of the delivery attempt timer. */
    public static final String DELIVERY_DURATION = "migrex.exchange.delivery.duration";
    /** A delivery attempt slower than this is over target (a bucket boundary of the timer's histogram). */
    public static final long SLOW_DELIVERY_SECONDS = 2;

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
    public void attempted(String partner, String dataflow, Outcome outcome, long nanos) {
        Timer.builder(DELIVERY_DURATION)
                .description("one delivery attempt of a dataset on the stream thread: table, disclosure control, "
                        + "pre-delivery check, signature")
                .tags("partner", partner, "dataflow", dataflow, "outcome", outcome.name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofSeconds(SLOW_DELIVERY_SECONDS))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry)
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public void failed(String partner) {
        registry.counter("migrex.exchange.delivery.failures", "partner", partner).increment();
    }
}
