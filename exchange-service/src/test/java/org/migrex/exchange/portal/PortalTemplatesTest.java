package org.migrex.exchange.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The portal's templates rendered by Thymeleaf with the controller's model over {@link HandRelease}: the table page
 * (with its XLSX link), the chart, the pyramid and the stock page render, with their figure, table, selectors and
 * navigation (PortalBrowserIT checks them in a browser where chromium is installed).
 */
class PortalTemplatesTest {
    private final MockServletContext servletContext = new MockServletContext();
    private final SpringTemplateEngine engine = engine();

    private static SpringTemplateEngine engine() {
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
        templates.setPrefix("templates/");
        templates.setSuffix(".html");
        templates.setCharacterEncoding("UTF-8");
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(templates);
        engine.setTemplateEngineMessageSource(messages);
        return engine;
    }

    @AfterEach
    void noCurrentRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    private interface Page {
        String render(PortalController portal, MockHttpServletRequest request, MockHttpServletResponse response,
                      ExtendedModelMap model);
    }

    private String html(String path, String lang, Page page) {
        MockHttpServletRequest request = new MockHttpServletRequest(servletContext, "GET", path);
        request.setParameter("lang", lang);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        MockHttpServletResponse response = new MockHttpServletResponse();
        ExtendedModelMap model = new ExtendedModelMap();
        String view = page.render(HandRelease.controller(), request, response, model);
        WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(servletContext)
                .buildExchange(request, response), Locale.forLanguageTag(lang), model);
        return engine.process(view, context);
    }

    @Test
    void theTablePageLinksItsXlsx() {
        String html = html("/portal/public", "en", (p, rq, rs, m) -> p.tables("MIGR_FLOW", "2026-03", "KGZ", rq, rs, m));
        assertThat(html).contains("id=\"download-xlsx\"")
                .contains("/portal/public/table.xlsx?dataflow=MIGR_FLOW&amp;period=2026-03&amp;counterpart=KGZ&amp;lang=en")
                .contains("Migration flows, 2026-03, Kyrgyzstan: XLSX")
                .contains("id=\"nav-pyramid\"").contains("id=\"nav-stock\"");
    }

    @Test
    void theChartPyramidAndStockPagesRender() {
        String chart = html("/portal/public/chart", "en", (p, rq, rs, m) -> p.chart("KGZ", rq, rs, m));
        assertThat(chart).contains("<h1>Immigration and emigration by sex</h1>").contains("id=\"chart\"")
                .contains("<label for=\"counterpart\">").contains("id=\"chart-data\"");
        String pyramid = html("/portal/public/pyramid", "ru", (p, rq, rs, m) -> p.pyramid("2026-03", "KGZ", null, rq, rs, m));
        assertThat(pyramid).contains("<h1>Половозрастная пирамида мигрантов</h1>").contains("id=\"chart\"")
                .contains("<label for=\"period\">").contains("<label for=\"flow\">")
                .contains("<th scope=\"col\">Возрастная группа</th>").contains("<th scope=\"row\">30–34</th>")
                .contains("aria-current=\"page\"");
        String stock = html("/portal/public/stock", "en", (p, rq, rs, m) -> p.stock(null, rq, rs, m));
        assertThat(stock).contains("<title>Migrex: stock of migrants</title>").contains("id=\"chart\"")
                .contains("<label for=\"citizenship\">").contains("<th scope=\"row\">Women</th>")
                .doesNotContain("id=\"not-released\"");
    }
}
