package org.migrex.exchange.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.exchange.receiving.InboxStore;
import org.migrex.exchange.receiving.MirrorDefinitions;
import org.migrex.exchange.receiving.MirrorTable;
import org.migrex.exchange.receiving.OwnAggregates;
import org.migrex.exchange.receiving.PartnerKeys;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.schema.MigrationAggregate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/**
 * {@code GET /portal/mirror?partner=&direction=&sex=&duration=}: the mirror table of one flow pair with a partner
 * ({@link MirrorTable}, the same rows as {@code /api/v1/mirror}), at one sex and duration class (all of them unless
 * chosen), over every month either side has, with a chart
 * of both sides' figures and one of the ratio (partner's as a percentage of ours). A partner figure that is
 * confidential (C) or not available (no dataset, or a dimension its agreement does not keep) is written as such and
 * left out of the charts: never drawn or shown as 0. Above the table, whether the two sides count alike
 * ({@link MirrorDefinitions} over the months shown, as the API's {@code definitions}): comparable, not comparable or
 * unknown, each difference in the page's language, and both agreements' kept dimensions and filters. STATISTICIAN
 * only, like the API (our figures are before disclosure control).
 */
@Controller
@RequestMapping("/portal")
public class MirrorPageController {
    private static final int MAX_MONTHS = 36;
    private final PublicReleases releases;
    private final ObjectProvider<OwnAggregates> own;
    private final ObjectProvider<InboxStore> inbox;
    private final ObjectProvider<PartnerKeys> partners;
    private final MessageSource messages;
    private final LocaleResolver locales;
    private final List<ExchangeAgreement> agreements;

    /** {@code exchangeAgreements}: the node's agreements (empty where the service has no sending side). */
    public MirrorPageController(PublicReleases releases, ObjectProvider<OwnAggregates> own,
                                ObjectProvider<InboxStore> inbox, ObjectProvider<PartnerKeys> partners,
                                MessageSource messages, LocaleResolver locales,
                                List<ExchangeAgreement> exchangeAgreements) {
        this.agreements = List.copyOf(exchangeAgreements);
        this.releases = releases;
        this.own = own;
        this.inbox = inbox;
        this.partners = partners;
        this.messages = messages;
        this.locales = locales;
    }

    /** One month of the page's table, each figure as shown. */
    public record MonthRow(String period, String ours, String partners, String difference, String ratio,
                           String note) {
    }

    /** One line of the two agreements' table: what, ours, the partner's. */
    public record DefinitionRow(String label, String ours, String partners) {
    }

    @GetMapping("/mirror")
    public String mirror(@RequestParam(required = false) String partner,
                         @RequestParam(required = false) String direction,
                         @RequestParam(required = false) String sex,
                         @RequestParam(required = false) String duration,
                         HttpServletRequest request, HttpServletResponse response, Model model) {
        Locale locale = SignedInController.commonModel(releases, locales, request, response, model, "mirror");
        model.addAttribute("pageTitle", text("mirror.page", locale));
        PartnerKeys keys = partners.getIfAvailable();
        OwnAggregates ours = own.getIfAvailable();
        InboxStore store = inbox.getIfAvailable();
        if (keys == null || ours == null || store == null) {
            model.addAttribute("unavailable", text("mirror.unavailable", locale));
            response.setStatus(503);
            return "portal/mirror";
        }
        TreeSet<String> countries = new TreeSet<>(keys.countries());
        String chosen = partner != null && countries.contains(partner) ? partner
                : countries.isEmpty() ? null : countries.first();
        MirrorTable.FlowPair pair = MirrorTable.FlowPair.IMM_FROM_PARTNER;
        for (MirrorTable.FlowPair p : MirrorTable.FlowPair.values()) {
            if (p.name().equals(direction)) {
                pair = p;
            }
        }
        MirrorTable.FlowPair chosenPair = pair;
        // the breakdowns mirror statistics are matched on (docs/statistics.md): a sex, a duration class, or all
        CodeLabels labels = new CodeLabels(messages, locale);
        List<String> sexes = breakdown("SEX");
        List<String> durations = breakdown("DURATION");
        String chosenSex = sexes.contains(sex) ? sex : Dataflow.TOTAL;
        String chosenDuration = durations.contains(duration) ? duration : Dataflow.TOTAL;
        model.addAttribute("filters", List.of(
                new PortalController.Filter("partner", text("mirror.partner", locale), countries.stream()
                        .map(c -> new PortalController.Choice(c, CodeLabels.country(c, locale) + " (" + c + ")",
                                c.equals(chosen))).toList()),
                new PortalController.Filter("direction", text("mirror.direction", locale),
                        java.util.Arrays.stream(MirrorTable.FlowPair.values()).map(p -> new PortalController.Choice(
                                p.name(), text("mirror.pair." + p.name(), locale), p == chosenPair)).toList()),
                new PortalController.Filter("sex", text("mirror.sex", locale), sexes.stream()
                        .map(c -> new PortalController.Choice(c, labels.name(Dataflows.MIGR_FLOW, "SEX", c),
                                c.equals(chosenSex))).toList()),
                new PortalController.Filter("duration", text("mirror.duration", locale), durations.stream()
                        .map(c -> new PortalController.Choice(c, labels.name(Dataflows.MIGR_FLOW, "DURATION", c),
                                c.equals(chosenDuration))).toList())));
        if (chosen == null) {
            model.addAttribute("noPartner", true);
            return "portal/mirror";
        }
        String partnerName = CodeLabels.country(chosen, locale);
        String usName = CodeLabels.country(releases.node(), locale);
        List<MirrorTable.Row> rows;
        List<String> periods;
        MirrorDefinitions definitions;
        try {
            Collection<MigrationAggregate> cells = ours.cells();
            periods = periods(cells, store, chosen);
            MirrorTable.Received received = MirrorTable.Received.lookUp(periods,
                    month -> store.find(chosen, MirrorTable.DATAFLOW, month));
            rows = MirrorTable.compute(releases.node(), chosen, periods, cells, received::of);
            definitions = MirrorDefinitions.compare(releases.node(), chosen, MirrorTable.DATAFLOW, agreements,
                    received.datasets());
        } catch (RuntimeException notRunning) {
            model.addAttribute("unavailable", text("mirror.unavailable", locale));
            response.setStatus(503);
            return "portal/mirror";
        }
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        NumberFormat ratios = NumberFormat.getNumberInstance(locale);
        ratios.setMinimumFractionDigits(4);
        ratios.setMaximumFractionDigits(4);
        List<MonthRow> table = new ArrayList<>();
        List<Long> ourSeries = new ArrayList<>();
        List<Long> partnerSeries = new ArrayList<>();
        List<Long> ratioSeries = new ArrayList<>();
        for (String period : periods) {
            MirrorTable.Row row = rows.stream().filter(r -> r.period().equals(period) && r.flowPair() == chosenPair
                    && chosenSex.equals(r.sex()) && chosenDuration.equals(r.duration())).findFirst().orElse(null);
            if (row == null) {
                continue;
            }
            table.add(shown(row, numbers, ratios, text("cell.confidential", locale),
                    text("mirror.notavailable", locale)));
            ourSeries.add(row.ourValue());
            partnerSeries.add(row.partnerValue());
            ratioSeries.add(row.ratio() == null ? null
                    : row.ratio().multiply(BigDecimal.valueOf(100)).setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValueExact());
        }
        String verdict = definitions.verdict().name();
        model.addAttribute("verdict", verdict);
        model.addAttribute("verdictWord", text("mirror.verdict." + verdict, locale));
        model.addAttribute("verdictText", text("mirror.verdict." + verdict + ".text", locale));
        model.addAttribute("differences", definitions.differenceCodes().stream()
                .map(d -> sentence(d, messages, locale, partnerName, usName)).toList());
        model.addAttribute("definitionRows", definitionRows(definitions, messages, locale));
        String pairName = text("mirror.pair." + chosenPair.name(), locale);
        model.addAttribute("partnerName", partnerName);
        model.addAttribute("pairName", pairName);
        model.addAttribute("mirrorRows", table);
        model.addAttribute("ourLabel", text("mirror.ours", locale, usName));
        model.addAttribute("partnerLabel", text("mirror.theirs", locale, partnerName));
        List<String> shown = table.stream().map(MonthRow::period).toList();
        if (!shown.isEmpty()) {
            String title = text("mirror.chart.title", locale, pairName, partnerName);
            model.addAttribute("chartTitle", title);
            model.addAttribute("svg", SvgChart.draw(title, shown, List.of(
                    new SvgChart.Series(text("mirror.ours", locale, usName), ourSeries),
                    new SvgChart.Series(text("mirror.theirs", locale, partnerName), partnerSeries))));
            String ratioTitle = text("mirror.ratio.title", locale, partnerName, usName);
            model.addAttribute("ratioTitle", ratioTitle);
            // the second chart's ids must differ from the first's
            model.addAttribute("ratioSvg", SvgChart.draw(ratioTitle, shown, List.of(
                    new SvgChart.Series(text("mirror.ratio.series", locale), ratioSeries)))
                    .replace("id=\"chart\"", "id=\"chart-ratio\"")
                    .replace("chart-title", "chart-ratio-title"));
        }
        return "portal/mirror";
    }

    /**
     * A difference in the page's language: the label {@code mirror.difference.<CODE>} (with {@code .<SIDE>} when the
     * difference is about one side's agreement), with the arguments {0} the partner's name, {1} ours, {2} the
     * dimension, {3} the dataflow, {4} the agreement id, {5} the codes, {6} and {7} the codes our and the partner's
     * filter covers ("all codes" when unfiltered), {8} the name of the country the difference names.
     */
    static String sentence(MirrorDefinitions.Difference d, MessageSource messages, Locale locale, String partnerName,
                           String usName) {
        String key = "mirror.difference." + d.code().name() + (d.side() == null ? "" : "." + d.side().name());
        String all = messages.getMessage("mirror.definitions.allcodes", null, locale);
        return messages.getMessage(key, new Object[] {partnerName, usName, d.dimension(), d.dataflow(),
                d.agreementId(), d.codes() == null ? null : String.join(", ", d.codes()),
                d.ourCodes() == null ? all : String.join(", ", d.ourCodes()),
                d.partnerCodes() == null ? all : String.join(", ", d.partnerCodes()),
                d.country() == null ? null : CodeLabels.country(d.country(), locale)}, locale);
    }

    /** Agreement, dimensions kept and filter of both sides; a side whose definition is not known says so. */
    static List<DefinitionRow> definitionRows(MirrorDefinitions definitions, MessageSource messages, Locale locale) {
        MirrorDefinitions.Definition ours = definitions.ours();
        MirrorDefinitions.Definition theirs = definitions.partners();
        String none = messages.getMessage("mirror.definitions.noagreement", null, locale);
        String unknown = messages.getMessage("mirror.definitions.unknown", null, locale);
        String noFilter = messages.getMessage("mirror.definitions.nofilter", null, locale);
        return List.of(
                new DefinitionRow(messages.getMessage("mirror.definitions.agreement", null, locale),
                        ours == null ? none : ours.agreementId(), theirs == null ? unknown : theirs.agreementId()),
                new DefinitionRow(messages.getMessage("mirror.definitions.keep", null, locale),
                        ours == null ? none : String.join(", ", ours.keep()),
                        theirs == null ? unknown : String.join(", ", theirs.keep())),
                new DefinitionRow(messages.getMessage("mirror.definitions.filter", null, locale),
                        ours == null ? none : filter(ours.filter(), noFilter),
                        theirs == null ? unknown : filter(theirs.filter(), noFilter)));
    }

    /** {@code COUNTERPART_AREA = KGZ; PURPOSE = FAMILY, WORK}, dimensions in order; {@code noFilter} when empty. */
    private static String filter(Map<String, List<String>> filter, String noFilter) {
        return filter.isEmpty() ? noFilter : String.join("; ", new java.util.TreeMap<>(filter).entrySet().stream()
                .map(e -> e.getKey() + " = " + String.join(", ", e.getValue())).toList());
    }

    /** The total first, then the dimension's codes in MIGR_FLOW's order. */
    private static List<String> breakdown(String dimension) {
        List<String> codes = new ArrayList<>();
        codes.add(Dataflow.TOTAL);
        Dataflows.MIGR_FLOW.codelistOf(dimension).orElseThrow().codes().stream().map(c -> c.id())
                .filter(c -> !c.equals(Dataflow.TOTAL)).forEach(codes::add);
        return codes;
    }

    /**
     * A row as the page shows it. Rule: a partner figure without a value is {@code confidential} when the partner
     * suppressed it (CONF_STATUS C) and {@code notAvailable} otherwise (no dataset, or a breakdown its agreement does
     * not keep); never 0. No difference or ratio: "–".
     */
    static MonthRow shown(MirrorTable.Row row, NumberFormat numbers, NumberFormat ratios, String confidential,
                          String notAvailable) {
        String partnerText = row.partnerValue() != null ? numbers.format(row.partnerValue())
                : "C".equals(row.partnerConfStatus()) ? confidential : notAvailable;
        return new MonthRow(row.period(), numbers.format(row.ourValue()), partnerText,
                row.difference() == null ? "–" : numbers.format(row.difference()),
                row.ratio() == null ? "–" : ratios.format(row.ratio()), row.note());
    }

    /** Every month either side has for this partner (our MIGR_FLOW cells, its datasets), the newest MAX_MONTHS. */
    private static List<String> periods(Collection<MigrationAggregate> cells, InboxStore store, String partner) {
        TreeSet<String> months = new TreeSet<>();
        for (MigrationAggregate c : cells) {
            if (MirrorTable.DATAFLOW.equals(c.getDataflow()) && partner.equals(c.getDimensions().get("COUNTERPART_AREA"))) {
                String month = c.getDimensions().get(Dataflow.TIME_PERIOD);
                if (month != null) {
                    months.add(month);
                }
            }
        }
        store.query(partner, MirrorTable.DATAFLOW, null).forEach(d -> months.add(d.getPeriod()));
        List<String> all = new ArrayList<>(months);
        return all.subList(Math.max(0, all.size() - MAX_MONTHS), all.size());
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
