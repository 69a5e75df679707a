package org.migrex.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgreementsTest {
    @Test
    void standardFlowAgreementSendsThePartnerItsCounterpartFlows() {
        assertThat(Agreements.flow("KAZ", "KGZ")).isEqualTo("""
                id: KAZ-KGZ-MIGR_FLOW
                version: 1
                partner: KGZ
                dataflow: MIGR_FLOW
                filter:
                  COUNTERPART_AREA: [KGZ]
                keep: [FLOW, SEX, AGE, DURATION, TIME_PERIOD]
                disclosure:
                  k: 5
                resend:
                  min-interval: PT5S
                final-after: P2M
                """);
    }

    @Test
    void standardStockAgreementSendsThePartnerTheStockOfItsCitizens() {
        assertThat(Agreements.stock("KAZ", "KGZ")).isEqualTo("""
                id: KAZ-KGZ-MIGR_STOCK
                version: 1
                partner: KGZ
                dataflow: MIGR_STOCK
                filter:
                  CITIZENSHIP: [KGZ]
                keep: [SEX, AGE, TIME_PERIOD]
                disclosure:
                  k: 5
                resend:
                  min-interval: PT5S
                final-after: P2M
                """);
    }

    @Test
    void thePublicReleaseGivesEveryFlowByCounterpartUnderTheSameThreshold(@TempDir Path dir) throws Exception {
        assertThat(Agreements.publicRelease("KAZ")).isEqualTo("""
                id: KAZ-PUBLIC-MIGR_FLOW
                version: 1
                partner: PUBLIC
                dataflow: MIGR_FLOW
                keep: [FLOW, COUNTERPART_AREA, SEX, AGE, DURATION, TIME_PERIOD]
                disclosure:
                  k: 5
                resend:
                  min-interval: PT5S
                final-after: P2M
                """);
        assertThat(Agreements.publicStockRelease("KAZ")).isEqualTo("""
                id: KAZ-PUBLIC-MIGR_STOCK
                version: 1
                partner: PUBLIC
                dataflow: MIGR_STOCK
                keep: [CITIZENSHIP, SEX, AGE, TIME_PERIOD]
                disclosure:
                  k: 5
                resend:
                  min-interval: PT5S
                final-after: P2M
                """);
        assertThat(Agreements.writePublic(dir, "KAZ")).extracting(p -> p.getFileName().toString())
                .containsExactly("KAZ-PUBLIC-MIGR_FLOW.yaml", "KAZ-PUBLIC-MIGR_STOCK.yaml");
    }

    @Test
    void bothAreWrittenAndTheComposeDeploymentShipsTheSameFiles(@TempDir Path dir) throws Exception {
        assertThat(Agreements.write(dir, "KAZ", "KGZ")).extracting(p -> p.getFileName().toString())
                .containsExactly("KAZ-KGZ-MIGR_FLOW.yaml", "KAZ-KGZ-MIGR_STOCK.yaml", "KAZ-KGZ-REMITTANCES.yaml");
        assertThat(Files.readString(dir.resolve("KAZ-KGZ-REMITTANCES.yaml"))).isEqualTo("""
                id: KAZ-KGZ-REMITTANCES
                version: 1
                partner: KGZ
                dataflow: REMITTANCES
                keep: [INDICATOR, SENDING_AREA, RECEIVING_AREA, AMOUNT, CURRENCY, TIME_PERIOD]
                resend:
                  min-interval: PT5S
                final-after: P2M
                """);
        Path root = Path.of(System.getProperty("migrex.repository.root", "../..")).toAbsolutePath().normalize();
        Path compose = root.resolve("deploy/compose/agreements");
        for (String[] pair : new String[][] {{"KAZ", "KGZ"}, {"KGZ", "KAZ"}}) {
            Path folder = compose.resolve(pair[0].toLowerCase());
            assertThat(Files.readString(folder.resolve(pair[0] + "-" + pair[1] + "-MIGR_FLOW.yaml")))
                    .isEqualTo(Agreements.flow(pair[0], pair[1]));
            assertThat(Files.readString(folder.resolve(pair[0] + "-" + pair[1] + "-MIGR_STOCK.yaml")))
                    .isEqualTo(Agreements.stock(pair[0], pair[1]));
        }
    }
}
