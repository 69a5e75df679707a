package org.migrex.exchange.sending.agreement;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAmount;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migrex.exchange.dataflow.Cell;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.dataflow.Dataflows;

/**
 * An exchange agreement: what one partner receives from this node. Nothing that no agreement covers leaves the node.
 *
 * @param id unique id on this node (e.g. {@code KAZ-KGZ-MIGR_FLOW})
 * @param version version of the agreement
 * @param partner ISO alpha-3 code of the receiving node, upper case, or {@link #PUBLIC}
 * @param dataflow the dataflow delivered ({@link Dataflows#all()}); filter and keep name its dimensions
 * @param filter dimension id to allowed codes; a cell is covered when it is of the agreement's dataflow and every
 *               listed dimension has an allowed code
 * @param keep dimensions kept, in dataflow order; every other dimension is summed out
 * @param k disclosure threshold: cells with {@code 0 < count < k} are suppressed
 * @param resendMinInterval least time between two deliveries of the same dataset (debounce)
 * @param finalAfter time after the end of a month from which its dataset is FINAL (a {@link Period} or {@link Duration})
 * @param source the file the agreement was read from, for messages
 * @param protectionPercent p of the protection interval: an attacker's range for a primary-suppressed cell of value
 *     v must reach {@code v + p·v/100} and {@code max(1, v - p·v/100)} ({@code disclosure.protection-percent})
 */
public record ExchangeAgreement(String id, int version, String partner, Dataflow<?> dataflow,
        Map<String, Set<String>> filter, List<String> keep, int k, Duration resendMinInterval,
        TemporalAmount finalAfter, String source, int protectionPercent) {

    /**
     * The pseudo-partner of a release for publication: its datasets go through the same projection, disclosure
     * control and signature as any partner's, but no Kafka topic receives them; the node keeps each delivered
     * revision in {@code published-tables}, from which the public portal pages show it ({@code DeliveryRoute#PUBLISH}).
     */
    public static final String PUBLIC = "PUBLIC";

    /** Whether this agreement releases its dataset for publication rather than to a partner node. */
    public boolean isPublic() {
        return PUBLIC.equals(partner);
    }

    public ExchangeAgreement {
        filter = Map.copyOf(filter);
        keep = List.copyOf(keep);
        for (String dimension : keep) {
            if (!dataflow.hasDimension(dimension)) {
                throw new IllegalArgumentException("agreement " + id + " keeps " + dimension + ", which "
                        + dataflow.id() + " lacks; it has " + dataflow.dimensionIds());
            }
        }
        for (String dimension : filter.keySet()) {
            if (!dataflow.hasDimension(dimension)) {
                throw new IllegalArgumentException("agreement " + id + " filters on " + dimension + ", which "
                        + dataflow.id() + " lacks; it has " + dataflow.dimensionIds());
            }
        }
    }

    /** An agreement with the default protection interval ({@link AgreementLoader#DEFAULT_PROTECTION_PERCENT}). */
    public ExchangeAgreement(String id, int version, String partner, Dataflow<?> dataflow,
            Map<String, Set<String>> filter, List<String> keep, int k, Duration resendMinInterval,
            TemporalAmount finalAfter, String source) {
        this(id, version, partner, dataflow, filter, keep, k, resendMinInterval, finalAfter, source,
                AgreementLoader.DEFAULT_PROTECTION_PERCENT);
    }

    /** The agreement for the dataflow with this id ({@link Dataflows#require}), with the default protection interval
     * ({@link AgreementLoader#DEFAULT_PROTECTION_PERCENT}). */
    public ExchangeAgreement(String id, int version, String partner, String dataflowId,
            Map<String, Set<String>> filter, List<String> keep, int k, Duration resendMinInterval,
            TemporalAmount finalAfter, String source) {
        this(id, version, partner, Dataflows.require(dataflowId), filter, keep, k, resendMinInterval, finalAfter,
                source);
    }

    /**
     * Whether the cell is covered: it is a cell of this agreement's dataflow and every filtered dimension carries one
     * of its allowed codes.
     */
    public boolean covers(Cell cell) {
        if (cell.dataflow() != dataflow) {
            return false;
        }
        for (Map.Entry<String, Set<String>> entry : filter.entrySet()) {
            if (!entry.getValue().contains(cell.code(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Kept dimensions that get a {@code _T} total: the kept ones the dataflow marks as totalled (MIGR_FLOW: all but
     * FLOW and TIME_PERIOD; MIGR_PERMITS: all but PERMIT_TYPE and TIME_PERIOD).
     */
    public List<String> totalledDimensions() {
        return keep.stream().filter(d -> dataflow.dimension(d).orElseThrow().totalled()).toList();
    }

    /**
     * The instant from which the dataset of {@code period} (a period of the dataflow's
     * {@link Dataflow#periodType()}: a month yyyy-MM, a quarter YYYY-Qn) is FINAL: end of the period (UTC) +
     * finalAfter.
     */
    public Instant finalFrom(String period) {
        return dataflow.periodType().end(period).atOffset(ZoneOffset.UTC).plus(finalAfter).toInstant();
    }
}
