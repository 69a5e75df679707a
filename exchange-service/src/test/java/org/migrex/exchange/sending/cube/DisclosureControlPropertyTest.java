package org.migrex.exchange.sending.cube;

import org.migrex.exchange.dataflow.Cell;
import org.migrex.exchange.dataflow.Dataflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.schema.Observation;
import org.junit.jupiter.api.Test;

/**
 * Property test over random tables: every 0 < count < k is suppressed, every published value equals the count
 * computed here by brute force from the base cells, and an independent LP attacker ({@link IndependentAttacker},
 * written against ojAlgo in the test) finds no suppressed cell exactly determined and no primary cell inside its
 * protection interval (p = 15 %).
 */
class DisclosureControlPropertyTest {
    private static final List<String> KEPT = List.of("FLOW", "SEX", "AGE", "DURATION");
    private static final List<String> TOTALLED = List.of("SEX", "AGE", "DURATION");
    private static final int PERCENT = 15;

    @Test
    void randomTablesKeepTheRules() {
        for (long seed = 1; seed <= 300; seed++) {
            check(seed);
        }
    }

    private static void check(long seed) {
        Random random = new Random(seed);
        int k = 2 + random.nextInt(6);
        List<String> sexes = List.of("M", "F", "_U").subList(0, 1 + random.nextInt(3));
        List<String> ages = List.of("Y0T4", "Y20T24", "Y25T29", "Y_GE85").subList(0, 1 + random.nextInt(4));
        List<String> durations = List.of("LONG_TERM", "SHORT_TERM", "TEMPORARY").subList(0, 1 + random.nextInt(3));
        Map<Cell, Long> cells = new LinkedHashMap<>();
        for (String flow : List.of("IMM", "EMI")) {
            for (String sex : sexes) {
                for (String age : ages) {
                    for (String duration : durations) {
                        for (String counterpart : List.of("KGZ", "TJK")) {
                            long count = random.nextInt(4) == 0 ? 0 : random.nextInt(3 * k);
                            cells.put(new Cell(Dataflows.MIGR_FLOW, List.of("KAZ", flow, counterpart, "KGZ", sex, age, "WORK",
                                    duration, "2026-03")), count);
                        }
                    }
                }
            }
        }
        ExchangeAgreement agreement = new ExchangeAgreement("A", 1, "KGZ", "MIGR_FLOW",
                Map.of("COUNTERPART_AREA", java.util.Set.of("KGZ")),
                List.of("FLOW", "SEX", "AGE", "DURATION", "TIME_PERIOD"), k, Duration.ZERO, Period.ofMonths(2), "t");
        DatasetTable table = DatasetTable.of(agreement, cells);
        String context = "seed " + seed + ", k " + k;

        // every coordinate (codes or _T) with a positive brute-force count is present, and only those
        Map<List<String>, Observation> byCoordinate = new HashMap<>();
        for (Observation o : table.observations()) {
            byCoordinate.put(coordinate(o), o);
        }
        int expectedPresent = 0;
        for (String flow : List.of("IMM", "EMI")) {
            for (String sex : withTotal(sexes)) {
                for (String age : withTotal(ages)) {
                    for (String duration : withTotal(durations)) {
                        List<String> coordinate = List.of(flow, sex, age, duration);
                        long expected = bruteForce(cells, coordinate);
                        Observation o = byCoordinate.get(coordinate);
                        if (expected == 0) {
                            assertThat(o).as(context + " " + coordinate).isNull();
                            continue;
                        }
                        expectedPresent++;
                        assertThat(o).as(context + " " + coordinate).isNotNull();
                        if (expected < k) {
                            assertThat(o.getConfStatus()).as(context + " " + coordinate).isEqualTo("C");
                        }
                        if (o.getConfStatus().equals("C")) {
                            assertThat(o.getValue()).as(context + " " + coordinate).isNull();
                        } else {
                            assertThat(o.getConfStatus()).isEqualTo("F");
                            assertThat(o.getValue()).as(context + " " + coordinate).isEqualTo(expected);
                        }
                    }
                }
            }
        }
        assertThat(table.observations()).as(context).hasSize(expectedPresent);
        assertThat(table.suppressed()).as(context)
                .isEqualTo((int) table.observations().stream().filter(o -> o.getValue() == null).count());

        // the test's own LP attacker, from the published table alone, pins no suppressed cell down
        Map<List<String>, Long> published = new LinkedHashMap<>();
        for (Observation o : table.observations()) {
            published.put(coordinate(o), o.getValue());
        }
        List<Integer> totalled = TOTALLED.stream().map(KEPT::indexOf).toList();
        IndependentAttacker.attack(published, totalled).forEach((coordinate, bounds) -> {
            long value = bruteForce(cells, coordinate);
            String breach = IndependentAttacker.breach(value,
                    IndependentAttacker.presenceFloor(published, totalled, coordinate), value < k, bounds, PERCENT);
            assertThat(breach).as(context + " " + coordinate + " = " + value + ", attacker's range "
                    + java.util.Arrays.toString(bounds)).isNull();
        });
    }

    private static List<String> withTotal(List<String> codes) {
        List<String> all = new ArrayList<>(codes);
        all.add("_T");
        return all;
    }

    private static List<String> coordinate(Observation o) {
        return KEPT.stream().map(d -> o.getDimensions().get(d)).toList();
    }

    /** Sum over base cells with counterpart KGZ whose codes match the coordinate, _T matching every code. */
    private static long bruteForce(Map<Cell, Long> cells, List<String> coordinate) {
        long sum = 0;
        for (Map.Entry<Cell, Long> entry : cells.entrySet()) {
            Cell cell = entry.getKey();
            if (!cell.code("COUNTERPART_AREA").equals("KGZ")) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < KEPT.size(); i++) {
                String code = coordinate.get(i);
                match &= code.equals("_T") || code.equals(cell.code(KEPT.get(i)));
            }
            if (match) {
                sum += entry.getValue();
            }
        }
        return sum;
    }
}
