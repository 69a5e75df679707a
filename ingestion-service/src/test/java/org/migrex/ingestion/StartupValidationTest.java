package org.migrex.ingestion;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Bad configuration stops the service at start with a message naming the key (no broker is reached before). */
class StartupValidationTest {

    private static void start(String... args) {
        new SpringApplicationBuilder(IngestionApplication.class).web(WebApplicationType.NONE)
                .run(concat(new String[] {"--migrex.node.country=KAZ", "--migrex.kafka.create-topics=false",
                        "--spring.main.banner-mode=off", "--logging.level.root=OFF"}, args)).close();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Throwable root(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Test
    void aMissingPseudonymSecretStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> start())
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(allMessages(e))
                        .contains("migrex.ingestion.pseudonym-secret")
                        .contains("MIGREX_INGESTION_PSEUDONYM_SECRET"));
    }

    @Test
    void aShortPseudonymSecretStopsStartUp() {
        assertThatThrownBy(() -> start("--migrex.ingestion.pseudonym-secret=short"))
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(allMessages(e))
                        .contains("migrex.ingestion.pseudonym-secret").contains("at least 32 characters"));
    }

    @Test
    void aSourceWithAnUnknownProfileStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> start("--migrex.ingestion.pseudonym-secret=migrex-test-secret-0123456789abcdef",
                "--migrex.ingestion.sources.kaz-mvd.profile=kaz-mvd-v9", "--migrex.ingestion.sources.kaz-mvd.owner=kaz"))
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(root(e).getMessage())
                        .isEqualTo("migrex.ingestion.sources.kaz-mvd.profile: no profile 'kaz-mvd-v9'; known profiles:"
                                + " [remittance-flows, remittance-prices, ru-cbr-remittance-flows, ru-registry-export,"
                                + " template]"));
    }

    @Test
    void aSourceWithoutAnOwnerStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> start("--migrex.ingestion.pseudonym-secret=migrex-test-secret-0123456789abcdef",
                "--migrex.ingestion.sources.kaz-mvd.profile=template"))
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(allMessages(e))
                        .contains("migrex.ingestion.sources.kaz-mvd.owner")
                        .contains("is required"));
    }

    @Test
    void profileProdRefusesAPublishedSecretWithoutRepeatingIt() {
        assertThatThrownBy(() -> start("--spring.profiles.active=prod",
                "--migrex.ingestion.pseudonym-secret=kaz-compose-secret-change-me-0123456789abcdef",
                "--migrex.security.trusted-proxies=127.0.0.1", "--migrex.kafka.client.security.protocol=SSL",
                "--migrex.registry.url=https://registry.kaz.example/apis/ccompat/v7"))
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(allMessages(e))
                        .contains("migrex.ingestion.pseudonym-secret")
                        .contains("published in the Migrex repository")
                        .contains("openssl rand -hex 32")
                        .doesNotContain("kaz-compose-secret-change-me"));
    }

    @Test
    void profileProdRefusesASecretWeakerThan256Bits() {
        assertThatThrownBy(() -> start("--spring.profiles.active=prod",
                "--migrex.ingestion.pseudonym-secret=our agency's own secret phrase 2026",
                "--migrex.security.trusted-proxies=127.0.0.1", "--migrex.kafka.client.security.protocol=SSL",
                "--migrex.registry.url=https://registry.kaz.example/apis/ccompat/v7"))
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(allMessages(e))
                        .contains("migrex.ingestion.pseudonym-secret").contains("weaker than 256 random bits"));
    }

    private static String allMessages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
            if (t instanceof org.springframework.boot.context.properties.bind.validation.BindValidationException bind) {
                bind.getValidationErrors().forEach(error -> text.append(error).append('\n'));
            }
        }
        return text.toString();
    }
}
