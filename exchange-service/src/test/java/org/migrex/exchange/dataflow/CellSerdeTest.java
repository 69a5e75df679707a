package org.migrex.exchange.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cell's binary serde round-trips any codes, also ones holding the text key's separator. */
class CellSerdeTest {
    private final CellSerde serde = new CellSerde();

    @Test
    void roundTripsCellsWithoutParsingText() {
        for (Cell cell : List.of(
                new Cell(Dataflows.MIGR_FLOW, List.of("KAZ", "IMM", "KGZ", "KGZ", "M", "Y20T24", "WORK", "LONG_TERM", "2026-03")),
                new Cell(Dataflows.MIGR_FLOW, List.of("KAZ", "EMI", "_U", "TJK", "_U", "_U", "_U", "_U", "2026-12")),
                new Cell(Dataflows.MIGR_FLOW, List.of("A|B", "", "Кыргызстан", "x", "y", "z", "w", "v", "2026-01")))) {
            assertThat(serde.deserialize("t", serde.serialize("t", cell))).isEqualTo(cell);
        }
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }

    @Test
    void theCellsDimensionOrderIsTheDataflowDefinitionsAndTheSdmxStructures() {
        List<String> documented = List.of("REF_AREA", "FLOW", "COUNTERPART_AREA", "CITIZENSHIP", "SEX", "AGE",
                "PURPOSE", "DURATION", "TIME_PERIOD");
        assertThat(Dataflows.MIGR_FLOW.dimensionIds()).isEqualTo(documented);
        assertThat(Dataflows.MIGR_FLOW.dimensions()).extracting(Dataflow.Dimension::id).isEqualTo(documented);
    }
}
