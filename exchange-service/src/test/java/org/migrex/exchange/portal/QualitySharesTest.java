package org.migrex.exchange.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The quality page's shares, worked out by hand from docs/statistics.md's definitions. */
class QualitySharesTest {

    @Test
    void reasonsAreSharesOfRegistrationsAndUnknownsOfCounted() {
        // March: 8 registrations = 1 internal + 2 temporary + 0 excluded + 0 not classified + 1 renewal + 4 counted;
        // of the 4 counted, 1 has sex unknown and 3 age unknown; 3 of the 8 came late. April: nothing registered.
        Map<String, Long> counts = Map.of("REGISTRATIONS|2026-03", 8L, "INTERNAL_OR_UNKNOWN|2026-03", 1L,
                "TEMPORARY_STAY|2026-03", 2L, "RENEWAL|2026-03", 1L, "COUNTED|2026-03", 4L,
                "SEX_UNKNOWN|2026-03", 1L, "AGE_UNKNOWN|2026-03", 3L, "ROWS_RECEIVED|2026-04", 2L,
                "LATE_AFTER_FINAL|2026-03", 3L);

        List<QualityShares.Row> rows = QualityShares.rows(counts, List.of("2026-03", "2026-04"));

        assertThat(rows).extracting(QualityShares.Row::code).containsExactly("INTERNAL_OR_UNKNOWN", "TEMPORARY_STAY",
                "EXCLUDED_PURPOSE", "SCOPE_NOT_CLASSIFIED", "RENEWAL", "LATE_AFTER_FINAL", "SEX_UNKNOWN", "AGE_UNKNOWN",
                "COUNTERPART_UNKNOWN", "DURATION_UNKNOWN");
        assertThat(share(rows, "INTERNAL_OR_UNKNOWN", 0)).contains(new BigDecimal("12.5")); // 1 / 8
        assertThat(share(rows, "TEMPORARY_STAY", 0)).contains(new BigDecimal("25.0"));      // 2 / 8
        assertThat(share(rows, "EXCLUDED_PURPOSE", 0)).as("no cell, but registrations: 0 %")
                .contains(new BigDecimal("0.0"));
        assertThat(share(rows, "RENEWAL", 0)).contains(new BigDecimal("12.5"));
        assertThat(share(rows, "LATE_AFTER_FINAL", 0)).as("3 of the 8 came after FINAL").contains(new BigDecimal("37.5"));
        assertThat(share(rows, "SEX_UNKNOWN", 0)).contains(new BigDecimal("25.0"));         // 1 / 4, not 1 / 8
        assertThat(share(rows, "AGE_UNKNOWN", 0)).contains(new BigDecimal("75.0"));         // 3 / 4
        assertThat(share(rows, "SEX_UNKNOWN", 1)).as("April counted nothing: no share, not 0 %").isEmpty();
        assertThat(share(rows, "TEMPORARY_STAY", 1)).isEmpty();
        assertThat(rows.get(0).denominator()).isEqualTo("REGISTRATIONS");
        assertThat(rows.get(6).denominator()).isEqualTo("COUNTED");
    }

    @Test
    void sharesAreRoundedHalfUpToOneDecimal() {
        assertThat(QualityShares.percent(1, 3)).contains(new BigDecimal("33.3"));
        assertThat(QualityShares.percent(2, 3)).contains(new BigDecimal("66.7"));
        assertThat(QualityShares.percent(1, 8)).contains(new BigDecimal("12.5"));
        assertThat(QualityShares.percent(1, 16)).contains(new BigDecimal("6.3")); // 6.25 half-up
        assertThat(QualityShares.percent(0, 0)).isEmpty();
    }

    private static Optional<BigDecimal> share(List<QualityShares.Row> rows, String code, int month) {
        return rows.stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow().percent().get(month);
    }
}
