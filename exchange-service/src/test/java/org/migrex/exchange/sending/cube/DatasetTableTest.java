package org.migrex.exchange.sending.cube;

import org.migrex.exchange.dataflow.Cell;
import org.migrex.exchange.dataflow.Dataflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Period;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.schema.Observation;
import org.junit.jupiter.api.Test;

/** Cube arithmetic: filter, projection, margins, on a table worked out by hand. */
class DatasetTableTest {
    private static Cell cell(String flow, String counterpart, String citizenship, String sex) {
        return new Cell(Dataflows.MIGR_FLOW, List.of("KAZ", flow, counterpart, citizenship, sex, "Y20T24", "WORK", "LONG_TERM",
                "2026-03"));
    }

    private static Map<String, Observation> bySexAndFlow(DatasetTable table) {
        Map<String, Observation> map = new HashMap<>();
        for (Observation o : table.observations()) {
            map.put(o.getDimensions().get("FLOW") + "/" + o.getDimensions().get("SEX"), o);
        }
        return map;
    }

    private static final Map<Cell, Long> CELLS = new LinkedHashMap<>();

    static {
        CELLS.put(cell("IMM", "KGZ", "KGZ", "M"), 3L);
        CELLS.put(cell("IMM", "KGZ", "UZB", "M"), 4L); // other citizenship, same projected cell: 3 + 4
        CELLS.put(cell("IMM", "KGZ", "KGZ", "F"), 2L);
        CELLS.put(cell("IMM", "TJK", "TJK", "M"), 7L); // not covered: counterpart TJK
        CELLS.put(cell("EMI", "KGZ", "KAZ", "M"), 4L);
        CELLS.put(cell("EMI", "KGZ", "KAZ", "F"), 0L); // zero: left out
    }

    @Test
    void projectsCoveredCellsAndAddsTotalsOfTheTotalledDimensions() {
        ExchangeAgreement agreement = new ExchangeAgreement("A", 1, "KGZ", "MIGR_FLOW",
                Map.of("COUNTERPART_AREA", Set.of("KGZ")), List.of("FLOW", "SEX", "TIME_PERIOD"), 1,
                Duration.ZERO, Period.ofMonths(2), "test");
        DatasetTable table = DatasetTable.of(agreement, CELLS);
        Map<String, Observation> obs = bySexAndFlow(table);
        // IMM: M 3+4=7, F 2, _T 9. EMI: M 4, _T 4. No F for EMI (zero), nothing from TJK.
        assertThat(obs.keySet()).containsExactlyInAnyOrder("IMM/M", "IMM/F", "IMM/_T", "EMI/M", "EMI/_T");
        assertThat(obs.get("IMM/M").getValue()).isEqualTo(7L);
        assertThat(obs.get("IMM/F").getValue()).isEqualTo(2L);
        assertThat(obs.get("IMM/_T").getValue()).isEqualTo(9L);
        assertThat(obs.get("EMI/M").getValue()).isEqualTo(4L);
        assertThat(obs.get("EMI/_T").getValue()).isEqualTo(4L);
        assertThat(table.observations()).allSatisfy(o -> {
            assertThat(o.getConfStatus()).isEqualTo("F");
            assertThat(o.getDimensions()).containsOnlyKeys("FLOW", "SEX", "TIME_PERIOD")
                    .containsEntry("TIME_PERIOD", "2026-03");
        });
        assertThat(table.suppressed()).isZero();
    }

    @Test
    void standardAgreementSuppressesSmallCellsAndTheirPartners() {
        DatasetTable table = DatasetTable.of(TestAgreements.standard("KAZ", "KGZ"), CELLS);
        // The standard table also keeps AGE and DURATION (one code each here) with their _T totals, so each
        // FLOW/SEX value appears 4 times (code/_T x code/_T).
        assertThat(table.observations()).hasSize(5 * 4);
        for (Observation o : table.observations()) {
            String flowSex = o.getDimensions().get("FLOW") + "/" + o.getDimensions().get("SEX");
            switch (flowSex) {
                case "IMM/F" -> assertThat(o.getConfStatus()).isEqualTo("C");    // 2: primary
                // line {M 7, F 2 (C), _T 9}: one of M and _T must go with F; the margins by sex are kept first, so
                // the total goes and M stays (F is then in [1, unbounded))
                case "IMM/M" -> assertThat(o.getValue()).isEqualTo(7L);
                case "IMM/_T" -> assertThat(o.getConfStatus()).isEqualTo("C");
                case "EMI/M", "EMI/_T" -> assertThat(o.getConfStatus()).isEqualTo("C"); // 4 primary, total follows
                default -> throw new AssertionError(flowSex);
            }
        }
    }
}
