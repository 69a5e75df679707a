package org.migrex.exchange.portal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.migrex.exchange.dataflow.Dataflow;
import org.springframework.context.MessageSource;

/**
 * Names of codes in the reader's language: countries from the JDK's CLDR data ({@link Locale#getDisplayCountry}),
 * age groups from the code itself ({@code Y30T34} is 30–34, {@code Y_GE85} 85+), every other code from the message
 * bundle ({@code code.<DIMENSION>.<code>}, {@code code._T}, {@code code._U}), falling back to the code list's English
 * name so that a code added to a code list is never shown blank.
 */
public final class CodeLabels {
    private static final Pattern AGE = Pattern.compile("Y(\\d+)T(\\d+)");
    private static final Map<String, String> ALPHA3_TO_ALPHA2 = new HashMap<>();

    static {
        for (String alpha2 : Locale.getISOCountries()) {
            ALPHA3_TO_ALPHA2.put(Locale.of("", alpha2).getISO3Country(), alpha2);
        }
    }

    private final MessageSource messages;
    private final Locale locale;

    public CodeLabels(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    /** The name of the code of the dimension in this reader's language. */
    public String name(Dataflow<?> dataflow, String dimension, String code) {
        if (Dataflow.TOTAL.equals(code) || "_U".equals(code)) {
            return messages.getMessage("code." + code, null, code, locale);
        }
        if (dimension.endsWith("_AREA") || dimension.equals("CITIZENSHIP") || dimension.equals("COUNTRY_OF_BIRTH")) {
            return country(code, locale);
        }
        if (dimension.equals("AGE")) {
            Matcher m = AGE.matcher(code);
            if (m.matches()) {
                return m.group(1) + "–" + m.group(2);
            }
            if (code.equals("Y_GE85")) {
                return "85+";
            }
        }
        return messages.getMessage("code." + dimension + "." + code, null, dataflow.codeName(dimension, code), locale);
    }

    /** The CLDR name of an ISO 3166-1 alpha-3 country in the locale's language, or the code if the JDK lacks it. */
    public static String country(String alpha3, Locale locale) {
        String alpha2 = ALPHA3_TO_ALPHA2.get(alpha3);
        return alpha2 == null ? alpha3 : Locale.of("", alpha2).getDisplayCountry(locale);
    }
}
