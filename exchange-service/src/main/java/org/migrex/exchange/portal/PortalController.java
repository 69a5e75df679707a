package org.migrex.exchange.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.text.NumberFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.receiving.sdmx.SdmxCsv;
import org.migrex.exchange.receiving.sdmx.SdmxJson;
import org.migrex.exchange.receiving.sdmx.SdmxObservation;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public pages of the portal, no login: the tables and the chart of what this node released to {@code PUBLIC}
 * ({@link PublicReleases}), and their downloads in SDMX-CSV 2.0 and SDMX-JSON 2.0 (the writers of the SDMX REST API).
 *
 * <p>{@code GET /portal/public?dataflow=&period=&counterpart=&lang=}: one table per FLOW code, age groups by
 * sex × duration, for one period and counterpart country. {@code GET /portal/public/chart?counterpart=}: immigration
 * and emigration by sex over the periods (MIGR_FLOW, all ages and durations). {@code GET /portal/public/data.csv}
 * and {@code data.json?dataflow=}: the whole release of a dataflow.
 */
@Controller
@RequestMapping("/portal")
public class PortalController {
    static final String FLOW = "MIGR_FLOW";
    static final String STOCK = "MIGR_STOCK";
    /** The dimensions the pages lay out or select by; every other one must be at its total. */
    private static final Set<String> SHOWN_OR_SELECTED = Set.of("REF_AREA", "FLOW",
            "COUNTERPART_AREA", "SEX", "AGE", "DURATION", Dataflow.TIME_PERIOD);
    private final PublicReleases releases;
    private final MessageSource messages;
    private final LocaleResolver locales;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock = Clock.systemUTC();

    public PortalController(PublicReleases releases, MessageSource messages, LocaleResolver locales) {
        this.releases = releases;
        this.messages = messages;
        this.locales = locales;
    }

    /** A header of the table: a sex and a duration class (either may be absent from the dataflow). */
    public record Column(String sex, String duration) {
    }

    /** A cell as shown: the number in the reader's format, or the confidential mark. */
    public record Shown(String text, boolean confidential) {
    }

    public record Row(String label, List<Shown> cells) {
    }

    public record Table(String id, String caption, List<String> sexHeaders, int durationsPerSex,
            List<String> durationHeaders, List<Row> rows) {
    }

    public record Choice(String code, String label, boolean selected) {
    }

    /** A language of the portal and the link to this page in it. */
    public record Language(String code, String label, String href, boolean selected) {
    }

    private static String capitalised(String name, Locale locale) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }

    @GetMapping
    public String root() {
        return "redirect:/portal/public";
    }

    @GetMapping("/public")
    public String tables(@RequestParam(required = false) String dataflow,
            @RequestParam(required = false) String period, @RequestParam(required = false) String counterpart,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Locale locale = language(request, response);
        CodeLabels labels = new CodeLabels(messages, locale);
        common(model, locale, "tables");
        List<Dataflow<?>> released = releases.dataflows();
        model.addAttribute("dataflows", released.stream().map(d -> new Choice(d.id(), dataflowName(d, locale),
                d.id().equals(dataflow == null ? defaultDataflow(released) : dataflow))).toList());
        if (released.isEmpty()) {
            return "portal/public";
        }
        Dataflow<?> df = released.stream().filter(d -> d.id().equals(dataflow == null ? defaultDataflow(released)
                : dataflow)).findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "dataflow '" + dataflow + "' is not released here; released: "
                        + released.stream().map(Dataflow::id).toList()));
        model.addAttribute("dataflow", df.id());
        model.addAttribute("dataflowName", dataflowName(df, locale));
        Selection chosen = select(df, period, counterpart);
        if (chosen == null) {
            return "portal/public";
        }
        model.addAttribute("periods", chosen.periods().descendingSet().stream()
                .map(p -> new Choice(p, p, p.equals(chosen.month()))).toList());
        model.addAttribute("period", chosen.month());
        if (df.hasDimension("COUNTERPART_AREA")) {
            addCounterparts(model, df, chosen.areas(), chosen.area(), labels);
        }
        model.addAttribute("counterpartName", labels.name(df, "COUNTERPART_AREA",
                chosen.area() == null ? Dataflow.TOTAL : chosen.area()));
        model.addAttribute("tables", tablesOf(df, chosen.shown(), labels, locale));
        return "portal/public";
    }

    /**
     * What a table page shows: the month (the requested one when released, else the newest), the counterpart
     * country ({@link #chosenArea}; null when the dataflow has none) and the observations of both with every other
     * dimension at its total; also the months and countries to choose from.
     */
    private record Selection(String month, String area, List<SdmxObservation> shown, TreeSet<String> periods,
                             TreeSet<String> areas) {
    }

    /** The selection for a page or download, or null when nothing of the dataflow is released. */
    private Selection select(Dataflow<?> df, String period, String counterpart) {
        List<SdmxObservation> all = releases.observations(df);
        TreeSet<String> periods = codes(all, Dataflow.TIME_PERIOD);
        if (periods.isEmpty()) {
            return null;
        }
        String month = period != null && periods.contains(period) ? period : periods.last();
        List<SdmxObservation> ofPeriod = all.stream().filter(o -> month.equals(o.code(Dataflow.TIME_PERIOD))).toList();
        TreeSet<String> areas = areas(df, ofPeriod);
        String area = df.hasDimension("COUNTERPART_AREA") ? chosenArea(areas, counterpart) : null;
        List<SdmxObservation> shown = ofPeriod.stream()
                .filter(o -> area == null || area.equals(o.code("COUNTERPART_AREA")))
                .filter(o -> othersTotal(df, o)).toList();
        return new Selection(month, area, shown, periods, areas);
    }

    /**
     * The table page's tables as an XLSX workbook ({@link XlsxTables}): the same dataflow, month and counterpart
     * selection as {@code /portal/public}, one sheet per flow, in the reader's language (not stored: a download
     * does not change the language cookie).
     */
    @GetMapping("/public/table.xlsx")
    public ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String dataflow,
            @RequestParam(required = false) String period, @RequestParam(required = false) String counterpart,
            HttpServletRequest request) {
        Locale locale = locales.resolveLocale(request);
        CodeLabels labels = new CodeLabels(messages, locale);
        Dataflow<?> df = released(dataflow == null ? defaultDataflow(releases.dataflows()) : dataflow);
        Selection chosen = select(df, period, counterpart);
        if (chosen == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "nothing of " + df.id() + " is released yet");
        }
        String country = CodeLabels.country(releases.node(), locale);
        String area = labels.name(df, "COUNTERPART_AREA", chosen.area() == null ? Dataflow.TOTAL : chosen.area());
        List<XlsxTables.Part> parts = new ArrayList<>();
        for (PublicTable t : PublicTable.of(df, chosen.shown())) {
            String caption = t.flow().isEmpty() ? dataflowName(df, locale) : labels.name(df, "FLOW", t.flow());
            parts.add(new XlsxTables.Part(caption, messages.getMessage("xlsx.title",
                    new Object[] {country, caption, chosen.month(), area}, locale), t));
        }
        XlsxTables.Texts texts = new XlsxTables.Texts(messages.getMessage("dim.AGE", null, locale),
                messages.getMessage("cell.confidential", null, "C", locale), "–",
                List.of(messages.getMessage("xlsx.footnote.confidential", null, locale),
                        messages.getMessage("portal.none", null, locale),
                        messages.getMessage("xlsx.footnote.source", new Object[] {country}, locale)));
        byte[] workbook = XlsxTables.write(parts, texts, dimension -> code -> labels.name(df, dimension, code));
        String file = releases.node() + "-" + df.id() + "-" + chosen.month()
                + (chosen.area() == null ? "" : "-" + chosen.area()) + ".xlsx";
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build()
                        .toString())
                .body(workbook);
    }

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @GetMapping("/public/chart")
    public String chart(@RequestParam(required = false) String counterpart, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Locale locale = language(request, response);
        CodeLabels labels = new CodeLabels(messages, locale);
        figurePage(model, locale, "chart", "/portal/public/chart", messages.getMessage("chart.series", null, locale),
                List.of());
        Dataflow<?> df = releasedOrNull(FLOW);
        if (df == null) {
            return "portal/chart";
        }
        List<SdmxObservation> all = releases.observations(df).stream()
                .filter(o -> Dataflow.TOTAL.equals(o.code("AGE")) && Dataflow.TOTAL.equals(o.code("DURATION")))
                .filter(o -> othersTotal(df, o)).toList();
        TreeSet<String> areas = areas(df, all);
        String area = chosenArea(areas, counterpart);
        model.addAttribute("filters", List.of(new Filter("counterpart",
                messages.getMessage("filter.counterpart", null, locale), areaChoices(df, areas, area, labels))));
        List<SdmxObservation> ofArea = all.stream().filter(o -> Objects.equals(area, o.code("COUNTERPART_AREA")))
                .toList();
        List<String> periods = new ArrayList<>(codes(ofArea, Dataflow.TIME_PERIOD));
        List<Line> lines = new ArrayList<>();
        for (String flow : List.of("IMM", "EMI")) {
            for (String sex : List.of("M", "F")) {
                String label = labels.name(df, "FLOW", flow) + ", " + labels.name(df, "SEX", sex).toLowerCase(locale);
                lines.add(new Line(label, x -> flow.equals(x.code("FLOW")) && sex.equals(x.code("SEX"))));
            }
        }
        String title = messages.getMessage("chart.title", new Object[] {labels.name(df, "COUNTERPART_AREA",
                area == null ? Dataflow.TOTAL : area)}, locale);
        lineChart(model, title, periods, lines, ofArea, locale);
        return "portal/chart";
    }

    /** One line of a line chart: its label and which observations are its (one per period). */
    private record Line(String label, java.util.function.Predicate<SdmxObservation> selects) {
    }

    /**
     * A line chart's figures for its page: per line, its observation in each period (a gap where there is none or
     * it is suppressed), drawn ({@link SvgChart#draw}) and as a table.
     */
    private void lineChart(Model model, String title, List<String> periods, List<Line> lines,
            List<SdmxObservation> observations, Locale locale) {
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        List<SvgChart.Series> series = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (Line line : lines) {
            List<Long> values = new ArrayList<>();
            List<Shown> cells = new ArrayList<>();
            for (String p : periods) {
                SdmxObservation o = observations.stream().filter(line.selects())
                        .filter(x -> p.equals(x.code(Dataflow.TIME_PERIOD))).findFirst().orElse(null);
                values.add(o == null ? null : o.value());
                cells.add(shown(o, numbers, locale));
            }
            series.add(new SvgChart.Series(line.label(), values));
            rows.add(new Row(line.label(), cells));
        }
        model.addAttribute("chartTitle", title);
        model.addAttribute("svg", periods.isEmpty() ? null : SvgChart.draw(title, periods, series));
        model.addAttribute("chartPeriods", periods);
        model.addAttribute("chartRows", rows);
    }

    /** A selector of a figure page: its parameter name (also the select's id), label and choices. */
    public record Filter(String id, String label, List<Choice> choices) {
    }

    /** The texts and selectors every figure page (chart, pyramid, stock) has, in the reader's language. */
    private void figurePage(Model model, Locale locale, String page, String action, String rowHeader,
            List<Filter> filters) {
        common(model, locale, page);
        model.addAttribute("pageTitle", messages.getMessage(page + ".page", null, locale));
        model.addAttribute("heading", messages.getMessage(page + ".heading", null, locale));
        model.addAttribute("formAction", action);
        model.addAttribute("rowHeader", rowHeader);
        model.addAttribute("filters", filters);
    }

    /**
     * An age-sex pyramid of migrants (MIGR_FLOW, all durations): for one month, counterpart country and flow
     * (immigration by default), men and women by age group as released, suppressed groups marked C; the figures
     * also as a table (age groups, oldest first as in the pyramid, by sex).
     */
    @GetMapping("/public/pyramid")
    public String pyramid(@RequestParam(required = false) String period,
            @RequestParam(required = false) String counterpart, @RequestParam(required = false) String flow,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Locale locale = language(request, response);
        CodeLabels labels = new CodeLabels(messages, locale);
        Dataflow<?> df = releasedOrNull(FLOW);
        Selection chosen = df == null ? null : select(df, period, counterpart);
        if (chosen == null) {
            figurePage(model, locale, "pyramid", "/portal/public/pyramid", "", List.of());
            return "portal/chart";
        }
        String flowCode = "EMI".equals(flow) ? "EMI" : "IMM";
        List<SdmxObservation> ofFlow = chosen.shown().stream().filter(o -> flowCode.equals(o.code("FLOW")))
                .filter(o -> Dataflow.TOTAL.equals(o.code("DURATION"))).toList();
        List<String> ages = new ArrayList<>(codes(ofFlow, "AGE").stream()
                .filter(a -> !Dataflow.TOTAL.equals(a)).sorted(df.codeOrder("AGE")).toList());
        figurePage(model, locale, "pyramid", "/portal/public/pyramid", messages.getMessage("dim.AGE", null, locale),
                List.of(new Filter("period", messages.getMessage("filter.period", null, locale),
                                chosen.periods().descendingSet().stream()
                                        .map(p -> new Choice(p, p, p.equals(chosen.month()))).toList()),
                        new Filter("counterpart", messages.getMessage("filter.counterpart", null, locale),
                                areaChoices(df, chosen.areas(), chosen.area(), labels)),
                        new Filter("flow", messages.getMessage("filter.flow", null, locale), List.of("IMM", "EMI")
                                .stream().map(f -> new Choice(f, labels.name(df, "FLOW", f), f.equals(flowCode)))
                                .toList())));
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        List<Long> men = new ArrayList<>();
        List<Long> women = new ArrayList<>();
        List<Boolean> menC = new ArrayList<>();
        List<Boolean> womenC = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (String age : ages) {
            SdmxObservation m = ofFlow.stream().filter(o -> age.equals(o.code("AGE")) && "M".equals(o.code("SEX")))
                    .findFirst().orElse(null);
            SdmxObservation f = ofFlow.stream().filter(o -> age.equals(o.code("AGE")) && "F".equals(o.code("SEX")))
                    .findFirst().orElse(null);
            men.add(m == null ? null : m.value());
            women.add(f == null ? null : f.value());
            menC.add(m != null && m.value() == null);
            womenC.add(f != null && f.value() == null);
            rows.addFirst(new Row(labels.name(df, "AGE", age), List.of(shown(m, numbers, locale),
                    shown(f, numbers, locale))));
        }
        String title = messages.getMessage("pyramid.title", new Object[] {labels.name(df, "FLOW", flowCode),
                chosen.month(), labels.name(df, "COUNTERPART_AREA", chosen.area() == null ? Dataflow.TOTAL
                        : chosen.area())}, locale);
        String menLabel = labels.name(df, "SEX", "M");
        String womenLabel = labels.name(df, "SEX", "F");
        model.addAttribute("chartTitle", title);
        model.addAttribute("svg", ages.isEmpty() ? null : SvgChart.pyramid(title, menLabel, womenLabel,
                ages.stream().map(a -> labels.name(df, "AGE", a)).toList(), men, women, menC, womenC));
        model.addAttribute("chartPeriods", List.of(menLabel, womenLabel));
        model.addAttribute("chartRows", rows);
        return "portal/chart";
    }

    /**
     * The stock of migrants on the first day of each month (MIGR_STOCK, when it is released to PUBLIC): men, women
     * and all, of one citizenship (all by default), all ages and countries of birth, over the months; the figures
     * also as a table.
     */
    @GetMapping("/public/stock")
    public String stock(@RequestParam(required = false) String citizenship, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Locale locale = language(request, response);
        CodeLabels labels = new CodeLabels(messages, locale);
        Dataflow<?> df = releasedOrNull(STOCK);
        List<SdmxObservation> all = df == null ? List.of() : releases.observations(df).stream()
                .filter(o -> Dataflow.TOTAL.equals(o.code("AGE")))
                .filter(o -> !df.hasDimension("COUNTRY_OF_BIRTH") || Dataflow.TOTAL.equals(o.code("COUNTRY_OF_BIRTH")))
                .toList();
        model.addAttribute("stockReleased", df != null);
        if (all.isEmpty()) {
            figurePage(model, locale, "stock", "/portal/public/stock", "", List.of());
            return "portal/chart";
        }
        TreeSet<String> citizenships = new TreeSet<>(df.codeOrder("CITIZENSHIP"));
        citizenships.addAll(codes(all, "CITIZENSHIP"));
        String chosen = chosenArea(citizenships, citizenship);
        figurePage(model, locale, "stock", "/portal/public/stock", messages.getMessage("chart.series", null, locale),
                List.of(new Filter("citizenship", messages.getMessage("filter.citizenship", null, locale),
                        citizenships.stream().map(c -> new Choice(c, labels.name(df, "CITIZENSHIP", c),
                                c.equals(chosen))).toList())));
        List<SdmxObservation> ofCitizenship = all.stream()
                .filter(o -> !df.hasDimension("CITIZENSHIP") || Objects.equals(chosen, o.code("CITIZENSHIP"))).toList();
        List<String> periods = new ArrayList<>(codes(ofCitizenship, Dataflow.TIME_PERIOD));
        List<Line> lines = List.of("M", "F", Dataflow.TOTAL).stream()
                .map(sex -> new Line(labels.name(df, "SEX", sex), (SdmxObservation x) -> sex.equals(x.code("SEX"))))
                .toList();
        String title = messages.getMessage("stock.title", new Object[] {labels.name(df, "CITIZENSHIP",
                chosen == null ? Dataflow.TOTAL : chosen)}, locale);
        lineChart(model, title, periods, lines, ofCitizenship, locale);
        return "portal/chart";
    }

    @GetMapping("/public/data.csv")
    public ResponseEntity<String> csv(@RequestParam(defaultValue = FLOW) String dataflow) {
        Dataflow<?> df = released(dataflow);
        return download(SdmxCsv.MEDIA_TYPE, releases.node() + "-" + df.id() + "-public.csv",
                SdmxCsv.write(df, releases.observations(df)));
    }

    @GetMapping("/public/data.json")
    public ResponseEntity<String> sdmxJson(@RequestParam(defaultValue = FLOW) String dataflow) {
        Dataflow<?> df = released(dataflow);
        return download(SdmxJson.DATA_MEDIA_TYPE, releases.node() + "-" + df.id() + "-public.json",
                json.writeValueAsString(SdmxJson.data(df, releases.node(), clock.instant(),
                        releases.observations(df), Dataflow.TIME_PERIOD)));
    }

    /** The released dataflow with this id; a download of one not released is a 404 naming those that are. */
    private Dataflow<?> released(String dataflow) {
        return java.util.Optional.ofNullable(releasedOrNull(dataflow))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "dataflow '" + dataflow
                        + "' is not released for publication here; released: "
                        + releases.dataflows().stream().map(Dataflow::id).toList()));
    }

    private static ResponseEntity<String> download(String mediaType, String file, String body) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(mediaType))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build()
                        .toString())
                .body(body);
    }

    /** The released dataflow with this id, null when the node releases none of it to PUBLIC (a page says so). */
    private Dataflow<?> releasedOrNull(String id) {
        return releases.dataflows().stream().filter(d -> d.id().equals(id)).findFirst().orElse(null);
    }

    private Locale language(HttpServletRequest request, HttpServletResponse response) {
        Locale locale = locales.resolveLocale(request);
        if (PortalLocales.supported(request.getParameter(PortalLocales.PARAMETER)) != null) {
            locales.setLocale(request, response, locale);
        }
        return locale;
    }

    private void common(Model model, Locale locale, String page) {
        model.addAttribute("node", releases.node());
        model.addAttribute("nodeName", CodeLabels.country(releases.node(), locale));
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("page", page);
        // each language's link keeps the page and its selection; the name is in its own language, capitalised
        model.addAttribute("languages", PortalLocales.SUPPORTED.stream().map(l -> new Language(l.getLanguage(),
                capitalised(l.getDisplayLanguage(l), l), ServletUriComponentsBuilder.fromCurrentRequest()
                        .replaceQueryParam(PortalLocales.PARAMETER, l.getLanguage()).build().toUriString(),
                l.getLanguage().equals(locale.getLanguage()))).toList());
    }

    /** Every COUNTERPART_AREA code of the dataflow's observations, in code-list order. */
    private static TreeSet<String> areas(Dataflow<?> df, List<SdmxObservation> observations) {
        TreeSet<String> areas = new TreeSet<>(df.codeOrder("COUNTERPART_AREA"));
        areas.addAll(codes(observations, "COUNTERPART_AREA"));
        return areas;
    }

    /** Rule: the requested country when it is among the codes, else the total, else the first; null when none. */
    private static String chosenArea(TreeSet<String> areas, String requested) {
        return requested != null && areas.contains(requested) ? requested
                : areas.contains(Dataflow.TOTAL) ? Dataflow.TOTAL : areas.isEmpty() ? null : areas.first();
    }

    private static void addCounterparts(Model model, Dataflow<?> df, TreeSet<String> areas, String chosen,
            CodeLabels labels) {
        model.addAttribute("counterparts", areaChoices(df, areas, chosen, labels));
        model.addAttribute("counterpart", chosen);
    }

    private static List<Choice> areaChoices(Dataflow<?> df, TreeSet<String> areas, String chosen, CodeLabels labels) {
        return areas.stream().map(a -> new Choice(a, labels.name(df, "COUNTERPART_AREA", a), a.equals(chosen)))
                .toList();
    }

    private String dataflowName(Dataflow<?> df, Locale locale) {
        return messages.getMessage("dataflow." + df.id(), null, df.name(), locale);
    }

    private static String defaultDataflow(List<Dataflow<?>> released) {
        return released.stream().anyMatch(d -> d.id().equals(FLOW)) ? FLOW
                : released.isEmpty() ? null : released.getFirst().id();
    }

    /** Whether every dimension outside the table and its selectors is at its total (or its only code). */
    private static boolean othersTotal(Dataflow<?> df, SdmxObservation o) {
        for (String d : df.dimensionIds()) {
            if (SHOWN_OR_SELECTED.contains(d)) {
                continue;
            }
            if (!Dataflow.TOTAL.equals(o.code(d)) && df.dimension(d).orElseThrow().totalled()) {
                return false;
            }
        }
        return true;
    }

    private List<Table> tablesOf(Dataflow<?> df, List<SdmxObservation> shown, CodeLabels labels, Locale locale) {
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        List<Table> tables = new ArrayList<>();
        for (PublicTable t : PublicTable.of(df, shown)) {
            List<Row> rows = new ArrayList<>();
            for (String age : t.ages()) {
                List<Shown> cells = new ArrayList<>();
                for (String sex : t.sexes()) {
                    for (String duration : t.durations()) {
                        cells.add(shown(t.cell(age, sex, duration), numbers, locale));
                    }
                }
                rows.add(new Row(age.isEmpty() ? "" : labels.name(df, "AGE", age), cells));
            }
            String caption = t.flow().isEmpty() ? dataflowName(df, locale) : labels.name(df, "FLOW", t.flow());
            tables.add(new Table("table-" + (t.flow().isEmpty() ? df.id() : t.flow()), caption,
                    t.sexes().stream().map(s -> s.isEmpty() ? "" : labels.name(df, "SEX", s)).toList(),
                    t.durations().size(),
                    t.durations().stream().map(d -> d.isEmpty() ? "" : labels.name(df, "DURATION", d)).toList(),
                    rows));
        }
        return tables;
    }

    private Shown shown(SdmxObservation o, NumberFormat numbers, Locale locale) {
        if (o == null) {
            return new Shown("–", false);
        }
        if (o.value() == null) {
            return new Shown(messages.getMessage("cell.confidential", null, "C", locale), true);
        }
        return new Shown(numbers.format(o.value()), false);
    }

    private static TreeSet<String> codes(List<SdmxObservation> observations, String dimension) {
        TreeSet<String> codes = new TreeSet<>();
        observations.forEach(o -> {
            if (o.code(dimension) != null) {
                codes.add(o.code(dimension));
            }
        });
        return codes;
    }

}
