package org.migrex.exchange.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.exchange.receiving.OwnAggregates;
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
 * {@code GET /portal/quality?source=}: the node's data-quality indicators (MIGR_QUALITY, this node's own cells): one
 * row per indicator in code-list order, one column per month (the newest 24), for one source or all of them, summed
 * over FLOW (IMM, EMI and {@code _Z} for the intake counters); below it the shares ({@link QualityShares}): each
 * reason over the registrations, each unknown over the counted. STATISTICIAN only, like the node's other own figures.
 */
@Controller
@RequestMapping("/portal")
public class QualityPageController {
    private static final int MAX_MONTHS = 24;
    private static final String ALL = Dataflow.TOTAL;
    private final PublicReleases releases;
    private final ObjectProvider<OwnAggregates> own;
    private final MessageSource messages;
    private final LocaleResolver locales;

    public QualityPageController(PublicReleases releases, ObjectProvider<OwnAggregates> own, MessageSource messages,
                                 LocaleResolver locales) {
        this.releases = releases;
        this.own = own;
        this.messages = messages;
        this.locales = locales;
    }

    /** One indicator: its code, name and the count per month as shown. */
    public record IndicatorRow(String code, String label, List<String> cells) {
    }

    @GetMapping("/quality")
    public String quality(@RequestParam(required = false) String source, HttpServletRequest request,
                          HttpServletResponse response, Model model) {
        Locale locale = SignedInController.commonModel(releases, locales, request, response, model, "quality");
        model.addAttribute("pageTitle", messages.getMessage("quality.page", null, locale));
        OwnAggregates aggregates = own.getIfAvailable();
        Collection<MigrationAggregate> cells;
        try {
            cells = aggregates == null ? null : aggregates.cells().stream()
                    .filter(c -> Dataflows.MIGR_QUALITY.id().equals(c.getDataflow())).toList();
        } catch (RuntimeException notRunning) {
            cells = null;
        }
        if (cells == null) {
            model.addAttribute("unavailable", messages.getMessage("quality.unavailable", null, locale));
            response.setStatus(503);
            return "portal/quality";
        }
        TreeSet<String> sources = new TreeSet<>();
        TreeSet<String> months = new TreeSet<>();
        for (MigrationAggregate c : cells) {
            String s = c.getDimensions().get("SOURCE");
            if (s != null && !ALL.equals(s)) {
                sources.add(s);
            }
            String m = c.getDimensions().get(Dataflow.TIME_PERIOD);
            if (m != null) {
                months.add(m);
            }
        }
        String chosen = source != null && sources.contains(source) ? source : ALL;
        List<PortalController.Choice> choices = new ArrayList<>();
        choices.add(new PortalController.Choice(ALL, messages.getMessage("quality.allsources", null, locale),
                chosen.equals(ALL)));
        sources.forEach(s -> choices.add(new PortalController.Choice(s, s, s.equals(chosen))));
        model.addAttribute("filters", List.of(new PortalController.Filter("source",
                messages.getMessage("quality.source", null, locale), choices)));
        List<String> periods = new ArrayList<>(months);
        periods = periods.subList(Math.max(0, periods.size() - MAX_MONTHS), periods.size());
        // count per (indicator, month): the chosen source's cells, or every source's (a SOURCE _T margin, if a cell
        // has one, is left out so that nothing counts twice); FLOW summed (its codes do not overlap, no _T)
        Map<String, Long> counts = new HashMap<>();
        for (MigrationAggregate c : cells) {
            String s = c.getDimensions().get("SOURCE");
            String flow = c.getDimensions().get("FLOW");
            if (ALL.equals(s) || ALL.equals(flow) || !(chosen.equals(ALL) || chosen.equals(s))) {
                continue;
            }
            counts.merge(c.getDimensions().get("INDICATOR") + "|" + c.getDimensions().get(Dataflow.TIME_PERIOD),
                    c.getCount(), Long::sum);
        }
        CodeLabels labels = new CodeLabels(messages, locale);
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        List<IndicatorRow> rows = new ArrayList<>();
        List<String> indicators = Dataflows.MIGR_QUALITY.codelistOf("INDICATOR").orElseThrow().codes().stream()
                .map(org.migrex.exchange.dataflow.Codelists.Code::id).toList();
        for (String indicator : indicators) {
            List<String> shown = new ArrayList<>();
            for (String p : periods) {
                Long n = counts.get(indicator + "|" + p);
                shown.add(n == null ? "–" : numbers.format(n));
            }
            rows.add(new IndicatorRow(indicator, labels.name(Dataflows.MIGR_QUALITY, "INDICATOR", indicator), shown));
        }
        NumberFormat percent = NumberFormat.getNumberInstance(locale);
        percent.setMinimumFractionDigits(1);
        percent.setMaximumFractionDigits(1);
        List<IndicatorRow> shares = QualityShares.rows(counts, periods).stream().map(r -> new IndicatorRow(r.code(),
                messages.getMessage("quality.share.of." + r.denominator(), new Object[] {
                        labels.name(Dataflows.MIGR_QUALITY, "INDICATOR", r.code())}, locale),
                r.percent().stream().map(p -> p.map(v -> percent.format(v) + " %").orElse("–")).toList())).toList();
        model.addAttribute("periods", periods);
        model.addAttribute("qualityRows", rows);
        model.addAttribute("shareRows", shares);
        model.addAttribute("sourceName", chosen.equals(ALL)
                ? messages.getMessage("quality.allsources", null, locale) : chosen);
        return "portal/quality";
    }
}
