package org.migrex.exchange.sending.cube;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;

/** Agreements used across tests. */
public final class TestAgreements {
    private TestAgreements() {
    }

    /** The standard bilateral table: COUNTERPART_AREA = partner; FLOW, SEX, AGE, DURATION, TIME_PERIOD; k. */
    public static ExchangeAgreement standard(String sender, String partner, int k, Duration resend,
            java.time.temporal.TemporalAmount finalAfter) {
        return new ExchangeAgreement(sender + "-" + partner + "-MIGR_FLOW", 1, partner, "MIGR_FLOW",
                Map.of("COUNTERPART_AREA", Set.of(partner)), List.of("FLOW", "SEX", "AGE", "DURATION", "TIME_PERIOD"),
                k, resend, finalAfter, "test");
    }

    public static ExchangeAgreement standard(String sender, String partner) {
        return standard(sender, partner, 5, Duration.ofSeconds(5), Period.ofMonths(2));
    }
}
