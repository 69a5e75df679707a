package org.migrex.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgreementsTest {
    @Test
    void standardAgreementSendsThePartnerItsCounterpartFlows() {
        assertThat(Agreements.standard("KAZ", "KGZ")).isEqualTo("""
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
}
