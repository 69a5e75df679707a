package org.migrex.exchange.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.receiving.MirrorTable;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Observation;

/**
 * The mirror page's rows over {@link MirrorTable} for a hand-made case: KAZ counted 1 immigrant from KGZ in March,
 * none in April or May; KGZ sent 4 emigrants to KAZ for March, a suppressed figure for April and nothing for May. The
 * page must show March 1 / 4 / −3 / 4.0000, April 0 / C / – / –, May 0 / not available / – / –: a missing or
 * suppressed partner figure is never 0.
 */
class MirrorPageRowsTest {
    private static MigrationAggregate ourCell(String month, long count) {
        return MigrationAggregate.newBuilder().setDataflow("MIGR_FLOW").setDimensions(Map.of("REF_AREA", "KAZ",
                        "FLOW", "IMM", "COUNTERPART_AREA", "KGZ", "CITIZENSHIP", "KGZ", "SEX", "F", "AGE", "Y30T34",
                        "PURPOSE", "WORK", "DURATION", "LONG_TERM", "TIME_PERIOD", month))
                .setCount(count).setUpdatedAt(Instant.parse("2026-04-01T00:00:00Z")).build();
    }

    private static ExchangeDataset kgz(String month, Long value) {
        Observation total = Observation.newBuilder().setDimensions(Map.of("FLOW", "EMI", "SEX", "_T", "AGE", "_T",
                "DURATION", "_T", "TIME_PERIOD", month)).setValue(value).setConfStatus(value == null ? "C" : "F").build();
        return ExchangeDataset.newBuilder().setDatasetId("d-" + month).setSender("KGZ").setReceiver("KAZ")
                .setAgreementId("KGZ-KAZ-MIGR_FLOW").setDataflow("MIGR_FLOW").setPeriod(month).setRevision(1)
                .setStatus("FINAL").setGeneratedAt(Instant.parse("2026-06-01T00:00:00Z")).setObservations(List.of(total))
                .setKeyId("KGZ-1").setSignature(ByteBuffer.allocate(0)).build();
    }

    private static List<MirrorPageController.MonthRow> shown(Locale locale, String confidential, String none) {
        List<MirrorTable.Row> rows = MirrorTable.compute("KAZ", "KGZ", List.of("2026-03", "2026-04", "2026-05"),
                List.of(ourCell("2026-03", 1)), month -> switch (month) {
                    case "2026-03" -> Optional.of(kgz(month, 4L));
                    case "2026-04" -> Optional.of(kgz(month, null));
                    default -> Optional.empty();
                });
        NumberFormat ratios = NumberFormat.getNumberInstance(locale);
        ratios.setMinimumFractionDigits(4);
        ratios.setMaximumFractionDigits(4);
        return rows.stream().filter(r -> r.flowPair() == MirrorTable.FlowPair.IMM_FROM_PARTNER
                        && Dataflow.TOTAL.equals(r.sex()) && Dataflow.TOTAL.equals(r.duration()))
                .map(r -> MirrorPageController.shown(r, NumberFormat.getIntegerInstance(locale), ratios, confidential,
                        none)).toList();
    }

    @Test
    void aSuppressedOrMissingPartnerFigureIsWrittenAsSuchNeverAsZero() {
        List<MirrorPageController.MonthRow> en = shown(Locale.ENGLISH, "C", "not available");
        assertThat(en).extracting(MirrorPageController.MonthRow::period).containsExactly("2026-03", "2026-04", "2026-05");
        assertThat(en.get(0)).extracting("ours", "partners", "difference", "ratio")
                .containsExactly("1", "4", "-3", "4.0000");
        assertThat(en.get(1)).extracting("ours", "partners", "difference", "ratio").containsExactly("0", "C", "–", "–");
        assertThat(en.get(2)).extracting("ours", "partners", "difference", "ratio")
                .containsExactly("0", "not available", "–", "–");
        List<MirrorPageController.MonthRow> ru = shown(Locale.of("ru"), "C", "нет данных");
        assertThat(ru.get(0).ratio()).isEqualTo("4,0000");
        assertThat(ru.get(2).partners()).isEqualTo("нет данных");
    }
}
