package org.migrex.harmonization.reference;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one text comparison of reference data: two values match when their normal forms are equal.
 *
 * <p>The normal form is: Unicode NFKC; lower case; {@code ё} as {@code е}; every apostrophe-like mark
 * ({@code ʻ ʼ ‘ ’ ` ´}) as {@code '}; every dash as {@code -} without spaces around it; runs of white space (including
 * no-break space) as one space; no leading or trailing space. Inside a word that mixes Cyrillic and Latin letters (a
 * keyboard-layout slip, never a real name), the minority script's look-alike letters ({@code а с е о р х у к м т н в і})
 * are replaced by the majority script's, and only when every letter of the minority script has a look-alike.
 * Nothing fuzzier: no edit distance, no transliteration, no prefix matching, so a name can only map to the country it
 * names.
 */
public final class TextNormalizer {
    private static final Pattern APOSTROPHES = Pattern.compile("[\u02BB\u02BC\u2018\u2019`\u00B4\u02B9]");
    private static final Pattern DASHES = Pattern.compile("\\s*[-\u2010\u2011\u2012\u2013\u2014\u2212]\\s*");
    private static final Pattern SPACES = Pattern.compile("[\\s\u00A0\u2007\u202F]+");

    /** Latin letter (lower case) to its Cyrillic look-alike. */
    private static final Map<Character, Character> LATIN_TO_CYRILLIC = Map.ofEntries(
            Map.entry('a', 'а'), Map.entry('c', 'с'), Map.entry('e', 'е'), Map.entry('o', 'о'), Map.entry('p', 'р'),
            Map.entry('x', 'х'), Map.entry('y', 'у'), Map.entry('k', 'к'), Map.entry('m', 'м'), Map.entry('t', 'т'),
            Map.entry('h', 'н'), Map.entry('b', 'в'), Map.entry('i', 'і'));
    private static final Map<Character, Character> CYRILLIC_TO_LATIN;

    static {
        var inverse = new java.util.HashMap<Character, Character>();
        LATIN_TO_CYRILLIC.forEach((latin, cyrillic) -> inverse.put(cyrillic, latin));
        CYRILLIC_TO_LATIN = Map.copyOf(inverse);
    }

    /**
     * Normal forms already computed. Registry values repeat endlessly (a few hundred country spellings, a handful of
     * sex and purpose terms), and the full normalization (NFKC and three regular expressions) dominated the cost of
     * harmonizing a record; the function is pure, so memoizing it changes no result. Bounded: cleared when full.
     */
    private static final int MEMO_LIMIT = 50_000;
    private static final java.util.concurrent.ConcurrentHashMap<String, String> MEMO =
            new java.util.concurrent.ConcurrentHashMap<>();

    private TextNormalizer() {
    }

    /** The normal form of {@code value}; an empty string for null or blank. */
    public static String normalize(String value) {
        if (value == null) {
            return "";
        }
        String known = MEMO.get(value);
        if (known != null) {
            return known;
        }
        if (MEMO.size() >= MEMO_LIMIT) {
            MEMO.clear();
        }
        String normal = compute(value);
        MEMO.put(value, normal);
        return normal;
    }

    private static String compute(String value) {
        String s = Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('ё', 'е');
        s = APOSTROPHES.matcher(s).replaceAll("'");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        s = DASHES.matcher(s).replaceAll("-");
        return fixMixedScriptWords(s);
    }

    private static String fixMixedScriptWords(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || !Character.isLetter(s.charAt(i))) {
                out.append(fixWord(s.substring(start, i)));
                if (i < s.length()) {
                    out.append(s.charAt(i));
                }
                start = i + 1;
            }
        }
        return out.toString();
    }

    private static String fixWord(String word) {
        int latin = 0;
        int cyrillic = 0;
        for (int i = 0; i < word.length(); i++) {
            Character.UnicodeScript script = Character.UnicodeScript.of(word.charAt(i));
            if (script == Character.UnicodeScript.LATIN) {
                latin++;
            } else if (script == Character.UnicodeScript.CYRILLIC) {
                cyrillic++;
            }
        }
        if (latin == 0 || cyrillic == 0) {
            return word;
        }
        boolean toCyrillic = cyrillic >= latin;
        Map<Character, Character> map = toCyrillic ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
        Character.UnicodeScript minority = toCyrillic ? Character.UnicodeScript.LATIN : Character.UnicodeScript.CYRILLIC;
        StringBuilder fixed = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.UnicodeScript.of(c) == minority) {
                Character twin = map.get(c);
                if (twin == null) {
                    return word; // a letter without a look-alike: not a slip we can undo safely
                }
                fixed.append(twin);
            } else {
                fixed.append(c);
            }
        }
        return fixed.toString();
    }
}
