package org.migrex.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionPopulationTest {
    private static final List<String> REGION = List.of("KAZ", "KGZ", "TJK", "RUS");

    @Test
    void sameSeedSameRows() {
        assertThat(RegionPopulation.generate(7, REGION).rows()).isEqualTo(RegionPopulation.generate(7, REGION).rows());
    }

    @Test
    void deregistrationsHaveTheirRegistrationAtTheDestination() {
        Map<String, List<DemoRow>> rows = RegionPopulation.generate(2025, REGION).rows();
        int emigrations = 0;
        int matched = 0;
        for (String origin : REGION) {
            for (DemoRow emi : rows.get(origin)) {
                String passport = emi.fields().get("person_id");
                if ("EMI".equals(emi.flow()) && !passport.isEmpty()) {
                    emigrations++;
                    if (rows.get(emi.counterpart()).stream()
                            .anyMatch(imm -> "IMM".equals(imm.flow()) && passport.equals(imm.fields().get("person_id")))) {
                        matched++;
                    }
                }
            }
        }
        // only a destination row whose person id was blanked on purpose (0.3 % of rows) may be missing
        assertThat(emigrations).isGreaterThan(1000);
        assertThat(matched).isGreaterThanOrEqualTo(emigrations * 99 / 100);
    }

    @Test
    void departuresAreUnderRecordedAndRussiaHasNineToTwelveMonthStays() {
        Map<String, List<DemoRow>> rows = RegionPopulation.generate(2025, REGION).rows();
        long kgzToRusImm = rows.get("RUS").stream().filter(r -> "IMM".equals(r.flow()) && "KGZ".equals(r.counterpart())).count();
        long kgzToRusEmi = rows.get("KGZ").stream().filter(r -> "EMI".equals(r.flow()) && "RUS".equals(r.counterpart())).count();
        assertThat(kgzToRusEmi).isLessThan(kgzToRusImm * 3 / 4);
        assertThat(rows.get("RUS")).filteredOn(DemoRow::nationalOnly).allSatisfy(r -> {
            int days = Integer.parseInt(r.fields().get("intended_duration_days"));
            assertThat(days).isBetween(270, 364);
        }).isNotEmpty();
    }

    @Test
    void someRowsAreBrokenAndSomeNeedTheQuarantine() {
        List<DemoRow> all = RegionPopulation.generate(2025, REGION).rows().values().stream().flatMap(List::stream).toList();
        long rejected = all.stream().filter(r -> r.fate() == DemoRow.Fate.REJECTED).count();
        long quarantined = all.stream().filter(r -> r.fate() == DemoRow.Fate.QUARANTINED).count();
        assertThat(rejected).isBetween(all.size() / 200L, all.size() / 50L);
        assertThat(quarantined).isBetween(all.size() / 400L, all.size() / 50L);
    }
}
