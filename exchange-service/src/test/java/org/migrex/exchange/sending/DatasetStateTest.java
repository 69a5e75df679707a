package org.migrex.exchange.sending;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.migrex.exchange.dataflow.DatasetStatus;

/** The text form of {@code dataset-state}, including what nodes wrote before late changes were held. */
class DatasetStateTest {
    @Test
    void theSixFieldFormOfEarlierVersionsReadsAsNothingHeld() {
        DatasetState old = DatasetState.parse("4;1700000000000;false;FINAL;abc123;2");
        assertThat(old).isEqualTo(new DatasetState(4, 1_700_000_000_000L, false, DatasetStatus.FINAL, "abc123", 2,
                0, 0, null));
    }

    @Test
    void aReasonWithSeparatorsAndCyrillicSurvivesTheRoundTrip() {
        DatasetState state = new DatasetState(5, 42, false, DatasetStatus.FINAL, "h", 1, 3, 2,
                "поздние записи; отдел Алматы|2026");
        assertThat(DatasetState.parse(state.format())).isEqualTo(state);
        assertThat(state.format().split(";", -1)).hasSize(9);
    }

    @Test
    void heldChangesCountUpAndAreAuditedWithoutMakingTheDatasetDue() {
        DatasetState fin = new DatasetState(4, 42, false, DatasetStatus.FINAL, "h", 1);
        DatasetState held = fin.holdLateChange().holdLateChange();
        assertThat(held.lateChangesHeld()).isEqualTo(2);
        assertThat(held.dirty()).isFalse();
        assertThat(held.markLateChangesAudited().lateChangesAudited()).isEqualTo(2);
    }
}
