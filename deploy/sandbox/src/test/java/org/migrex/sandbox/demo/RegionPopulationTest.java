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

    @Test
    void someRegistrationsAreNotMigrationAndEachFateFollowsTheDefinitions() {
        Map<String, List<DemoRow>> rows = RegionPopulation.generate(2025, REGION).rows();
        List<DemoRow> all = rows.values().stream().flatMap(List::stream).toList();
        assertThat(all).filteredOn(r -> r.fate() == DemoRow.Fate.TEMPORARY_STAY).hasSizeGreaterThan(50)
                .allSatisfy(r -> assertThat(r.fields().get("event_type")).isEqualTo("STAY_REGISTRATION"));
        assertThat(all).filteredOn(r -> r.fate() == DemoRow.Fate.EXCLUDED_PURPOSE).hasSizeGreaterThan(50)
                .allSatisfy(r -> assertThat(r.fields().get("purpose")).isEqualTo("TOURISM"));
        // a renewal has an earlier counted immigration of the same person at the same node, under 12 months before
        List<DemoRow> renewals = all.stream().filter(r -> r.fate() == DemoRow.Fate.RENEWAL).toList();
        assertThat(renewals).hasSizeGreaterThan(50).allSatisfy(renewal -> assertThat(rows.get(renewal.country()))
                .anySatisfy(first -> {
                    assertThat(first.fate()).isEqualTo(DemoRow.Fate.COUNTED);
                    assertThat(first.fields().get("person_id")).isEqualTo(renewal.fields().get("person_id"));
                    assertThat(first.flow()).isEqualTo("IMM");
                    assertThat(java.time.LocalDate.parse(first.fields().get("event_date")))
                            .isBefore(java.time.LocalDate.parse(renewal.fields().get("event_date")))
                            .isAfterOrEqualTo(java.time.LocalDate.parse(renewal.fields().get("event_date")).minusMonths(12));
                }));
    }

    @Test
    void theDurationClassIsByCalendarMonthsNotByNinetyDays() {
        // 1 March + 90 days = 30 May, before 1 June: temporary; 15 January + 90 days = 15 April: short-term
        assertThat(RegionPopulation.intendedFate(java.time.LocalDate.of(2025, 3, 1), 90, "WORK"))
                .isEqualTo(DemoRow.Fate.TEMPORARY_STAY);
        assertThat(RegionPopulation.intendedFate(java.time.LocalDate.of(2025, 1, 15), 90, "WORK"))
                .isEqualTo(DemoRow.Fate.COUNTED);
        assertThat(RegionPopulation.intendedFate(java.time.LocalDate.of(2025, 1, 15), 200, "TOURISM"))
                .isEqualTo(DemoRow.Fate.EXCLUDED_PURPOSE);
        assertThat(RegionPopulation.intendedFate(java.time.LocalDate.of(2025, 1, 15), 365, "TOURISM"))
                .isEqualTo(DemoRow.Fate.COUNTED);
    }
}
