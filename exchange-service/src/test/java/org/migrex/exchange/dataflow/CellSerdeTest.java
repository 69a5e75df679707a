package org.migrex.exchange.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cell's binary serde round-trips any codes, also ones holding the text key's separator, for every dataflow;
 * MIGR_FLOW keeps its first encoding byte for byte, the others name their dataflow.
 */
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

    /** Bytes of the documented format: a 4-byte count, then per code a 2-byte length and UTF-8 bytes. */
    private static ByteBuffer codes(ByteBuffer out, List<String> codes) {
        out.putInt(codes.size());
        for (String code : codes) {
            byte[] bytes = code.getBytes(StandardCharsets.UTF_8);
            out.putShort((short) bytes.length).put(bytes);
        }
        return out;
    }

    @Test
    void migrFlowCellsKeepTheFirstEncodingByteForByte() {
        List<String> codes = List.of("KAZ", "IMM", "KGZ", "KGZ", "M", "Y20T24", "WORK", "LONG_TERM", "2026-03");
        // 4 + 9 * 2 + 3+3+3+3+1+6+4+9+7 = 61 bytes
        byte[] expected = codes(ByteBuffer.allocate(61), codes).array();
        assertThat(serde.serialize("t", new Cell(Dataflows.MIGR_FLOW, codes))).isEqualTo(expected);
        assertThat(serde.deserialize("t", expected)).isEqualTo(new Cell(Dataflows.MIGR_FLOW, codes));
    }

    @Test
    void migrPermitsCellsNameTheirDataflow() {
        List<String> codes = List.of("KAZ", "WORK_PERMIT", "KGZ", "F", "Y20T24", "WORK", "2026-03");
        Cell cell = new Cell(Dataflows.MIGR_PERMITS, codes);
        // -1, then "MIGR_PERMITS" (2 + 12 bytes), then 4 + 7 * 2 + 3+11+3+1+6+4+7 = 53 bytes of codes
        ByteBuffer expected = ByteBuffer.allocate(4 + 14 + 53).putInt(-1).putShort((short) 12)
                .put("MIGR_PERMITS".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = codes(expected, codes).array();
        assertThat(serde.serialize("t", cell)).isEqualTo(bytes);
        assertThat(serde.deserialize("t", bytes)).isEqualTo(cell);
        assertThat(serde.deserialize("t", bytes).dataflow()).isSameAs(Dataflows.MIGR_PERMITS);
        // same codes as a MIGR_FLOW-sized list could never be mistaken: another dataflow, another cell
        assertThat(cell).isNotEqualTo(new Cell(Dataflows.MIGR_FLOW, List.of("KAZ", "IMM", "KGZ", "KGZ", "M", "Y20T24",
                "WORK", "LONG_TERM", "2026-03")));
    }

    @Test
    void aCellOfAnUnknownDataflowOrTruncatedBytesAreRefusedWithTheReason() {
        byte[] unknown = ByteBuffer.allocate(4 + 2 + 11 + 4).putInt(-1).putShort((short) 11)
                .put("MIGR_VISAZZ".getBytes(StandardCharsets.UTF_8)).putInt(0).array();
        assertThatThrownBy(() -> serde.deserialize("t", unknown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cell of dataflow 'MIGR_VISAZZ', which this node does not know; it knows"
                        + " [MIGR_FLOW, MIGR_PERMITS, MIGR_ACQ, MIGR_QUALITY, MIGR_STOCK, REMITTANCES]");
        assertThatThrownBy(() -> serde.deserialize("t", new byte[] {0, 0, 0, 1, 0, 3, 'K'}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cell bytes are truncated");
    }

    @Test
    void theAggregateKeyIsUnprefixedForMigrFlowAndPrefixedForTheOthers() {
        Cell flow = new Cell(Dataflows.MIGR_FLOW,
                List.of("KAZ", "IMM", "KGZ", "KGZ", "M", "Y20T24", "WORK", "LONG_TERM", "2026-03"));
        Cell permit = new Cell(Dataflows.MIGR_PERMITS,
                List.of("KAZ", "RESIDENCE_PERMIT", "KGZ", "F", "Y30T34", "FAMILY", "2026-03"));
        assertThat(flow.key()).isEqualTo("KAZ|IMM|KGZ|KGZ|M|Y20T24|WORK|LONG_TERM|2026-03");
        assertThat(permit.key()).isEqualTo("MIGR_PERMITS|KAZ|RESIDENCE_PERMIT|KGZ|F|Y30T34|FAMILY|2026-03");
        assertThat(Cell.parse(flow.key())).isEqualTo(flow);
        assertThat(Cell.parse(permit.key())).isEqualTo(permit);
        assertThat(permit.period()).isEqualTo("2026-03");
        assertThat(permit.code("PERMIT_TYPE")).isEqualTo("RESIDENCE_PERMIT");
        assertThatThrownBy(() -> permit.code("DURATION")).hasMessageContaining("MIGR_PERMITS has no dimension DURATION");
        assertThatThrownBy(() -> new Cell(Dataflows.MIGR_PERMITS, List.of("KAZ", "WORK_PERMIT")))
                .hasMessageContaining("a MIGR_PERMITS cell has 7 codes");
    }

    @Test
    void migrPermitsIsDefinedAsData() {
        Dataflow<?> permits = Dataflows.MIGR_PERMITS;
        assertThat(permits.dimensionIds()).containsExactly("REF_AREA", "PERMIT_TYPE", "CITIZENSHIP", "SEX", "AGE",
                "PURPOSE", "TIME_PERIOD");
        assertThat(permits.dimensions()).extracting(Dataflow.Dimension::codelistId).containsExactly("CL_AREA",
                "CL_PERMIT_TYPE", "CL_AREA", "CL_SEX", "CL_AGE", "CL_PURPOSE", null);
        assertThat(permits.dimensions()).extracting(Dataflow.Dimension::totalled)
                .containsExactly(true, false, true, true, true, true, false);
        assertThat(permits.measure()).isEqualTo("OBS_VALUE");
        assertThat(permits.unitOfCount()).isEqualTo("permits");
        assertThat(permits.structureId()).isEqualTo("MIGREX:MIGR_PERMITS(1.0)");
        assertThat(Codelists.find("CL_PERMIT_TYPE").orElseThrow().codes()).extracting(Codelists.Code::id)
                .containsExactly("RESIDENCE_PERMIT", "WORK_PERMIT");
        assertThat(Dataflows.MIGR_FLOW.dimensions()).extracting(Dataflow.Dimension::totalled)
                .containsExactly(true, false, true, true, true, true, true, true, false);
    }

    @Test
    void aRemittancesCellRoundTripsAndItsKeyNamesTheDataflow() {
        Cell cell = new Cell(Dataflows.REMITTANCES, List.of("RUS", "COST_SUM", "RUS", "TJK", "USD200", "_Z",
                "2024-Q1"));
        assertThat(serde.deserialize("t", serde.serialize("t", cell))).isEqualTo(cell);
        assertThat(cell.key()).isEqualTo("REMITTANCES|RUS|COST_SUM|RUS|TJK|USD200|_Z|2024-Q1");
        assertThat(Cell.parse(cell.key())).isEqualTo(cell);
        assertThat(cell.period()).isEqualTo("2024-Q1");
        assertThat(Dataflows.REMITTANCES.periodType()).isEqualTo(PeriodType.QUARTER);
    }
}
