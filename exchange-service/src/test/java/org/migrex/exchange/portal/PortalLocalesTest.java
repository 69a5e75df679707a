package org.migrex.exchange.portal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class PortalLocalesTest {
    private final PortalLocales locales = new PortalLocales();

    private static MockHttpServletRequest request(String acceptLanguage) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/portal/public");
        if (acceptLanguage != null) {
            request.addHeader("Accept-Language", acceptLanguage);
        }
        return request;
    }

    @Test
    void theBrowsersFirstSpokenLanguageElseEnglish() {
        assertThat(locales.resolveLocale(request("ru-RU,ru;q=0.9,en;q=0.8")).getLanguage()).isEqualTo("ru");
        assertThat(locales.resolveLocale(request("kk-KZ,ru;q=0.8,en;q=0.5")).getLanguage()).isEqualTo("ru");
        assertThat(locales.resolveLocale(request("de-DE")).getLanguage()).isEqualTo("en");
        assertThat(locales.resolveLocale(request(null)).getLanguage()).isEqualTo("en");
    }

    @Test
    void theReadersChoiceBeatsTheBrowserAndIsKeptInACookie() {
        MockHttpServletRequest chosen = request("en");
        chosen.setParameter("lang", "ru");
        assertThat(locales.resolveLocale(chosen).getLanguage()).isEqualTo("ru");
        MockHttpServletResponse response = new MockHttpServletResponse();
        locales.setLocale(chosen, response, Locale.of("ru"));
        Cookie cookie = response.getCookie(PortalLocales.COOKIE);
        assertThat(cookie.getValue()).isEqualTo("ru");
        MockHttpServletRequest later = request("en");
        later.setCookies(cookie);
        assertThat(locales.resolveLocale(later).getLanguage()).isEqualTo("ru");
        MockHttpServletRequest unknown = request("ru");
        unknown.setParameter("lang", "xx");
        assertThat(locales.resolveLocale(unknown).getLanguage()).isEqualTo("ru");
    }

    @Test
    void everyEnglishLabelHasARussianOneAndCountriesComeFromCldr() throws Exception {
        var english = new java.util.Properties();
        var russian = new java.util.Properties();
        try (var en = getClass().getResourceAsStream("/messages.properties");
             var ru = getClass().getResourceAsStream("/messages_ru.properties")) {
            english.load(new java.io.InputStreamReader(en, java.nio.charset.StandardCharsets.UTF_8));
            russian.load(new java.io.InputStreamReader(ru, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(russian.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        CodeLabels ru = new CodeLabels(messages, Locale.of("ru"));
        CodeLabels en = new CodeLabels(messages, Locale.ENGLISH);
        var flow = org.migrex.exchange.dataflow.Dataflows.require("MIGR_FLOW");
        assertThat(ru.name(flow, "COUNTERPART_AREA", "KGZ")).isEqualTo("Киргизия");
        assertThat(en.name(flow, "COUNTERPART_AREA", "KGZ")).isEqualTo("Kyrgyzstan");
        assertThat(ru.name(flow, "COUNTERPART_AREA", "_T")).isEqualTo("Всего");
        assertThat(ru.name(flow, "SEX", "F")).isEqualTo("Женщины");
        assertThat(en.name(flow, "AGE", "Y30T34")).isEqualTo("30–34");
        assertThat(en.name(flow, "AGE", "Y_GE85")).isEqualTo("85+");
        // a code without a bundle entry falls back to its code list's English name, never blank
        assertThat(ru.name(flow, "DURATION", "_U")).isEqualTo("Неизвестно");
        assertThat(en.name(flow, "PURPOSE", "WORK")).isNotBlank();
    }

    /**
     * A label without arguments is shown as written (Spring formats only messages with arguments), so MessageFormat's
     * doubled quote would be seen as two ("partner''s" on the mirror page); one with arguments needs it doubled.
     */
    @Test
    void aQuoteIsDoubledOnlyInLabelsWithArguments() throws Exception {
        for (String bundle : java.util.List.of("/messages.properties", "/messages_ru.properties")) {
            var labels = new java.util.Properties();
            try (var in = getClass().getResourceAsStream(bundle)) {
                labels.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            for (String key : labels.stringPropertyNames()) {
                String text = labels.getProperty(key);
                boolean formatted = text.matches("(?s).*\\{\\d+[^}]*}.*");
                if (formatted) {
                    assertThat(text.replace("''", "")).as(bundle + " " + key + ": a lone quote would swallow text")
                            .doesNotContain("'");
                } else {
                    assertThat(text).as(bundle + " " + key + ": shown as written").doesNotContain("''");
                }
            }
        }
    }
}
