package org.migrex.exchange.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.exchange.receiving.InboxStore;
import org.migrex.exchange.receiving.OwnAggregates;
import org.migrex.exchange.receiving.PartnerKeys;
import org.migrex.exchange.receiving.RemittanceFigures;
import org.migrex.schema.ExchangeDataset;
import org.migrex.statistics.Remittances;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/**
 * {@code GET /portal/remittances?source=&corridor=}: the corridor chart (docs/remittances.md). One side's figures,
 * this node's own REMITTANCES cube ({@code source} absent or {@code own}) or a partner's latest received datasets
 * ({@code source=TJK}); one of its corridors ({@code corridor=RUS-TJK}, the first unless chosen); per quarter the SDG
 * 10.c.1 average total cost of the USD200 and the USD500 band ({@link CorridorChart}, the same figures as
 * {@code /api/v1/remittances/costs}) as a line chart with the 3 % target and the 5 % line, and a table of the same
 * numbers. A quarter where a band has no costed point is "no survey": a gap in the chart, never 0. The newest 40
 * quarters. STATISTICIAN only, like the API.
 */
@Controller
@RequestMapping("/portal")
public class RemittancePageController {
    static final String OWN = "own";
    private static final int MAX_QUARTERS = 40;
    private static final String DATAFLOW = Dataflows.REMITTANCES.id();
    private final PublicReleases releases;
    private final ObjectProvider<OwnAggregates> own;
    private final ObjectProvider<InboxStore> inbox;
    private final ObjectProvider<PartnerKeys> partners;
    private final MessageSource messages;
    private final LocaleResolver locales;

    public RemittancePageController(PublicReleases releases, ObjectProvider<OwnAggregates> own,
                                    ObjectProvider<InboxStore> inbox, ObjectProvider<PartnerKeys> partners,
                                    MessageSource messages, LocaleResolver locales) {
        this.releases = releases;
        this.own = own;
        this.inbox = inbox;
        this.partners = partners;
        this.messages = messages;
        this.locales = locales;
    }

    /** One quarter of the table, each band's average as shown. */
    public record QuarterRow(String quarter, String usd200, String usd500) {
    }

    @GetMapping("/remittances")
    public String remittances(@RequestParam(required = false) String source,
                              @RequestParam(required = false) String corridor,
                              HttpServletRequest request, HttpServletResponse response, Model model) {
        Locale locale = SignedInController.commonModel(releases, locales, request, response, model, "remittances");
        model.addAttribute("pageTitle", text("remittances.page", locale));
        PartnerKeys keys = partners.getIfAvailable();
        OwnAggregates ours = own.getIfAvailable();
        InboxStore store = inbox.getIfAvailable();
        if (keys == null || ours == null || store == null) {
            return unavailable(response, model, locale);
        }
        TreeSet<String> countries = new TreeSet<>(keys.countries());
        String chosenSource = source != null && countries.contains(source) ? source : OWN;
        List<PortalController.Choice> sources = new ArrayList<>();
        sources.add(new PortalController.Choice(OWN, text("remittances.source.own", locale,
                CodeLabels.country(releases.node(), locale)), OWN.equals(chosenSource)));
        countries.forEach(c -> sources.add(new PortalController.Choice(c, text("remittances.source.partner", locale,
                CodeLabels.country(c, locale) + " (" + c + ")"), c.equals(chosenSource))));
        RemittanceFigures.Costs costs;
        try {
            costs = RemittanceFigures.costs(OWN.equals(chosenSource) ? own(ours) : received(store, chosenSource));
        } catch (RuntimeException notRunning) {
            return unavailable(response, model, locale);
        }
        List<CorridorChart.Corridor> corridors = CorridorChart.corridors(costs);
        CorridorChart.Corridor chosen = corridors.stream().filter(c -> c.id().equals(corridor)).findFirst()
                .orElse(corridors.isEmpty() ? null : corridors.get(0));
        model.addAttribute("filters", List.of(
                new PortalController.Filter("source", text("remittances.source", locale), sources),
                new PortalController.Filter("corridor", text("remittances.corridor", locale), corridors.stream()
                        .map(c -> new PortalController.Choice(c.id(), name(c, locale), c.equals(chosen))).toList())));
        if (chosen == null) {
            model.addAttribute("noCorridor", true);
            return "portal/remittances";
        }
        List<CorridorChart.Quarter> quarters = CorridorChart.series(costs, chosen);
        quarters = quarters.subList(Math.max(0, quarters.size() - MAX_QUARTERS), quarters.size());
        String noSurvey = text("remittances.nosurvey", locale);
        List<QuarterRow> rows = quarters.stream().map(q -> new QuarterRow(q.quarter(),
                q.usd200Percent() == null ? noSurvey : q.usd200Percent(),
                q.usd500Percent() == null ? noSurvey : q.usd500Percent())).toList();
        String corridorName = name(chosen, locale);
        String title = text("remittances.chart.title", locale, corridorName);
        model.addAttribute("corridorName", corridorName);
        model.addAttribute("chartTitle", title);
        model.addAttribute("costRows", rows);
        model.addAttribute("svg", SvgChart.draw(title, quarters.stream().map(CorridorChart.Quarter::quarter).toList(),
                List.of(new SvgChart.Series(text("remittances.usd200", locale),
                                quarters.stream().map(CorridorChart.Quarter::usd200).toList()),
                        new SvgChart.Series(text("remittances.usd500", locale),
                                quarters.stream().map(CorridorChart.Quarter::usd500).toList())),
                List.of(new SvgChart.Reference(text("remittances.target", locale), Remittances.THREE_PERCENT),
                        new SvgChart.Reference(text("remittances.five", locale), Remittances.FIVE_PERCENT)),
                10_000));
        return "portal/remittances";
    }

    private String unavailable(HttpServletResponse response, Model model, Locale locale) {
        model.addAttribute("unavailable", text("remittances.unavailable", locale));
        response.setStatus(503);
        return "portal/remittances";
    }

    private static String name(CorridorChart.Corridor c, Locale locale) {
        return CodeLabels.country(c.sendingArea(), locale) + " → " + CodeLabels.country(c.receivingArea(), locale);
    }

    /** This node's REMITTANCES cells. */
    private static List<RemittanceFigures.Value> own(OwnAggregates ours) {
        return RemittanceFigures.ofCube(ours.cells(), period -> true);
    }

    /** The observations of the latest REMITTANCES dataset received from {@code partner} for each quarter. */
    private static List<RemittanceFigures.Value> received(InboxStore store, String partner) {
        List<RemittanceFigures.Value> values = new ArrayList<>();
        for (ExchangeDataset d : store.query(partner, DATAFLOW, null)) {
            values.addAll(RemittanceFigures.ofDataset(d));
        }
        return values;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
