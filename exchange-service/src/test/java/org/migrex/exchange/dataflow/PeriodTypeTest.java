package org.migrex.exchange.dataflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Months and quarters: what each accepts, their UTC intervals and ranges (expected values written by hand). */
class PeriodTypeTest {

    @Test
    void aMonthIsYyyyMmAndAQuarterYyyyQn() {
        assertThat(List.of("2025-03", "1999-12", "2026-01")).allMatch(PeriodType.MONTH::accepts);
        assertThat(List.of("2025-13", "2025-00", "2025-3", "2025-03-01", " 2025-03", "2024-Q1", "")).noneMatch(
                PeriodType.MONTH::accepts);
        assertThat(List.of("2024-Q1", "2024-Q4", "1900-Q2")).allMatch(PeriodType.QUARTER::accepts);
        assertThat(List.of("2024-Q0", "2024-Q5", "2024Q1", "2024-q1", "2024-03", "24-Q1", "2024-Q1 ")).noneMatch(
                PeriodType.QUARTER::accepts);
        assertThat(PeriodType.MONTH.accepts(null)).isFalse();
    }

    @Test
    void intervalsAreHalfOpenInUtc() {
        assertThat(PeriodType.QUARTER.start("2024-Q1")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(PeriodType.QUARTER.end("2024-Q1")).isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
        assertThat(PeriodType.QUARTER.start("2024-Q4")).isEqualTo(Instant.parse("2024-10-01T00:00:00Z"));
        assertThat(PeriodType.QUARTER.end("2024-Q4")).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(PeriodType.MONTH.end("2026-12")).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(PeriodType.QUARTER.next("2024-Q4")).isEqualTo("2025-Q1");
        assertThat(PeriodType.MONTH.next("2026-12")).isEqualTo("2027-01");
    }

    @Test
    void rangesIncludeBothEnds() {
        assertThat(PeriodType.QUARTER.range("2023-Q3", "2024-Q2", 10))
                .containsExactly("2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2");
        assertThat(PeriodType.MONTH.range("2025-11", "2026-02", 10))
                .containsExactly("2025-11", "2025-12", "2026-01", "2026-02");
        assertThatThrownBy(() -> PeriodType.QUARTER.range("2024-Q2", "2024-Q1", 10))
                .hasMessage("to 2024-Q1 is before from 2024-Q2");
        assertThatThrownBy(() -> PeriodType.QUARTER.range("2024-Q1", "2024-Q4", 3))
                .hasMessage("from 2024-Q1 to 2024-Q4 spans more than 3 quarters");
    }

    @Test
    void errorsNameTheValueAndWhatIsAccepted() {
        assertThatThrownBy(() -> PeriodType.QUARTER.require("period", "2024-03"))
                .hasMessage("period '2024-03' is not a quarter YYYY-Qn (e.g. 2024-Q1)");
        assertThatThrownBy(() -> PeriodType.ofPeriod("period", "Q1 2024"))
                .hasMessage("period 'Q1 2024' is not a month yyyy-MM (e.g. 2025-03) nor a quarter YYYY-Qn "
                        + "(e.g. 2024-Q1)");
        assertThat(PeriodType.ofPeriod("period", "2024-Q2")).isEqualTo(PeriodType.QUARTER);
        assertThat(PeriodType.ofPeriod("period", "2024-02")).isEqualTo(PeriodType.MONTH);
    }

    @Test
    void theMigrationDataflowsAreByMonth() {
        assertThat(List.of(Dataflows.MIGR_FLOW, Dataflows.MIGR_PERMITS, Dataflows.MIGR_ACQ, Dataflows.MIGR_QUALITY,
                Dataflows.MIGR_STOCK)).allMatch(d -> d.periodType() == PeriodType.MONTH);
    }
}
