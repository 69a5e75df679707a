package org.migrex.exchange.portal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.exchange.receiving.sdmx.SdmxObservation;
import org.migrex.exchange.sending.cube.PublishedTable;
import org.migrex.schema.Topics;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * A public release of KAZ written by hand, as the delivery's published tables would hold it, and the portal
 * controller over it (the real message bundles and language resolver), for the portal's unit tests.
 *
 * <p>MIGR_FLOW, 2026-03: immigration from KGZ, men 30–34 long-term 6 (all durations 6), women 25–29 long-term 4
 * (all durations 4), women 30–34 long-term suppressed (true count 2; all durations suppressed too), women long-term
 * over all ages suppressed (secondary), men long-term all ages 6, all 12; emigration to KGZ, men 40–44 long-term 3;
 * immigration from all countries, men 30–34 long-term 9. February: immigration from KGZ, men 30–34 long-term 5.
 *
 * <p>MIGR_STOCK (all ages, countries of birth at their total): 2026-03 citizens of KGZ men 7, women suppressed (true
 * count 3), all 12; all citizenships men 20, women 15, all 35. 2026-04, all citizenships: men 22, women 16, all 38.
 */
final class HandRelease {
    static final Dataflow<?> FLOW = Dataflows.require("MIGR_FLOW");
    static final Dataflow<?> STOCK = Dataflows.require("MIGR_STOCK");
    private static final List<String> FLOW_KEPT = List.of("FLOW", "COUNTERPART_AREA", "SEX", "AGE", "DURATION",
            "TIME_PERIOD");
    private static final List<String> STOCK_KEPT = List.of("CITIZENSHIP", "SEX", "AGE", "TIME_PERIOD");

    private HandRelease() {
    }

    private static PublishedTable table(String agreement, List<String> kept, String period,
                                        Map<List<String>, Long> counts, Set<List<String>> suppressed) {
        return new PublishedTable(agreement, 1, "PUBLIC", period, 1, "PROVISIONAL", kept,
                List.of(0, 1, 2), 3, 15, counts, suppressed);
    }

    private static List<String> flow(String flow, String area, String sex, String age, String duration, String period) {
        return List.of(flow, area, sex, age, duration, period);
    }

    private static List<SdmxObservation> flows() {
        Map<List<String>, Long> march = new LinkedHashMap<>();
        march.put(flow("IMM", "KGZ", "M", "Y30T34", "LONG_TERM", "2026-03"), 6L);
        march.put(flow("IMM", "KGZ", "M", "Y30T34", "_T", "2026-03"), 6L);
        march.put(flow("IMM", "KGZ", "F", "Y25T29", "LONG_TERM", "2026-03"), 4L);
        march.put(flow("IMM", "KGZ", "F", "Y25T29", "_T", "2026-03"), 4L);
        march.put(flow("IMM", "KGZ", "F", "Y30T34", "LONG_TERM", "2026-03"), 2L);
        march.put(flow("IMM", "KGZ", "F", "Y30T34", "_T", "2026-03"), 2L);
        march.put(flow("IMM", "KGZ", "F", "_T", "LONG_TERM", "2026-03"), 6L);
        march.put(flow("IMM", "KGZ", "M", "_T", "LONG_TERM", "2026-03"), 6L);
        march.put(flow("IMM", "KGZ", "_T", "_T", "_T", "2026-03"), 12L);
        march.put(flow("EMI", "KGZ", "M", "Y40T44", "LONG_TERM", "2026-03"), 3L);
        march.put(flow("IMM", "_T", "M", "Y30T34", "LONG_TERM", "2026-03"), 9L);
        Map<List<String>, Long> february = Map.of(flow("IMM", "KGZ", "M", "Y30T34", "LONG_TERM", "2026-02"), 5L);
        return PublicRelease.observations(FLOW, "KAZ", List.of(
                table("KAZ-PUBLIC-MIGR_FLOW", FLOW_KEPT, "2026-03", march, Set.of(
                        flow("IMM", "KGZ", "F", "Y30T34", "LONG_TERM", "2026-03"),
                        flow("IMM", "KGZ", "F", "Y30T34", "_T", "2026-03"),
                        flow("IMM", "KGZ", "F", "_T", "LONG_TERM", "2026-03"))),
                table("KAZ-PUBLIC-MIGR_FLOW", FLOW_KEPT, "2026-02", february, Set.of())));
    }

    private static List<SdmxObservation> stocks() {
        Map<List<String>, Long> march = new LinkedHashMap<>();
        march.put(List.of("KGZ", "M", "_T", "2026-03"), 7L);
        march.put(List.of("KGZ", "F", "_T", "2026-03"), 3L);
        march.put(List.of("KGZ", "_T", "_T", "2026-03"), 12L);
        march.put(List.of("_T", "M", "_T", "2026-03"), 20L);
        march.put(List.of("_T", "F", "_T", "2026-03"), 15L);
        march.put(List.of("_T", "_T", "_T", "2026-03"), 35L);
        Map<List<String>, Long> april = new LinkedHashMap<>();
        april.put(List.of("_T", "M", "_T", "2026-04"), 22L);
        april.put(List.of("_T", "F", "_T", "2026-04"), 16L);
        april.put(List.of("_T", "_T", "_T", "2026-04"), 38L);
        return PublicRelease.observations(STOCK, "KAZ", List.of(
                table("KAZ-PUBLIC-MIGR_STOCK", STOCK_KEPT, "2026-03", march, Set.of(List.of("KGZ", "F", "_T", "2026-03"))),
                table("KAZ-PUBLIC-MIGR_STOCK", STOCK_KEPT, "2026-04", april, Set.of())));
    }

    static final PublicReleases RELEASE = new PublicReleases(Topics.forNode("KAZ"), List.of(), null) {
        @Override
        public List<Dataflow<?>> dataflows() {
            return List.of(FLOW, STOCK);
        }

        @Override
        public List<SdmxObservation> observations(Dataflow<?> dataflow) {
            return dataflow == FLOW ? flows() : stocks();
        }
    };

    static PortalController controller() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new PortalController(RELEASE, messages, new PortalLocales());
    }
}
