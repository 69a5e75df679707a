package org.migrex.exchange.portal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MIGR_QUALITY's shares as docs/statistics.md defines them: each out-of-scope reason (and the renewals, and the late
 * registrations) as a share of REGISTRATIONS, each unknown code as a share of COUNTED, per month. A month whose denominator is 0 or absent has no
 * share (not 0 %): nothing was registered or counted, so nothing can be a share of it. An absent numerator with a
 * denominator is 0 %: MIGR_QUALITY's own cells are counts, and an indicator without a cell counted nothing.
 */
final class QualityShares {
    /**
     * Over REGISTRATIONS: the reasons a registration did not count, and the registrations that came after their
     * month's datasets were FINAL (LATE_AFTER_FINAL, which overlaps the others).
     */
    static final List<String> OF_REGISTRATIONS = List.of("INTERNAL_OR_UNKNOWN", "TEMPORARY_STAY", "EXCLUDED_PURPOSE",
            "SCOPE_NOT_CLASSIFIED", "RENEWAL", "LATE_AFTER_FINAL");
    /** The unknown codes of counted registrations, over COUNTED. */
    static final List<String> OF_COUNTED = List.of("SEX_UNKNOWN", "AGE_UNKNOWN", "COUNTERPART_UNKNOWN",
            "DURATION_UNKNOWN");

    private QualityShares() {
    }

    /**
     * One indicator's shares.
     *
     * @param code the indicator
     * @param denominator REGISTRATIONS or COUNTED
     * @param percent per month in the order asked, rounded half-up to one decimal; empty where there is no share
     */
    record Row(String code, String denominator, List<Optional<BigDecimal>> percent) {
    }

    /** The share rows of {@code counts} (key {@code INDICATOR|month}) for {@code months}, reasons first. */
    static List<Row> rows(Map<String, Long> counts, List<String> months) {
        List<Row> rows = new ArrayList<>();
        OF_REGISTRATIONS.forEach(code -> rows.add(row(counts, months, code, "REGISTRATIONS")));
        OF_COUNTED.forEach(code -> rows.add(row(counts, months, code, "COUNTED")));
        return rows;
    }

    private static Row row(Map<String, Long> counts, List<String> months, String code, String denominator) {
        List<Optional<BigDecimal>> shares = new ArrayList<>();
        for (String month : months) {
            shares.add(percent(counts.getOrDefault(code + "|" + month, 0L),
                    counts.getOrDefault(denominator + "|" + month, 0L)));
        }
        return new Row(code, denominator, shares);
    }

    /** {@code part / whole} in percent, one decimal, half-up; empty when {@code whole} is 0. */
    static Optional<BigDecimal> percent(long part, long whole) {
        if (whole <= 0) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP));
    }
}
