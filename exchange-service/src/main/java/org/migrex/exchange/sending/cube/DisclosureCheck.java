package org.migrex.exchange.sending.cube;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.migrex.exchange.dataflow.Cell;
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
        return check(agreement, table, List.of());
    }

    /**
     * The check of a table of a period the partner already holds {@code earlier} tables of (every table published to
     * it for the period: earlier revisions, other agreements). Besides the table alone, the attacker then also
     * <ul>
     *   <li>reads off an earlier table every cell it published with the count the cell has now ({@link LinkedTables}
     *       known cells), and attacks the new table with those cells as published;</li>
     *   <li>reads off the new table every cell it publishes with the count an earlier table suppressed it with, and
     *       attacks that earlier table again with those cells as published;</li>
     * </ul>
     * and a cell an earlier table suppressed with the same count must still be suppressed. Only tables of the
     * agreement's dataflow count ({@link PublishedTable#ofDataflow}).
     *
     * <p>When some of those tables have other dimensions or another filter, the {@link JointAttack} solves every table
     * each receiver of this one holds (its own and the public release) together with it as one system: the table is
     * not sent when the attacker then narrows a primary cell of it beyond the rule, or a primary cell of an earlier
     * table that the earlier tables alone left protected. A joint system above the bound fails the check.
     */
    public static Verdict check(ExchangeAgreement agreement, DatasetTable table, List<PublishedTable> all) {
        List<PublishedTable> earlier = PublishedTable.ofDataflow(agreement.dataflow().id(), all);
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
        LinkedTables linked = LinkedTables.of(agreement.keep(), truth, earlier);
        for (int cell : linked.stillSuppressed()) {
            if (!hidden.contains(cell)) {
                problems.add(truth.coordinate(cell) + ": suppressed in an earlier revision with the same count, "
                        + "published now");
            }
        }
        // a count below this k that another receiver was given under its own k (a partner's table and the public
        // release) is known to that receiver, who holds this table too, but was never this receiver's: known to the
        // attacker below, not a breach of this table
        Set<Integer> knownToReceiver = LinkedTables.of(agreement.keep(), truth, earlier.stream()
                .filter(t -> t.partner().equals(agreement.partner())).toList()).known();
        Set<Integer> stillHidden = new TreeSet<>(hidden);
        for (int cell : linked.known()) {
            if (stillHidden.remove(cell) && primary.contains(cell) && knownToReceiver.contains(cell)) {
                problems.add(truth.coordinate(cell) + ": a count below k was published in an earlier table");
            }
        }
        for (int cell : IntervalAttack.violations(truth, stillHidden, primary, rule)) {
            problems.add(truth.coordinate(cell) + ": the attacker narrows it beyond the protection rule (k "
                    + agreement.k() + ", p " + agreement.protectionPercent() + " %)"
                    + (stillHidden.size() < hidden.size() ? ", with what earlier tables published" : ""));
        }
        problems.addAll(earlierTablesBreached(agreement, truth, hidden, earlier));
        problems.addAll(jointProblems(agreement, table, hidden, earlier));
        return new Verdict(hidden.size(), List.copyOf(problems));
    }

    /** The label of the table being checked in the joint attacker's reports. */
    static final String THIS_TABLE = "this table";

    /**
     * What the joint attacker finds.
     *
     * @param attack the joint system it was found in, null when none could be evaluated
     * @param cell the breached cell, null when the joint system could not be evaluated (then the table is not sent)
     * @param problem in words, no count
     */
    record JointBreach(JointAttack attack, JointAttack.Interval cell, String problem) {
    }

    private static List<String> jointProblems(ExchangeAgreement agreement, DatasetTable table, Set<Integer> hidden,
            List<PublishedTable> earlier) {
        return jointBreaches(agreement, table.disclosure().table(), hidden, earlier, table.cells()).stream()
                .map(JointBreach::problem).toList();
    }

    /** The joint view of the table with the given cells suppressed. */
    static JointAttack.View view(ExchangeAgreement agreement, LinearTable truth, Set<Integer> hidden) {
        Map<List<String>, Long> counts = new LinkedHashMap<>();
        Set<List<String>> suppressed = new HashSet<>();
        for (int cell = 0; cell < truth.size(); cell++) {
            counts.put(truth.coordinate(cell), truth.count(cell));
            if (hidden.contains(cell)) {
                suppressed.add(truth.coordinate(cell));
            }
        }
        return new JointAttack.View(THIS_TABLE, agreement.keep(), agreement.totalledDimensions(), agreement.filter(),
                counts, suppressed, agreement.k(), agreement.protectionPercent());
    }

    /**
     * The joint attack of each receiver of the table that holds earlier tables (of the table's dataflow) with other
     * cells (other dimensions or filter): the partner, or for a public table each partner and the public.
     */
    static List<JointBreach> jointBreaches(ExchangeAgreement agreement, LinearTable truth, Set<Integer> hidden,
            List<PublishedTable> earlier, Map<Cell, Long> cells) {
        JointAttack.View now = view(agreement, truth, hidden);
        Set<String> attackers = new java.util.TreeSet<>();
        attackers.add(agreement.partner());
        if (agreement.isPublic()) {
            earlier.forEach(t -> attackers.add(t.partner()));
        }
        List<JointBreach> breaches = new ArrayList<>();
        for (String attacker : attackers) {
            List<JointAttack.View> held = earlier.stream()
                    .filter(t -> t.partner().equals(attacker) || t.partner().equals(ExchangeAgreement.PUBLIC))
                    .filter(t -> t.dimensions().stream().allMatch(agreement.dataflow()::hasDimension))
                    .map(JointAttack.View::of).toList();
            if (held.stream().allMatch(now::sameCellsAs)) {
                continue; // same cells: the linking above is the whole story
            }
            String whose = " (combined: this table with "
                    + held.stream().filter(v -> !v.sameCellsAs(now)).map(JointAttack.View::label).distinct().toList()
                    + ", as " + attacker + " holds them)";
            if (!DatasetTable.project(agreement.dataflow(), agreement.filter(), agreement.keep(), truth.totalled(),
                    cells).equals(now.counts())) {
                breaches.add(new JointBreach(null, null, "the period's cells are not at hand, so the table cannot be "
                        + "attacked jointly with the tables of other dimensions published before" + whose));
                continue;
            }
            // a count the attacker was given in its own table (its own k) is no breach of this table, as for one
            // table above: the same coordinate and count, in a table with the same dimensions over a subset of this
            // one's persons (so the rest of this cell is known to be 0, which zeros are anyway)
            List<PublishedTable> own = attacker.equals(agreement.partner()) ? List.of()
                    : earlier.stream().filter(t -> t.partner().equals(attacker)).toList();
            breaches.addAll(jointBreaches(agreement, cells, now, held, own, whose));
        }
        return breaches;
    }

    /**
     * Whether the receiver was given the cell's count in one of its own tables: the same dimensions, over a subset of
     * the cell's persons (its filter within the cell's), the same coordinate published with the same count.
     */
    static boolean givenInOwnTable(JointAttack.Interval cell, List<PublishedTable> own) {
        List<String> dimensions = List.copyOf(cell.dimensions().keySet());
        List<String> coordinate = List.copyOf(cell.dimensions().values());
        return own.stream().anyMatch(t -> t.dimensions().equals(dimensions) && nested(t.filter(), cell.filter())
                && !t.suppressed().contains(coordinate)
                && Long.valueOf(cell.value()).equals(t.counts().get(coordinate)));
    }

    /** Whether every cell under {@code inner} counts persons that {@code outer} counts too. */
    private static boolean nested(Map<String, Set<String>> inner, Map<String, Set<String>> outer) {
        return outer.entrySet().stream().allMatch(f -> inner.containsKey(f.getKey())
                && f.getValue().containsAll(inner.get(f.getKey())));
    }

    private static List<JointBreach> jointBreaches(ExchangeAgreement agreement, Map<Cell, Long> cells,
            JointAttack.View now, List<JointAttack.View> held, List<PublishedTable> own, String whose) {
        List<JointBreach> breaches = new ArrayList<>();
        List<JointAttack.View> views = new ArrayList<>();
        views.add(now);
        views.addAll(held);
        try {
            JointAttack attack = JointAttack.of(agreement.dataflow(), cells, views);
            Set<String> before = null;
            for (JointAttack.Interval cell : attack.violations()) {
                if (cell.tables().contains(THIS_TABLE) && givenInOwnTable(cell, own)) {
                    continue;
                }
                if (cell.tables().contains(THIS_TABLE)) {
                    breaches.add(new JointBreach(attack, cell, cell.dimensions() + ": the attacker narrows it beyond "
                            + "the protection rule (k " + agreement.k() + ", p " + agreement.protectionPercent()
                            + " %) by combining tables" + whose));
                    continue;
                }
                if (before == null) {
                    // a breach the earlier tables already made is not this table's: it cannot be undone by refusing
                    before = new HashSet<>();
                    for (JointAttack.Interval old : JointAttack.of(agreement.dataflow(), cells, held).violations()) {
                        before.add(old.dimensions() + "|" + old.filter());
                    }
                }
                if (!before.contains(cell.dimensions() + "|" + cell.filter())) {
                    breaches.add(new JointBreach(attack, cell, cell.dimensions() + " of " + cell.tables()
                            + ": narrowed beyond its protection rule by combining it with this table" + whose));
                }
            }
        } catch (JointAttack.TooLarge e) {
            breaches.add(new JointBreach(null, null, "not checked jointly with the tables of other dimensions "
                    + "published before, so not sent: " + e.getMessage() + whose));
        } catch (IllegalStateException | IllegalArgumentException e) {
            breaches.add(new JointBreach(null, null, "the joint attack failed, so not sent: " + e.getMessage()
                    + whose));
        }
        return breaches;
    }

    /** Earlier tables that the new one, read as the differencing attacker reads it, narrows beyond their rule. */
    private static List<String> earlierTablesBreached(ExchangeAgreement agreement, LinearTable truth,
            Set<Integer> hidden, List<PublishedTable> earlier) {
        List<String> problems = new ArrayList<>();
        Set<String> attacked = new java.util.HashSet<>();
        for (PublishedTable before : earlier) {
            if (!before.dimensions().equals(agreement.keep())) {
                continue;
            }
            // revisions with the same counts and suppressions (a closing re-delivery, a change elsewhere) are one
            // table to the attacker: attacked once
            String content = before.format();
            if (!attacked.add(before.k() + "|" + before.protectionPercent() + "|"
                    + content.substring(content.indexOf('\n') + 1))) {
                continue;
            }
            LinearTable old = before.linearTable();
            Set<Integer> oldHidden = before.suppressedCells(old);
            Set<Integer> stillHidden = new TreeSet<>(oldHidden);
            for (int cell : oldHidden) {
                int now = truth.indexOf(old.coordinate(cell));
                if (now >= 0 && !hidden.contains(now) && truth.count(now) == old.count(cell)) {
                    stillHidden.remove(cell);
                }
            }
            if (stillHidden.size() == oldHidden.size()) {
                continue;
            }
            Set<Integer> oldPrimary = new TreeSet<>();
            for (int cell = 0; cell < old.size(); cell++) {
                if (old.count(cell) < before.k()) {
                    oldPrimary.add(cell);
                }
            }
            for (int cell : oldPrimary) {
                if (oldHidden.contains(cell) && !stillHidden.contains(cell)) {
                    problems.add(old.coordinate(cell) + ": below k in revision " + before.revision() + " of "
                            + before.agreementId() + ", published now with the same count");
                }
            }
            for (int cell : IntervalAttack.violations(old, stillHidden, oldPrimary,
                    new ProtectionRule(before.protectionPercent()))) {
                problems.add(old.coordinate(cell) + ": revision " + before.revision() + " of " + before.agreementId()
                        + " is narrowed beyond its protection rule with what this table publishes");
            }
        }
        return problems;
    }
}
