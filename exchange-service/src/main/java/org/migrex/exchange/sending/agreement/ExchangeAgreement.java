package org.migrex.exchange.sending.agreement;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAmount;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migrex.exchange.dataflow.MigrFlowCell;

/**
 * An exchange agreement: what one partner receives from this node. Nothing that no agreement covers leaves the node.
 *
 * @param id unique id on this node (e.g. {@code KAZ-KGZ-MIGR_FLOW})
 * @param version version of the agreement
 * @param partner ISO alpha-3 code of the receiving node, upper case
 * @param dataflow the dataflow delivered ({@code MIGR_FLOW})
 * @param filter dimension id to allowed codes; a cell is covered when every listed dimension has an allowed code
 * @param keep dimensions kept, in dataflow order; every other dimension is totalled out
 * @param k disclosure threshold: cells with {@code 0 < count < k} are suppressed
 * @param resendMinInterval least time between two deliveries of the same dataset (debounce)
 * @param finalAfter time after the end of a month from which its dataset is FINAL (a {@link Period} or {@link Duration})
 * @param source the file the agreement was read from, for messages
 * @param protectionPercent p of the protection interval: an attacker's range for a primary-suppressed cell of value
 *     v must reach {@code v + p·v/100} and {@code max(1, v - p·v/100)} ({@code disclosure.protection-percent})
 */
public record ExchangeAgreement(String id, int version, String partner, String dataflow,
        Map<String, Set<String>> filter, List<String> keep, int k, Duration resendMinInterval,
        TemporalAmount finalAfter, String source, int protectionPercent) {

    public ExchangeAgreement {
        filter = Map.copyOf(filter);
        keep = List.copyOf(keep);
    }

    /** An agreement with the default protection interval ({@link AgreementLoader#DEFAULT_PROTECTION_PERCENT}). */
    public ExchangeAgreement(String id, int version, String partner, String dataflow, Map<String, Set<String>> filter,
            List<String> keep, int k, Duration resendMinInterval, TemporalAmount finalAfter, String source) {
        this(id, version, partner, dataflow, filter, keep, k, resendMinInterval, finalAfter, source,
                AgreementLoader.DEFAULT_PROTECTION_PERCENT);
    }

    /** Whether the cell is covered: every filtered dimension carries one of its allowed codes. */
    public boolean covers(MigrFlowCell cell) {
        for (Map.Entry<String, Set<String>> entry : filter.entrySet()) {
            if (!entry.getValue().contains(cell.code(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Kept dimensions that get a {@code _T} total: all kept ones except FLOW and TIME_PERIOD. */
    public List<String> totalledDimensions() {
        return keep.stream().filter(d -> !d.equals(MigrFlowCell.FLOW) && !d.equals(MigrFlowCell.TIME_PERIOD)).toList();
    }

    /** The instant from which the dataset of the month {@code period} (yyyy-MM) is FINAL: end of month + finalAfter. */
    public Instant finalFrom(String period) {
        return YearMonth.parse(period).plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC)
                .plus(finalAfter).toInstant();
    }
}
