package org.migrex.ingestion.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PseudonymSecretPolicyTest {
    private final PseudonymSecretPolicy policy = PseudonymSecretPolicy.withPublishedSecrets();

    @Test
    void randomSecretsOf256BitsPass() {
        // 32 random bytes as openssl writes them: 64 hex digits (256 bits) or 44 base64 characters (264 bits)
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        assertThat(policy.weakness(HexFormat.of().formatHex(bytes))).isEmpty();
        assertThat(policy.weakness(java.util.Base64.getEncoder().encodeToString(bytes))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde", // 63 hex digits: 252 bits
            "correct horse battery staple, kept", // 35 printable characters: 227.5 bits
            "abababababababababababababababababababababababababababab"}) // 2 different characters
    void weakFormsAreRefusedWithoutRepeatingTheSecret(String secret) {
        assertThat(policy.weakness(secret)).hasValueSatisfying(why -> assertThat(why)
                .contains("weaker than 256 random bits").doesNotContain(secret));
    }

    /**
     * Every pseudonym secret written anywhere in the repository (configuration defaults, docker-compose, tests, docs)
     * is refused under prod, by the published list or by its weakness: a new default added without listing it fails
     * here. The candidates are found by their own pattern, not by the policy's list.
     */
    @Test
    void everySecretWrittenInTheRepositoryIsRefused() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("pom.xml")).exists();
        Pattern assignment = Pattern.compile("(?:pseudonym-secret[=:]\\s*|PSEUDONYM_SECRET[=:]\\s*|SECRET = \")"
                + "(?:\\$\\{[A-Z_]+:-?)?['\"]?([^\\s\"'}]{8,}(?: [^\\s\"'}=]+)*)");
        Set<String> found = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).filter(PseudonymSecretPolicyTest::scanned).toList()) {
                Matcher m = assignment.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        assertThat(found).as("secrets found in the repository").contains("sandbox-only-pseudonym-secret-not-for-real-data",
                "kaz-compose-secret-change-me-0123456789abcdef");
        for (String secret : found) {
            assertThat(policy.weakness(secret)).as("secret '%s' written in the repository", secret).isPresent();
        }
    }

    private static boolean scanned(Path file) {
        String path = file.toString();
        if (path.contains("/target") || path.contains("/.git/") || path.contains("/.migrex/")
                || path.contains("/node_modules/")) {
            return false;
        }
        return Stream.of(".java", ".yml", ".yaml", ".md", ".sh", ".properties", ".env", ".txt")
                .anyMatch(path::endsWith);
    }
}
