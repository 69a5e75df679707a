package org.migrex.exchange.sending.cube;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.schema.Observation;

/**
 * The check before a delivery: the attacker runs on the observations about to be sent, read back as a partner reads
 * them, against the table's true counts. It passes when every observation is a present cell of the table, every
 * published value is the true count, no primary cell ({@code 0 < count < k}) is published, and the
 * {@link IntervalAttack} finds no suppressed cell narrowed beyond the agreement's {@link ProtectionRule}.
 *
 * <p>It does not trust {@link DisclosureControl}: it looks at what leaves, not at how it was made. A table that fails
 * is not sent (the caller fails closed).
 */
public final class DisclosureCheck {
    private DisclosureCheck() {
    }

    /**
     * The verdict; {@code problems} name coordinates and kinds of failure, never a count.
     *
     * @param suppressed suppressed observations checked
     * @param problems what fails, empty when the table may be sent
     */
    public record Verdict(int suppressed, List<String> problems) {
        public boolean passes() {
            return problems.isEmpty();
        }
    }

    public static Verdict check(ExchangeAgreement agreement, DatasetTable table) {
        LinearTable truth = table.disclosure().table();
        ProtectionRule rule = new ProtectionRule(agreement.protectionPercent());
        List<String> problems = new ArrayList<>();
        Set<Integer> hidden = new TreeSet<>();
        Set<Integer> primary = new TreeSet<>();
        for (int cell = 0; cell < truth.size(); cell++) {
            if (truth.count(cell) < agreement.k()) {
                primary.add(cell);
            }
        }
        for (Observation observation : table.observations()) {
            List<String> coordinate = agreement.keep().stream().map(d -> observation.getDimensions().get(d)).toList();
            int cell = truth.indexOf(coordinate);
            if (cell < 0) {
                problems.add(coordinate + ": not a present cell of the table");
            } else if (observation.getValue() == null) {
                hidden.add(cell);
            } else if (observation.getValue() != truth.count(cell)) {
                problems.add(coordinate + ": published value is not the table's count");
            } else if (primary.contains(cell)) {
                problems.add(coordinate + ": a count below k is published");
            }
        }
        for (int cell : IntervalAttack.violations(truth, hidden, primary, rule)) {
            problems.add(truth.coordinate(cell) + ": the attacker narrows it beyond the protection rule (k "
                    + agreement.k() + ", p " + agreement.protectionPercent() + " %)");
        }
        return new Verdict(hidden.size(), List.copyOf(problems));
    }
}
