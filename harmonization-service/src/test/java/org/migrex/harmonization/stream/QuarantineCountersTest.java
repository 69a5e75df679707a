package org.migrex.harmonization.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.migrex.harmonization.rules.QuarantineRule;
import org.migrex.schema.IntakeQualityDelta;
import org.migrex.schema.Provenance;
import org.migrex.schema.QuarantineReason;
import org.migrex.schema.QuarantinedRecord;
import org.migrex.statistics.QualityCounter;

class QuarantineCountersTest {
    private static final String KEY = "kaz-mvd|r-1";

    private static QuarantinedRecord entry(String eventDate, String... rules) {
        var reasons = java.util.Arrays.stream(rules)
                .map(r -> new QuarantineReason("field", "v", r, "message")).toList();
        return QuarantinedRecord.newBuilder()
                .setRecord(HarmonizationTopologyTest.record("r-1", "Narnia").setEventDate(eventDate)
                        .setProvenance(new Provenance("KAZ", "kaz-mvd", "b1", 2L, "template", "1",
                                Instant.parse("2026-11-30T23:59:59Z")))
                        .build())
                .setReasons(reasons).setReferenceDataVersion("ref-1").setQuarantinedAt(Instant.EPOCH).build();
    }

    private static IntakeQualityDelta d(String month, String indicator, long delta) {
        return new IntakeQualityDelta("kaz-mvd", month, indicator, delta);
    }

    @Test
    void aRecordCountsOnceInQuarantinedAndOnceUnderEachOfItsRules() {
        // two reasons of one rule and one of another: QUARANTINED, and each rule once
        assertThat(QuarantineCounters.deltas(KEY, null,
                entry("2026-01-10", "COUNTRY_UNKNOWN", "COUNTRY_UNKNOWN", "SEX_UNKNOWN")))
                .containsExactlyInAnyOrder(d("2026-01", "QUARANTINED", 1), d("2026-01", "QUARANTINED_COUNTRY_UNKNOWN", 1),
                        d("2026-01", "QUARANTINED_SEX_UNKNOWN", 1));
    }

    @Test
    void aReplayThatChangesTheRulesMovesOnlyTheRulesAndAReleaseTakesEverythingBack() {
        QuarantinedRecord first = entry("2026-01-10", "COUNTRY_UNKNOWN", "SEX_UNKNOWN");
        QuarantinedRecord sameRules = entry("2026-01-10", "SEX_UNKNOWN", "COUNTRY_UNKNOWN");
        QuarantinedRecord fewer = entry("2026-01-10", "SEX_UNKNOWN");
        assertThat(QuarantineCounters.deltas(KEY, first, sameRules)).isEmpty();
        assertThat(QuarantineCounters.deltas(KEY, first, fewer))
                .containsExactly(d("2026-01", "QUARANTINED_COUNTRY_UNKNOWN", -1));
        assertThat(QuarantineCounters.deltas(KEY, fewer, null))
                .containsExactlyInAnyOrder(d("2026-01", "QUARANTINED", -1), d("2026-01", "QUARANTINED_SEX_UNKNOWN", -1));
    }

    @Test
    void anEventDateThatIsNoDateCountsInTheMonthTheRecordWasIngested() {
        // ingested 2026-11-30T23:59:59Z: November in UTC
        assertThat(QuarantineCounters.deltas(KEY, null, entry("10.01.2026", "EVENT_DATE_INVALID")))
                .containsExactlyInAnyOrder(d("2026-11", "QUARANTINED", 1),
                        d("2026-11", "QUARANTINED_EVENT_DATE_INVALID", 1));
        // a correction that makes the date readable moves the record to its event's month
        assertThat(QuarantineCounters.deltas(KEY, entry("10.01.2026", "COUNTRY_UNKNOWN"),
                entry("2026-01-10", "COUNTRY_UNKNOWN"))).containsExactlyInAnyOrder(
                d("2026-11", "QUARANTINED", -1), d("2026-11", "QUARANTINED_COUNTRY_UNKNOWN", -1),
                d("2026-01", "QUARANTINED", 1), d("2026-01", "QUARANTINED_COUNTRY_UNKNOWN", 1));
    }

    @Test
    void everyRuleThatCanQuarantineHasItsCounter() {
        for (QuarantineRule rule : QuarantineRule.values()) {
            assertThat(QualityCounter.quarantinedBy(rule.name()).name()).isEqualTo("QUARANTINED_" + rule.name());
        }
        assertThat(List.of(QualityCounter.values()).stream().filter(c -> c.name().startsWith("QUARANTINED_")).count())
                .isEqualTo(QuarantineRule.values().length);
    }
}
