package org.migrex.schema;

import java.util.Locale;

/**
 * An ISO 3166-1 alpha-3 country code, upper case ({@code KAZ}): the one type and the one validation of a country code
 * anywhere in Migrex (node identity, partners, senders, receivers, REF_AREA). Whether the code is an assigned ISO
 * code is the reference data's question (harmonization); this type only guarantees the shape.
 *
 * @param code three letters A-Z
 */
public record CountryCode(String code) implements Comparable<CountryCode> {

    public CountryCode {
        if (!isAlpha3(code)) {
            throw new IllegalArgumentException("country code '" + code
                    + "' is not an ISO 3166-1 alpha-3 code (three letters A-Z in upper case, e.g. KAZ)");
        }
    }

    /** The code of the given text in any case ({@code kaz}, {@code Kaz}, {@code KAZ}); surrounding blanks ignored. */
    public static CountryCode of(String text) {
        if (text == null) {
            throw new IllegalArgumentException("country code is missing (expected an ISO 3166-1 alpha-3 code, e.g. KAZ)");
        }
        String upper = text.strip().toUpperCase(Locale.ROOT);
        if (!isAlpha3(upper)) {
            throw new IllegalArgumentException("country code '" + text
                    + "' is not an ISO 3166-1 alpha-3 code (three letters, e.g. KAZ)");
        }
        return new CountryCode(upper);
    }

    /** True when the text has the shape of an alpha-3 code in any case. */
    public static boolean isValid(String text) {
        return text != null && isAlpha3(text.strip().toUpperCase(Locale.ROOT));
    }

    /** The code in lower case, as used in node topic prefixes ({@code kaz}). */
    public String lowerCase() {
        return code.toLowerCase(Locale.ROOT);
    }

    @Override
    public int compareTo(CountryCode other) {
        return code.compareTo(other.code);
    }

    @Override
    public String toString() {
        return code;
    }

    private static boolean isAlpha3(String s) {
        if (s == null || s.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }
}
