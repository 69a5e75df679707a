package org.migrex.harmonization.reference;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A controlled vocabulary: values as agencies write them, by normal form ({@link TextNormalizer}), to one code of a
 * closed code list.
 *
 * @param name    the vocabulary (sex, purpose, event type), for messages
 * @param codes   the code list every value maps to
 * @param entries normal form of a value to its code
 */
public record Vocabulary(String name, Set<String> codes, Map<String, String> entries) {

    public Vocabulary {
        codes = Set.copyOf(codes);
        entries = Map.copyOf(entries);
    }

    /** The code of {@code value}, or empty when the vocabulary does not list it. */
    public Optional<String> code(String value) {
        return Optional.ofNullable(entries.get(TextNormalizer.normalize(value)));
    }
}
