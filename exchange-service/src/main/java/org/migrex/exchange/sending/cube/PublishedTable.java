package org.migrex.exchange.sending.cube;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What this node published to a partner in one delivered revision, kept on the node for the disclosure audit: the
 * table's true counts (margins included), which cells went out suppressed, and the rule they were suppressed under.
 * The true counts never leave the node; the audit needs them to judge the attacker's ranges against the rule.
 *
 * <p>Text form (the value of the {@code published-tables} store): a header line
 * {@code agreementId;version;partner;period;revision;status;dimension,...;totalled index,...;k;p;dataflow;filter},
 * filter as {@code DIMENSION:code+code,...}, then one line per present cell {@code code,...;count;C|F}. Codes are
 * SDMX codes (letters, digits, {@code _}), so the separators cannot occur in them. Tables stored before the dataflow
 * and the filter were recorded have neither ({@code dataflow} null): they are treated as of every dataflow their
 * dimensions fit, which links more, never less.
 *
 * @param dataflow the id of the agreement's dataflow, null when not recorded
 * @param filter the agreement's filter (dimension to allowed codes): the joint attacker ({@link JointAttack}) needs it
 *     to know which persons a table counts
 */
public record PublishedTable(String agreementId, int agreementVersion, String partner, String period, long revision,
        String status, List<String> dimensions, List<Integer> totalled, int k, int protectionPercent,
        Map<List<String>, Long> counts, Set<List<String>> suppressed, String dataflow,
        Map<String, Set<String>> filter) {

    public PublishedTable {
        filter = Map.copyOf(filter);
    }

    /** A table whose dataflow and filter are not recorded (as stored before they were). */
    public PublishedTable(String agreementId, int agreementVersion, String partner, String period, long revision,
            String status, List<String> dimensions, List<Integer> totalled, int k, int protectionPercent,
            Map<List<String>, Long> counts, Set<List<String>> suppressed) {
        this(agreementId, agreementVersion, partner, period, revision, status, dimensions, totalled, k,
                protectionPercent, counts, suppressed, null, Map.of());
    }

    /** What the node keeps of a table it delivers: its true counts and the cells suppressed. */
    public static PublishedTable of(org.migrex.exchange.sending.agreement.ExchangeAgreement agreement, String period,
            long revision, String status, DatasetTable table) {
        LinearTable truth = table.disclosure().table();
        Map<List<String>, Long> counts = new LinkedHashMap<>();
        for (int cell = 0; cell < truth.size(); cell++) {
            counts.put(truth.coordinate(cell), truth.count(cell));
        }
        return new PublishedTable(agreement.id(), agreement.version(), agreement.partner(), period, revision, status,
                agreement.keep(), truth.totalled(), agreement.k(), agreement.protectionPercent(), counts,
                new LinkedHashSet<>(table.disclosure().coordinates()), agreement.dataflow().id(), agreement.filter());
    }

    /**
     * This table with the dataflow and filter of the agreement it was delivered under, when it was stored before they
     * were recorded (the agreement's current version: its filter is taken to be the one the table was made with).
     */
    public PublishedTable recorded(org.migrex.exchange.sending.agreement.ExchangeAgreement agreement) {
        if (dataflow != null || agreement == null || !agreement.id().equals(agreementId)) {
            return this;
        }
        return new PublishedTable(agreementId, agreementVersion, partner, period, revision, status, dimensions,
                totalled, k, protectionPercent, counts, suppressed, agreement.dataflow().id(), agreement.filter());
    }

    /**
     * The tables of the dataflow (and those whose dataflow is not recorded): cells of two dataflows with the same
     * codes are different quantities (a flow is not a permit), so only these are linked with a table of it.
     */
    public static List<PublishedTable> ofDataflow(String dataflowId, List<PublishedTable> tables) {
        return tables.stream().filter(t -> t.dataflow() == null || t.dataflow().equals(dataflowId)).toList();
    }

    /** Store key: {@code partner|period|agreementId|revision}, revision zero-padded so that keys sort by it. */
    public static String key(String partner, String period, String agreementId, long revision) {
        return prefix(partner, period) + agreementId + "|" + String.format(Locale.ROOT, "%010d", revision);
    }

    /**
     * Whose published tables a new table for {@code receiver} is linked with (its disclosure control and check read
     * them as known to the attacker). Every partner also holds the public release
     * ({@link org.migrex.exchange.sending.agreement.ExchangeAgreement#PUBLIC}), so a partner's table is linked with its
     * own and the public ones, and a public table with the public ones and every partner's, since each partner can
     * difference it against its own. More linked tables only add cells the attacker is assumed to know.
     *
     * @param receivers the receivers of every agreement of the node
     */
    public static List<String> linkedReceivers(String receiver, Collection<String> receivers) {
        String everyone = org.migrex.exchange.sending.agreement.ExchangeAgreement.PUBLIC;
        Set<String> linked = new LinkedHashSet<>();
        linked.add(receiver);
        if (everyone.equals(receiver)) {
            linked.addAll(receivers);
        } else if (receivers.contains(everyone)) {
            linked.add(everyone);
        }
        return List.copyOf(linked);
    }

    /** The key prefix of everything published to the partner for the period. */
    public static String prefix(String partner, String period) {
        return partner + "|" + period + "|";
    }

    public String key() {
        return key(partner, period, agreementId, revision);
    }

    /** The attacker's system of this table. */
    public LinearTable linearTable() {
        return LinearTable.of(counts, totalled);
    }

    /** Cell indices of the suppressed coordinates in {@link #linearTable()}. */
    public Set<Integer> suppressedCells(LinearTable table) {
        Set<Integer> cells = new java.util.TreeSet<>();
        suppressed.forEach(c -> cells.add(table.indexOf(c)));
        return cells;
    }

    public String format() {
        StringBuilder text = new StringBuilder();
        text.append(String.join(";", agreementId, Integer.toString(agreementVersion), partner, period,
                Long.toString(revision), status, String.join(",", dimensions),
                String.join(",", totalled.stream().map(String::valueOf).toList()), Integer.toString(k),
                Integer.toString(protectionPercent), dataflow == null ? "" : dataflow, formatFilter(filter)))
                .append('\n');
        counts.forEach((coordinate, count) -> text.append(String.join(",", coordinate)).append(';').append(count)
                .append(';').append(suppressed.contains(coordinate) ? "C" : "F").append('\n'));
        return text.toString();
    }

    public static PublishedTable parse(String text) {
        String[] lines = text.split("\n");
        String[] h = lines[0].split(";", -1);
        List<Integer> totalled = h[7].isEmpty() ? List.of()
                : Arrays.stream(h[7].split(",")).map(Integer::parseInt).toList();
        Map<List<String>, Long> counts = new TreeMap<>(DatasetTable.COORDINATE_ORDER);
        Set<List<String>> suppressed = new LinkedHashSet<>();
        for (int i = 1; i < lines.length; i++) {
            String[] parts = lines[i].split(";", -1);
            List<String> coordinate = List.of(parts[0].split(",", -1));
            counts.put(coordinate, Long.parseLong(parts[1]));
            if ("C".equals(parts[2])) {
                suppressed.add(coordinate);
            }
        }
        String dataflow = h.length > 10 && !h[10].isEmpty() ? h[10] : null;
        return new PublishedTable(h[0], Integer.parseInt(h[1]), h[2], h[3], Long.parseLong(h[4]), h[5],
                List.of(h[6].split(",")), totalled, Integer.parseInt(h[8]), Integer.parseInt(h[9]),
                new LinkedHashMap<>(counts), suppressed, dataflow, h.length > 11 ? parseFilter(h[11]) : Map.of());
    }

    private static String formatFilter(Map<String, Set<String>> filter) {
        return String.join(",", new TreeMap<>(filter).entrySet().stream()
                .map(e -> e.getKey() + ":" + String.join("+", new java.util.TreeSet<>(e.getValue()))).toList());
    }

    private static Map<String, Set<String>> parseFilter(String text) {
        Map<String, Set<String>> filter = new LinkedHashMap<>();
        if (!text.isEmpty()) {
            for (String entry : text.split(",")) {
                int colon = entry.indexOf(':');
                filter.put(entry.substring(0, colon), Set.of(entry.substring(colon + 1).split("\\+")));
            }
        }
        return filter;
    }

    /** The observations' coordinates in dimension order, as a list of lists (for tests and messages). */
    public List<List<String>> coordinates() {
        return new ArrayList<>(counts.keySet());
    }
}
