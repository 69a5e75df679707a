package org.migrex.exchange.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.exchange.receiving.sdmx.SdmxObservation;
import org.migrex.exchange.sending.cube.PublishedTable;

class PublicReleaseTest {
    private static PublishedTable table(long revision, Map<List<String>, Long> counts, Set<List<String>> suppressed) {
        return new PublishedTable("KAZ-PUBLIC-MIGR_FLOW", 1, "PUBLIC", "2026-03", revision, "FINAL",
                List.of("FLOW", "SEX", "TIME_PERIOD"), List.of(1), 5, 15, counts, suppressed);
    }

    @Test
    void onlyTheNewestRevisionIsShownAndASuppressedCellHasNoValueWhateverItsTrueCount() {
        Map<List<String>, Long> first = new LinkedHashMap<>();
        first.put(List.of("IMM", "M", "2026-03"), 9L);
        Map<List<String>, Long> second = new LinkedHashMap<>();
        second.put(List.of("IMM", "M", "2026-03"), 7L);
        second.put(List.of("IMM", "F", "2026-03"), 2L);   // below k: went out as C
        second.put(List.of("IMM", "_T", "2026-03"), 9L);  // secondary: went out as C too
        second.put(List.of("EMI", "M", "2026-03"), 0L);   // a zero is no observation
        List<SdmxObservation> shown = PublicRelease.observations(Dataflows.require("MIGR_FLOW"), "KAZ", List.of(
                table(2, second, Set.of(List.of("IMM", "F", "2026-03"), List.of("IMM", "_T", "2026-03"))),
                table(1, first, Set.of())));

        assertThat(shown).hasSize(3);
        SdmxObservation men = shown.stream().filter(o -> o.code("SEX").equals("M")).findFirst().orElseThrow();
        assertThat(men.value()).isEqualTo(7L);
        assertThat(men.confStatus()).isEqualTo("F");
        // the dimensions not kept are totals, REF_AREA is the node, TIME_PERIOD the period
        assertThat(men.key()).containsEntry("REF_AREA", "KAZ").containsEntry("COUNTERPART_AREA", "_T")
                .containsEntry("AGE", "_T").containsEntry("DURATION", "_T").containsEntry("TIME_PERIOD", "2026-03");
        for (SdmxObservation o : shown) {
            if (!o.code("SEX").equals("M")) {
                assertThat(o.value()).as(o.toString()).isNull();
                assertThat(o.confStatus()).isEqualTo("C");
            }
        }
    }
}
