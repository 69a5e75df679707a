package org.migrex.exchange.receiving;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import org.migrex.exchange.dataflow.Dataflow;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.MigrationAggregate;
import org.migrex.schema.Observation;

/**
 * Mirror statistics: the same movements of people counted by both countries.
 *
 * <p>For this node {@code US} and a partner {@code P}, per month, two flow pairs:
 * <ul>
 *   <li>{@link FlowPair#EMI_TO_PARTNER}: our emigration to P (our cells FLOW=EMI, COUNTERPART_AREA=P) against P's
 *       immigration from us (P's dataset, FLOW=IMM; P's agreement with us already restricts it to COUNTERPART_AREA=US);</li>
 *   <li>{@link FlowPair#IMM_FROM_PARTNER}: our immigration from P (FLOW=IMM, COUNTERPART_AREA=P) against P's
 *       emigration to us (FLOW=EMI).</li>
 * </ul>
 * each broken down by SEX (the codes seen on either side, plus {@code _T}) crossed with DURATION (likewise).
 *
 * <p>Our value: the sum of our cube cells with that FLOW, COUNTERPART_AREA=P, TIME_PERIOD, and that SEX and DURATION
 * ({@code _T} sums over all codes), all other dimensions summed out. The partner's value: the cell of its latest
 * dataset for the period with that FLOW, SEX, DURATION and {@code AGE=_T} (a dimension missing from a cell counts as
 * {@code _T}); a cell left out of a received dataset is 0, since datasets leave out empty cells. But when no
 * observation of the partner's dataset has the SEX or DURATION dimension at all (its agreement does not keep it), a
 * row for one of that dimension's codes is "not available": no partner value, never 0.
 *
 * <p>{@code difference = ours - partner's} (positive: we counted more). {@code ratio = partner's / ours}, rounded to 4
 * decimals (1 is perfect agreement; below 1 the partner counted fewer). No difference and no ratio when the
 * partner's cell is suppressed (CONF_STATUS C) or no dataset was received for the month; no ratio when ours is 0. The
 * {@code note} says why.
 */
public final class MirrorTable {
    /**
     * The one dataflow with mirror statistics: a flow both sides count (our EMI to P is P's IMM from us). No other
     * dataflow has a counterpart in the partner's figures: a permit is issued by one country, counted by it alone.
     */
    public static final String DATAFLOW = "MIGR_FLOW";
    private static final Dataflow<?> FLOWS = Dataflows.MIGR_FLOW;
    private static final String TOTAL = Dataflow.TOTAL;

    /** The two directions of movement between us and the partner. */
    public enum FlowPair {
        /** People leaving us for the partner: our EMI against the partner's IMM. */
        EMI_TO_PARTNER("EMI", "IMM"),
        /** People coming to us from the partner: our IMM against the partner's EMI. */
        IMM_FROM_PARTNER("IMM", "EMI");

        private final String ourFlow;
        private final String partnerFlow;

        FlowPair(String ourFlow, String partnerFlow) {
            this.ourFlow = ourFlow;
            this.partnerFlow = partnerFlow;
        }

        public String ourFlow() {
            return ourFlow;
        }

        public String partnerFlow() {
            return partnerFlow;
        }
    }

    /** One line of the table. */
    public record Row(String period, FlowPair flowPair, String ourFlow, String partnerFlow, String sex,
                      String duration, long ourValue, Long partnerValue, String partnerConfStatus, Long difference,
                      BigDecimal ratio, Long partnerRevision, String partnerStatus, String note) {
    }

    private MirrorTable() {
    }

    /**
     * Computes the table.
     *
     * @param us              this node (REF_AREA of our cells)
     * @param partner         the partner country
     * @param periods         months {@code yyyy-MM}, in the order wanted
     * @param ourCells        our MIGR_FLOW cube cells (any period, any counterpart)
     * @param partnerDatasets the partner's latest MIGR_FLOW dataset per period, if received
     */
    /**
     * The partner's dataset of each month, looked up once: the table ({@link #compute}) and the definitions
     * ({@link MirrorDefinitions#compare}) read the same ones.
     */
    public record Received(Map<String, Optional<ExchangeDataset>> byMonth) {
        /** Looks up every month's dataset with {@code find}, in the order of {@code periods}. */
        public static Received lookUp(List<String> periods, Function<String, Optional<ExchangeDataset>> find) {
            Map<String, Optional<ExchangeDataset>> byMonth = new java.util.LinkedHashMap<>();
            periods.forEach(month -> byMonth.put(month, find.apply(month)));
            return new Received(java.util.Collections.unmodifiableMap(byMonth));
        }

        /** The month's dataset, if one was received. */
        public Optional<ExchangeDataset> of(String month) {
            return byMonth.getOrDefault(month, Optional.empty());
        }

        /** The datasets received, in month order. */
        public List<ExchangeDataset> datasets() {
            return byMonth.values().stream().flatMap(Optional::stream).toList();
        }
    }

    public static List<Row> compute(String us, String partner, List<String> periods,
                                    Collection<MigrationAggregate> ourCells,
                                    Function<String, Optional<ExchangeDataset>> partnerDatasets) {
        List<Row> rows = new ArrayList<>();
        for (String period : periods) {
            List<MigrationAggregate> ours = ourCells.stream()
                    .filter(c -> DATAFLOW.equals(c.getDataflow()))
                    .filter(c -> period.equals(c.getDimensions().get("TIME_PERIOD")))
                    .filter(c -> partner.equals(c.getDimensions().get("COUNTERPART_AREA")))
                    .filter(c -> {
                        String refArea = c.getDimensions().get("REF_AREA");
                        return refArea == null || refArea.equals(us);
                    })
                    .toList();
            Optional<ExchangeDataset> dataset = partnerDatasets.apply(period);
            List<Observation> theirs = dataset.map(ExchangeDataset::getObservations).orElse(List.of());
            for (FlowPair pair : FlowPair.values()) {
                TreeSet<String> sexes = new TreeSet<>(FLOWS.codeOrder("SEX"));
                TreeSet<String> durations = new TreeSet<>(FLOWS.codeOrder("DURATION"));
                sexes.add(TOTAL);
                durations.add(TOTAL);
                for (MigrationAggregate c : ours) {
                    if (pair.ourFlow().equals(c.getDimensions().get("FLOW"))) {
                        sexes.add(c.getDimensions().getOrDefault("SEX", TOTAL));
                        durations.add(c.getDimensions().getOrDefault("DURATION", TOTAL));
                    }
                }
                for (Observation o : theirs) {
                    if (pair.partnerFlow().equals(o.getDimensions().get("FLOW"))) {
                        sexes.add(o.getDimensions().getOrDefault("SEX", TOTAL));
                        durations.add(o.getDimensions().getOrDefault("DURATION", TOTAL));
                    }
                }
                for (String sex : sexes) {
                    for (String duration : durations) {
                        rows.add(row(partner, period, pair, sex, duration, ours, dataset, theirs));
                    }
                }
            }
        }
        return rows;
    }

    private static Row row(String partner, String period, FlowPair pair, String sex, String duration,
                           List<MigrationAggregate> ours, Optional<ExchangeDataset> dataset, List<Observation> theirs) {
        long ourValue = 0;
        for (MigrationAggregate c : ours) {
            Map<String, String> d = c.getDimensions();
            if (pair.ourFlow().equals(d.get("FLOW")) && matches(d.get("SEX"), sex) && matches(d.get("DURATION"), duration)) {
                ourValue += c.getCount();
            }
        }
        if (dataset.isEmpty()) {
            return new Row(period, pair, pair.ourFlow(), pair.partnerFlow(), sex, duration, ourValue, null, null, null,
                    null, null, null, "no dataset received from " + partner + " for " + period);
        }
        ExchangeDataset ds = dataset.get();
        for (String[] wanted : new String[][] {{"SEX", sex}, {"DURATION", duration}}) {
            if (!TOTAL.equals(wanted[1]) && !theirs.isEmpty()
                    && theirs.stream().noneMatch(o -> isBreakdown(o.getDimensions().get(wanted[0])))) {
                // the partner's agreement does not keep the dimension: its figure is unknown, not 0. A dataset that
                // writes the dimension with its total only (as a foreign SDMX tool may: DURATION=_T everywhere) keeps
                // no breakdown either; only a code other than _T shows that absent cells are real zeros
                return new Row(period, pair, pair.ourFlow(), pair.partnerFlow(), sex, duration, ourValue, null, null,
                        null, null, ds.getRevision(), ds.getStatus(), "not available: " + partner + "'s dataset has no "
                        + wanted[0] + " breakdown (its agreement does not keep " + wanted[0] + ")");
            }
        }
        Observation cell = null;
        for (Observation o : theirs) {
            Map<String, String> d = o.getDimensions();
            if (pair.partnerFlow().equals(d.get("FLOW"))
                    && sex.equals(d.getOrDefault("SEX", TOTAL))
                    && duration.equals(d.getOrDefault("DURATION", TOTAL))
                    && TOTAL.equals(d.getOrDefault("AGE", TOTAL))
                    && TOTAL.equals(d.getOrDefault("CITIZENSHIP", TOTAL))
                    && TOTAL.equals(d.getOrDefault("PURPOSE", TOTAL))
                    && period.equals(d.getOrDefault("TIME_PERIOD", period))) {
                cell = o;
                break;
            }
        }
        if (cell != null && (cell.getValue() == null || "C".equals(cell.getConfStatus()))) {
            return new Row(period, pair, pair.ourFlow(), pair.partnerFlow(), sex, duration, ourValue, null,
                    cell.getConfStatus(), null, null, ds.getRevision(), ds.getStatus(),
                    "partner value suppressed by disclosure control (CONF_STATUS C): no difference, no ratio");
        }
        long partnerValue = cell == null ? 0 : cell.getValue();
        String confStatus = cell == null ? "F" : cell.getConfStatus();
        BigDecimal ratio = ourValue == 0 ? null
                : BigDecimal.valueOf(partnerValue).divide(BigDecimal.valueOf(ourValue), 4, RoundingMode.HALF_UP);
        String note = ourValue == 0 && partnerValue != 0 ? "our value is 0: no ratio" : null;
        return new Row(period, pair, pair.ourFlow(), pair.partnerFlow(), sex, duration, ourValue, partnerValue,
                confStatus, ourValue - partnerValue, ratio, ds.getRevision(), ds.getStatus(), note);
    }

    private static boolean isBreakdown(String code) {
        return code != null && !TOTAL.equals(code);
    }

    private static boolean matches(String code, String wanted) {
        return TOTAL.equals(wanted) || wanted.equals(code);
    }

    /**
     * The table as CSV (RFC 4180, CRLF), with a header row; text fields as {@link CsvField#text} writes them. The last
     * column, {@code definitions}, is the same on every row: whether the two sides count alike
     * ({@link MirrorDefinitions#verdict()}), so that it travels with each row into a spreadsheet, a filter or a join.
     */
    public static String csv(List<Row> rows, MirrorDefinitions.Verdict definitions) {
        StringBuilder out = new StringBuilder("period,flow_pair,our_flow,partner_flow,sex,duration,our_value,"
                + "partner_value,partner_conf_status,difference,ratio,partner_revision,partner_status,note,"
                + "definitions\r\n");
        for (Row r : rows) {
            out.append(String.join(",", CsvField.text(r.period()), r.flowPair().name(), CsvField.text(r.ourFlow()),
                    CsvField.text(r.partnerFlow()), CsvField.text(r.sex()), CsvField.text(r.duration()),
                    String.valueOf(r.ourValue()), str(r.partnerValue()), CsvField.text(r.partnerConfStatus()),
                    str(r.difference()), r.ratio() == null ? "" : r.ratio().toPlainString(), str(r.partnerRevision()),
                    CsvField.text(r.partnerStatus()), CsvField.text(r.note()), definitions.name())).append("\r\n");
        }
        return out.toString();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
