package org.migrex.exchange.sending.cube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.migrex.exchange.dataflow.Cell;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.schema.Observation;

/** The pre-delivery check judges the observations that would leave, not how they were made. */
class DisclosureCheckTest {
    private static final ExchangeAgreement AGREEMENT = TestAgreements.standard("KAZ", "KGZ");

    /** IMM from KGZ: M/Y20T24 = 1, M/Y30T34 = 1, M/Y40T44 = 8, F/Y30T34 = 6. */
    private static Map<Cell, Long> cells() {
        Map<Cell, Long> cells = new LinkedHashMap<>();
        cells.put(cell("M", "Y20T24"), 1L);
        cells.put(cell("M", "Y30T34"), 1L);
        cells.put(cell("M", "Y40T44"), 8L);
        cells.put(cell("F", "Y30T34"), 6L);
        return cells;
    }

    private static Cell cell(String sex, String age) {
        return new Cell(Dataflows.MIGR_FLOW, List.of("KAZ", "IMM", "KGZ", "KGZ", sex, age, "WORK", "LONG_TERM", "2026-03"));
    }

    @Test
    void aTableMadeByDisclosureControlPasses() {
        DatasetTable table = DatasetTable.of(AGREEMENT, cells());
        DisclosureCheck.Verdict verdict = DisclosureCheck.check(AGREEMENT, table);
        assertThat(verdict.passes()).as(verdict.problems().toString()).isTrue();
        assertThat(verdict.suppressed()).isEqualTo(table.suppressed()).isPositive();
    }

    @Test
    void primarySuppressionAloneIsRefusedWithoutAValueInTheReasons() {
        // only the cells below k hidden: M/Y30T34 = _T/Y30T34 (7) - F/Y30T34 (6) = 1 for anyone who subtracts
        DatasetTable safe = DatasetTable.of(AGREEMENT, cells());
        Map<List<String>, Long> counts = counts(safe);
        Set<List<String>> primary = new java.util.HashSet<>();
        counts.forEach((coordinate, count) -> {
            if (count < AGREEMENT.k()) {
                primary.add(coordinate);
            }
        });
        DatasetTable leaky = new DatasetTable(observations(counts, primary), primary.size(), safe.disclosure());

        DisclosureCheck.Verdict verdict = DisclosureCheck.check(AGREEMENT, leaky);
        assertThat(verdict.passes()).isFalse();
        assertThat(verdict.problems()).anyMatch(p -> p.contains("Y30T34") && p.contains("protection rule"));
        // the reasons name cells and the rule, never a count
        assertThat(String.join(" ", verdict.problems()).replace("k 5", "").replace("p 15", "").replace("2026-03", ""))
                .doesNotContainPattern("\\b[0-9]+\\b");
    }

    @Test
    void aPublishedSmallCountIsRefused() {
        DatasetTable safe = DatasetTable.of(AGREEMENT, cells());
        Map<List<String>, Long> counts = counts(safe);
        DatasetTable nothingHidden = new DatasetTable(observations(counts, Set.of()), 0, safe.disclosure());
        assertThat(DisclosureCheck.check(AGREEMENT, nothingHidden).problems())
                .anyMatch(p -> p.contains("a count below k is published"));
    }

    private static Map<List<String>, Long> counts(DatasetTable table) {
        LinearTable truth = table.disclosure().table();
        Map<List<String>, Long> counts = new LinkedHashMap<>();
        for (int c = 0; c < truth.size(); c++) {
            counts.put(truth.coordinate(c), truth.count(c));
        }
        return counts;
    }

    private static List<Observation> observations(Map<List<String>, Long> counts, Set<List<String>> hidden) {
        List<String> keep = AGREEMENT.keep();
        List<Observation> observations = new ArrayList<>();
        counts.forEach((coordinate, count) -> {
            Map<String, String> dimensions = new LinkedHashMap<>();
            for (int i = 0; i < keep.size(); i++) {
                dimensions.put(keep.get(i), coordinate.get(i));
            }
            boolean h = hidden.contains(coordinate);
            observations.add(new Observation(dimensions, h ? null : count, h ? "C" : "F"));
        });
        return observations;
    }
}
