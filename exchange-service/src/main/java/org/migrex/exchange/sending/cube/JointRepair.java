package org.migrex.exchange.sending.cube;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.migrex.exchange.dataflow.Cell;
import org.migrex.exchange.sending.agreement.ExchangeAgreement;

/**
 * Extra suppression for a table that the {@link JointAttack} breaks together with the tables the receiver already
 * holds: while the joint attacker narrows a primary cell (of this table or of an earlier one) beyond its rule, the
 * least costly published cell of this table that shares an atom with that cell (else with a suppressed cell linked to
 * it; a headline margin by sex only when no other such cell is left) is suppressed too, and the table's own
 * protection is repaired again ({@link ProtectionRepair}, the joint additions never released). Suppressing more never
 * narrows any interval, so each round can only help; after {@value #MAX_ROUNDS} rounds, or when no such cell is left,
 * it stops and the check decides ({@link DisclosureCheck}, which refuses what is still broken: a refusal, never a
 * leak).
 */
final class JointRepair {
    /** The most cells the repair suppresses for the joint attacker. */
    static final int MAX_ROUNDS = 40;

    private JointRepair() {
    }

    static DisclosureControl.Suppression repair(ExchangeAgreement agreement, DisclosureControl.Suppression disclosure,
            LinkedTables linked, List<PublishedTable> earlier, Map<Cell, Long> cells, List<Integer> headline) {
        LinearTable table = disclosure.table();
        Set<Integer> suppressed = new TreeSet<>(disclosure.suppressed());
        Set<Integer> added = new TreeSet<>();
        ProtectionRule rule = new ProtectionRule(agreement.protectionPercent());
        Comparator<Integer> cheapest = Comparator.<Integer, Boolean>comparing(linked.known()::contains)
                .thenComparing(DisclosureControl.suppressFirst(table, headline));
        List<Integer> unprotected = disclosure.unprotected();
        JointAttack.View view = DisclosureCheck.view(agreement, table, suppressed);
        // feasible points of the table's own attacker, kept over the rounds: suppressions only grow between them
        IntervalAttack.Witness witness = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<DisclosureCheck.JointBreach> breaches = DisclosureCheck.jointBreaches(agreement, table, suppressed,
                    earlier, cells);
            if (breaches.isEmpty() || breaches.stream().anyMatch(b -> b.cell() == null)) {
                break;
            }
            // first a cell over the breached cell's persons, else one over those of the suppressed cells linked to it
            // and a headline margin (by sex) only when no other cell over those persons is left
            Optional<Integer> next = Optional.empty();
            search:
            for (boolean headlineToo : new boolean[] {false, true}) {
                for (boolean wholeGroup : new boolean[] {false, true}) {
                    for (DisclosureCheck.JointBreach breach : breaches) {
                        next = breach.attack().overlapping(breach.cell(), view, wholeGroup).stream()
                                .map(table::indexOf)
                                .filter(c -> c >= 0 && !suppressed.contains(c) && !linked.known().contains(c))
                                .filter(c -> headlineToo || DisclosureControl.tier(table, headline, c) != 3)
                                .min(cheapest);
                        if (next.isPresent()) {
                            break search;
                        }
                    }
                }
            }
            if (next.isEmpty()) {
                break;
            }
            added.add(next.get());
            suppressed.add(next.get());
            Set<Integer> neverReleased = new TreeSet<>(linked.stillSuppressed());
            neverReleased.addAll(added);
            ProtectionRepair.Outcome outcome = ProtectionRepair.repair(table, suppressed, disclosure.primary(), rule,
                    cheapest, headline, neverReleased, witness);
            suppressed.clear();
            suppressed.addAll(outcome.suppressed());
            unprotected = outcome.unprotected();
            witness = outcome.witness();
        }
        if (added.isEmpty()) {
            return disclosure;
        }
        return new DisclosureControl.Suppression(table, disclosure.primary(), Set.copyOf(suppressed), unprotected,
                SuppressionReport.of(table, suppressed, headline, agreement.k()));
    }
}
