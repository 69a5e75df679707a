package org.migrex.exchange.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The age-sex pyramid and the stock chart over {@link HandRelease}'s release: the SVG is an image with a title and a
 * tooltip per figure, and the table beside it holds the released figures (expected values from the hand release).
 */
class PortalChartsTest {

    private record Page(String view, ExtendedModelMap model) {
        @SuppressWarnings("unchecked")
        List<String> row(String label) {
            for (PortalController.Row r : (List<PortalController.Row>) model.getAttribute("chartRows")) {
                if (r.label().equals(label)) {
                    return r.cells().stream().map(PortalController.Shown::text).toList();
                }
            }
            throw new AssertionError("no row " + label + " in " + model.getAttribute("chartRows"));
        }

        String svg() {
            return (String) model.getAttribute("svg");
        }
    }

    /** A request with the reader's language, also made the current one (the pages link to themselves). */
    private static MockHttpServletRequest request(String lang) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setParameter("lang", lang);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        return request;
    }

    @AfterEach
    void noCurrentRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    private static Page pyramid(String lang, String period, String counterpart, String flow) {
        ExtendedModelMap model = new ExtendedModelMap();
        String view = HandRelease.controller().pyramid(period, counterpart, flow, request(lang),
                new MockHttpServletResponse(), model);
        return new Page(view, model);
    }

    private static Page stock(String lang, String citizenship) {
        ExtendedModelMap model = new ExtendedModelMap();
        String view = HandRelease.controller().stock(citizenship, request(lang), new MockHttpServletResponse(), model);
        return new Page(view, model);
    }

    @Test
    void thePyramidShowsMenLeftWomenRightWithItsFiguresAsATable() {
        Page p = pyramid("en", "2026-03", "KGZ", null);
        assertThat(p.view()).isEqualTo("portal/chart");
        assertThat(p.model().getAttribute("heading")).isEqualTo("Age-sex pyramid of migrants");
        assertThat(p.model().getAttribute("chartPeriods")).isEqualTo(List.of("Men", "Women"));
        // oldest first, as the pyramid stacks them; all durations
        assertThat(p.row("30–34")).containsExactly("6", "C");
        assertThat(p.row("25–29")).containsExactly("–", "4");
        String title = "Immigration by age group and sex, 2026-03, counterpart country: Kyrgyzstan";
        assertThat(p.model().getAttribute("chartTitle")).isEqualTo(title);
        assertThat(p.svg()).contains("role=\"img\"").contains("<title id=\"chart-title\">" + title + "</title>")
                .contains("<title>Men, 30–34: 6</title>").contains("<title>Women, 25–29: 4</title>")
                .contains(">C</text>").doesNotContain("Women, 30–34:");
        @SuppressWarnings("unchecked")
        List<PortalController.Filter> filters = (List<PortalController.Filter>) p.model().getAttribute("filters");
        assertThat(filters).extracting(PortalController.Filter::id).containsExactly("period", "counterpart", "flow");
    }

    @Test
    void thePyramidInRussianAndForAFlowWithoutFigures() {
        Page ru = pyramid("ru", "2026-03", "KGZ", "IMM");
        assertThat(ru.model().getAttribute("chartTitle"))
                .isEqualTo("Иммиграция по возрастным группам и полу, 2026-03, страна-контрагент: Киргизия");
        assertThat(ru.model().getAttribute("chartPeriods")).isEqualTo(List.of("Мужчины", "Женщины"));
        assertThat(ru.model().getAttribute("heading")).isEqualTo("Половозрастная пирамида мигрантов");
        // emigration was released by duration class only, never at all durations: nothing to draw
        assertThat(pyramid("en", "2026-03", "KGZ", "EMI").svg()).isNull();
    }

    @Test
    void theStockChartDrawsMenWomenAndAllOverTheMonths() {
        Page all = stock("en", null);
        assertThat(all.model().getAttribute("chartPeriods")).isEqualTo(List.of("2026-03", "2026-04"));
        assertThat(all.row("Men")).containsExactly("20", "22");
        assertThat(all.row("Women")).containsExactly("15", "16");
        assertThat(all.row("Total")).containsExactly("35", "38");
        assertThat(all.svg()).contains("role=\"img\"").contains("<title>Men, 2026-04: 22</title>");
        assertThat(all.model().getAttribute("chartTitle"))
                .isEqualTo("Long-term migrants resident on the first day of each month, citizenship: Total");
        Page kgz = stock("ru", "KGZ");
        assertThat(kgz.row("Мужчины")).containsExactly("7");
        assertThat(kgz.row("Женщины")).containsExactly("C");
        assertThat(kgz.row("Всего")).containsExactly("12");
        assertThat(kgz.model().getAttribute("chartTitle")).asString().endsWith("гражданство: Киргизия");
    }
}
