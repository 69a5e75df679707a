package org.migrex.exchange.receiving.sdmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Observation;

/** Own cells and received datasets become observations of one dataflow only, with that dataflow's dimensions. */
class SdmxObservationsTest {
    private static final MigrationAggregate FLOW_CELL = new MigrationAggregate("MIGR_FLOW", Map.of("REF_AREA", "KGZ",
            "FLOW", "EMI", "COUNTERPART_AREA", "KAZ", "CITIZENSHIP", "KGZ", "SEX", "M", "AGE", "Y20T24", "PURPOSE",
            "WORK", "DURATION", "LONG_TERM", "TIME_PERIOD", "2026-03"), 4L, Instant.EPOCH);
    private static final MigrationAggregate PERMIT_CELL = new MigrationAggregate("MIGR_PERMITS", Map.of("REF_AREA",
            "KGZ", "PERMIT_TYPE", "WORK_PERMIT", "CITIZENSHIP", "UZB", "SEX", "F", "AGE", "Y25T29", "PURPOSE", "WORK",
            "TIME_PERIOD", "2026-03"), 6L, Instant.EPOCH);

    private static ExchangeDataset dataset(String dataflow, Map<String, String> dimensions, long value) {
        return ExchangeDataset.newBuilder().setDatasetId("d-" + dataflow).setSender("KAZ").setReceiver("KGZ")
                .setAgreementId("a").setDataflow(dataflow).setPeriod("2026-03").setRevision(1).setStatus("FINAL")
                .setGeneratedAt(Instant.EPOCH).setObservations(List.of(Observation.newBuilder()
                        .setDimensions(dimensions).setValue(value).setConfStatus("F").build()))
                .setKeyId("k").setSignature(ByteBuffer.allocate(0)).build();
    }

    @Test
    void eachDataflowSeesItsOwnCellsAndDatasets() {
        List<SdmxObservation> own = SdmxObservations.own(Dataflows.MIGR_PERMITS, "KGZ", List.of(FLOW_CELL, PERMIT_CELL));
        assertThat(own).hasSize(1);
        assertThat(own.getFirst().key()).isEqualTo(PERMIT_CELL.getDimensions());
        assertThat(own.getFirst().value()).isEqualTo(6L);
        assertThat(SdmxObservations.own(Dataflows.MIGR_FLOW, "KGZ", List.of(FLOW_CELL, PERMIT_CELL)))
                .extracting(SdmxObservation::value).containsExactly(4L);

        ExchangeDataset permits = dataset("MIGR_PERMITS", Map.of("PERMIT_TYPE", "RESIDENCE_PERMIT", "SEX", "_T",
                "TIME_PERIOD", "2026-03"), 9L);
        ExchangeDataset flows = dataset("MIGR_FLOW", Map.of("FLOW", "IMM", "SEX", "_T", "TIME_PERIOD", "2026-03"), 2L);
        List<SdmxObservation> received = SdmxObservations.received(Dataflows.MIGR_PERMITS, List.of(flows, permits));
        assertThat(received).hasSize(1);
        // REF_AREA the sender, the dimensions the agreement left out _T; no COUNTERPART_AREA in MIGR_PERMITS
        assertThat(received.getFirst().key()).isEqualTo(Map.of("REF_AREA", "KAZ", "PERMIT_TYPE", "RESIDENCE_PERMIT",
                "CITIZENSHIP", "_T", "SEX", "_T", "AGE", "_T", "PURPOSE", "_T", "TIME_PERIOD", "2026-03"));
        assertThat(SdmxObservations.received(Dataflows.MIGR_FLOW, List.of(flows, permits)).getFirst().key())
                .containsEntry("COUNTERPART_AREA", "KGZ").containsEntry("DURATION", "_T").hasSize(9);
    }
}
