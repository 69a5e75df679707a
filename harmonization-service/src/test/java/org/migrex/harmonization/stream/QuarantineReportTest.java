package org.migrex.harmonization.stream;

import org.junit.jupiter.api.Test;
import org.migrex.schema.Provenance;
import org.migrex.schema.QuarantineReason;
import org.migrex.schema.QuarantinedRecord;
import org.migrex.schema.RawMigrationRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Tier 1: a report scoped to some sources is built from their records only. */
class QuarantineReportTest {
    private static final QuarantinedRecord A1 = quarantined("alpha", "a-1", "Атлантида", "2026-03-02T10:00:00Z");
    private static final QuarantinedRecord A2 = quarantined("alpha", "a-2", "Атлантида", "2026-03-03T10:00:00Z");
    private static final QuarantinedRecord B1 = quarantined("beta", "b-1", "Лемурия", "2026-03-01T10:00:00Z");

    @Test
    void aScopedReportCountsOnlyItsSourcesRecords() {
        QuarantineReport alpha = QuarantineReport.of(List.of(A1, B1, A2).iterator(), Set.of("alpha"), "v", 10);

        assertThat(alpha.records()).isEqualTo(2);
        assertThat(alpha.reasonsByRule()).isEqualTo(Map.of("COUNTRY_UNKNOWN", 2L));
        assertThat(alpha.topUnmappedValues()).isEqualTo(
                Map.of("citizenship", List.of(new QuarantineReport.ValueCount("Атлантида", 2))));
        assertThat(alpha.oldestQuarantinedAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z")); // not beta's
        assertThat(alpha.sources()).containsExactly("alpha");
    }

    @Test
    void noSourceGivesAnEmptyReportAndNullSourcesTheWholeNode() {
        QuarantineReport none = QuarantineReport.of(List.of(A1, B1).iterator(), Set.of(), "v", 10);
        assertThat(none.records()).isZero();
        assertThat(none.topUnmappedValues()).isEmpty();
        assertThat(none.oldestQuarantinedAt()).isNull();
        assertThat(none.sources()).isEmpty();

        QuarantineReport node = QuarantineReport.of(List.of(A1, B1).iterator(), null, "v", 10);
        assertThat(node.records()).isEqualTo(2);
        assertThat(node.sources()).isNull();
    }

    @Test
    void aRecordBelongsToASourceOnlyWhenKeyAndProvenanceAgree() {
        assertThat(QuarantineReport.sourceOf("alpha|a-1", A1)).isEqualTo("alpha");
        assertThat(QuarantineReport.sourceOf("beta|a-1", A1)).isNull();
        assertThat(QuarantineReport.sourceOf("a-1", A1)).isNull();
    }

    static QuarantinedRecord quarantined(String source, String recordId, String citizenship, String at) {
        RawMigrationRecord raw = RawMigrationRecord.newBuilder().setRecordId(recordId)
                .setEventType("RESIDENCE_REGISTRATION").setEventDate("2026-01-10")
                .setPersonPseudonym("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .setCitizenship(citizenship)
                .setProvenance(Provenance.newBuilder().setNode("KAZ").setSource(source).setBatchId("b").setLine(2)
                        .setProfile("template").setProfileVersion("1").setIngestedAt(Instant.EPOCH).build())
                .build();
        return QuarantinedRecord.newBuilder().setRecord(raw).setReferenceDataVersion("v")
                .setQuarantinedAt(Instant.parse(at))
                .setReasons(List.of(QuarantineReason.newBuilder().setField("citizenship").setValue(citizenship)
                        .setRule("COUNTRY_UNKNOWN").setMessage("not a country").build()))
                .build();
    }
}
