package org.migrex.exchange.portal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The portal's language: the reader's choice ({@code ?lang=ru}, kept in the cookie {@value #COOKIE} for a year),
 * else the first language of the browser's {@code Accept-Language} that the portal speaks, else English.
 */
public class PortalLocales implements LocaleResolver {
    public static final String COOKIE = "migrex-lang";
    public static final String PARAMETER = "lang";
    /** The languages of the message bundles, the first is the fallback. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.of("ru"));

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        Locale chosen = supported(request.getParameter(PARAMETER));
        if (chosen != null) {
            return chosen;
        }
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (COOKIE.equals(c.getName()) && supported(c.getValue()) != null) {
                    return supported(c.getValue());
                }
            }
        }
        if (request.getHeader("Accept-Language") != null) {
            for (Locale l : Collections.list(request.getLocales())) {
                Locale match = supported(l.getLanguage());
                if (match != null) {
                    return match;
                }
            }
        }
        return SUPPORTED.getFirst();
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Cookie cookie = new Cookie(COOKIE, locale.getLanguage());
        cookie.setPath("/portal");
        cookie.setHttpOnly(true);
        cookie.setMaxAge((int) Duration.ofDays(365).toSeconds());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    /** The supported locale of the language tag, or null. */
    static Locale supported(String language) {
        if (language == null) {
            return null;
        }
        return SUPPORTED.stream().filter(l -> l.getLanguage().equalsIgnoreCase(language.strip())).findFirst()
                .orElse(null);
    }
}
