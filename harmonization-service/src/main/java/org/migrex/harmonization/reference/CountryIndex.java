package org.migrex.harmonization.reference;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ISO 3166-1 countries and every name the reference files know for them.
 *
 * <p>A value maps to an alpha-3 code when it is, in this order: an alpha-3 code, an alpha-2 code, a numeric code (one
 * to three digits; leading zeros optional), or a name whose normal form ({@link TextNormalizer}) equals the normal form
 * of a listed name. Names that the generated files give to two different countries are not in the index (they are
 * reported as ambiguous at load), so an ambiguous name is quarantined rather than mapped to the wrong country.
 *
 * @param alpha3         every known alpha-3 code
 * @param alpha2ToAlpha3 alpha-2 (upper case) to alpha-3
 * @param numericToAlpha3 numeric code (three digits) to alpha-3
 * @param names          normal form of a name to alpha-3
 * @param ambiguousNames normal forms left out because they name more than one country
 */
public record CountryIndex(Set<String> alpha3, Map<String, String> alpha2ToAlpha3,
                           Map<String, String> numericToAlpha3, Map<String, String> names,
                           Set<String> ambiguousNames) {
    private static final Pattern LETTERS2 = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern LETTERS3 = Pattern.compile("[A-Za-z]{3}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,3}");

    public CountryIndex {
        alpha3 = Set.copyOf(alpha3);
        alpha2ToAlpha3 = Map.copyOf(alpha2ToAlpha3);
        numericToAlpha3 = Map.copyOf(numericToAlpha3);
        names = Map.copyOf(names);
        ambiguousNames = Set.copyOf(ambiguousNames);
    }

    /** The alpha-3 code {@code value} names, or empty. */
    public Optional<String> toAlpha3(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (LETTERS3.matcher(v).matches()) {
            String code = v.toUpperCase(java.util.Locale.ROOT);
            if (alpha3.contains(code)) {
                return Optional.of(code);
            }
        } else if (LETTERS2.matcher(v).matches()) {
            String code = alpha2ToAlpha3.get(v.toUpperCase(java.util.Locale.ROOT));
            if (code != null) {
                return Optional.of(code);
            }
        } else if (DIGITS.matcher(v).matches()) {
            return Optional.ofNullable(numericToAlpha3.get(String.format("%03d", Integer.parseInt(v))));
        }
        return Optional.ofNullable(names.get(TextNormalizer.normalize(v)));
    }
}
