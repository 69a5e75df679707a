package org.migrex.ingestion.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What profile {@code prod} accepts as the pseudonym secret: not one published in the Migrex repository (the list in
 * {@code published-pseudonym-secrets.txt}), and at least 256 bits of randomness as estimated from its form:
 *
 * <pre>
 *   bits = length x bits per character,   4 when every character is a hex digit,
 *                                         6 when every character is in the base64 / base64url alphabet,
 *                                         6.5 otherwise (printable ASCII);
 *   and at least 10 different characters in hex, 16 in other forms (a repeated pattern is not random).
 * </pre>
 * So 64 hex digits ({@code openssl rand -hex 32}) or 43 base64 characters ({@code openssl rand -base64 32}) pass, and
 * a memorable phrase of 32 characters does not. The estimate can only refuse weak forms; it cannot prove randomness.
 */
public final class PseudonymSecretPolicy {
    /** The least estimated randomness accepted, in bits. */
    public static final int MIN_BITS = 256;

    private final Set<String> published;

    public PseudonymSecretPolicy(Set<String> published) {
        this.published = Set.copyOf(published);
    }

    /** The policy with the secrets published in this repository. */
    public static PseudonymSecretPolicy withPublishedSecrets() {
        return new PseudonymSecretPolicy(publishedSecrets());
    }

    /** Why the secret is not acceptable for real data, or empty when it is. Never repeats the secret. */
    public Optional<String> weakness(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.of("is empty");
        }
        if (published.contains(secret.strip())) {
            return Optional.of("is one published in the Migrex repository (a sandbox, docker-compose, test or"
                    + " documentation default), so anyone can compute the pseudonyms");
        }
        double bits = estimatedBits(secret);
        long distinct = secret.chars().distinct().count();
        if (bits < MIN_BITS || distinct < (isHex(secret) ? 10 : 16)) {
            return Optional.of(String.format(java.util.Locale.ROOT, "is weaker than %d random bits (estimated %.0f bits"
                    + " from %d characters, %d different)", MIN_BITS, bits, secret.length(), distinct));
        }
        return Optional.empty();
    }

    private static boolean isHex(String secret) {
        return secret.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
    }

    static double estimatedBits(String secret) {
        boolean hex = isHex(secret);
        boolean base64 = secret.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z' || c == '+' || c == '/' || c == '-' || c == '_' || c == '=');
        double perCharacter = hex ? 4 : base64 ? 6 : 6.5;
        return secret.length() * perCharacter;
    }

    /** The lines of {@code published-pseudonym-secrets.txt}, without comments and blank lines. */
    public static Set<String> publishedSecrets() {
        Set<String> secrets = new LinkedHashSet<>();
        try (InputStream in = PseudonymSecretPolicy.class.getResourceAsStream("/published-pseudonym-secrets.txt")) {
            if (in == null) {
                throw new IllegalStateException("published-pseudonym-secrets.txt is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    secrets.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return secrets;
    }
}
