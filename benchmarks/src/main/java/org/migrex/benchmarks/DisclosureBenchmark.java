package org.migrex.benchmarks;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.migrex.exchange.sending.agreement.ExchangeAgreement;
import org.migrex.exchange.sending.cube.DatasetTable;
import org.migrex.exchange.sending.cube.DisclosureCheck;
import org.migrex.exchange.sending.cube.DisclosureControl;
import org.migrex.exchange.sending.cube.PublishedTable;
import org.migrex.exchange.dataflow.Cell;
import org.migrex.exchange.dataflow.Dataflows;
import org.migrex.schema.Observation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The table of a standard bilateral agreement for one month, as the exchange service computes it before it signs and
 * sends a dataset: agreement KAZ to KGZ on {@code MIGR_FLOW}, filter {@code COUNTERPART_AREA = KGZ}, kept
 * dimensions FLOW x SEX x AGE x DURATION x TIME_PERIOD (as {@code deploy/compose/agreements/kaz}), {@code _T}
 * margins on SEX, AGE and DURATION, k = 5.
 *
 * <p>Input: the node's {@code MIGR_FLOW} cells of the month, made by counting {@value #EVENTS} simulated events
 * (counterpart mostly KGZ, some UZB/TJK/RUS that the filter drops; four citizenships and five purposes that the
 * projection sums away; working ages most frequent, so the old and the very young give small counts).
 * The delivered table has {@value #TABLE_CELLS} cells (margins included); scores are those cells per second.
 *
 * <ul>
 *   <li>{@link #datasetTable}: {@link DatasetTable#of}, i.e. filter, projection, margins, disclosure control and the
 *       observations.</li>
 *   <li>{@link #suppress}: {@link DisclosureControl#suppress} alone on the table with margins (primary and
 *       secondary suppression).</li>
 *   <li>{@link #baselinePrimaryOnly}: only the primary rule (collect the cells with 0 &lt; count &lt; k), the least any
 *       disclosure control does; the difference to {@link #suppress} is the secondary suppression.</li>
 *   <li>{@link #suppressFiveDimensions}: {@link DisclosureControl#suppress} on a five-dimension table of the same
 *       events, FLOW x CITIZENSHIP x SEX x PURPOSE x DURATION (four totalled dimensions, every crossing of their
 *       margins); scores are tables per second.</li>
 *   <li>{@link #standardTableChecked}: what the delivery does with the standard table, made
 *       ({@link DatasetTable#of}) and checked before it is sent ({@link DisclosureCheck#check}, the LP attacker on
 *       the observations); tables per second.</li>
 *   <li>{@link #fiveDimensionsJointlyChecked}: the five-dimension table when KGZ already holds a table of the month
 *       by FLOW x SEX x DURATION (another agreement): made with the linked tables and the joint repair
 *       ({@link DatasetTable#of(ExchangeAgreement, Map, List)}) and checked with the joint attacker over both
 *       ({@link DisclosureCheck#check(ExchangeAgreement, DatasetTable, List)}); set-up fails if the joint system is
 *       not evaluated (above its bound), so the score is a real joint check; tables per second.</li>
 * </ul>
 * Disclosure control is Gaussian elimination plus the LP protection check, repair and release pass (docs/exchange.md),
 * with the agreement's default protection interval (15 %) and the margins by sex kept first, as {@link DatasetTable#of}
 * does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DisclosureBenchmark {
    /** Simulated events of the month. */
    public static final int EVENTS = 20_000;
    /** Cells of the delivered table, margins included, for the fixed seed (checked by the unit test). */
    public static final int TABLE_CELLS = 618;
    /** Disclosure threshold of the agreement. */
    public static final int K = 5;
    static final String PERIOD = "2025-03";

    private static final String[] COUNTERPARTS = {"KGZ", "KGZ", "KGZ", "KGZ", "KGZ", "KGZ", "UZB", "TJK", "RUS"};
    private static final String[] CITIZENSHIPS = {"KGZ", "KGZ", "KGZ", "KGZ", "KAZ", "RUS", "UZB"};
    private static final String[] SEXES = {"M", "M", "M", "F", "F", "_U"};
    private static final String[] PURPOSES = {"WORK", "WORK", "WORK", "FAMILY", "EDUCATION", "OTHER", "_U"};
    private static final String[] DURATIONS = {"TEMPORARY", "TEMPORARY", "SHORT_TERM", "SHORT_TERM", "LONG_TERM",
            "_U"};

    ExchangeAgreement agreement;
    Map<Cell, Long> cells;
    Map<List<String>, Long> table;
    List<Integer> totalled;
    List<Integer> headline;
    Map<List<String>, Long> fiveDimensionTable;
    List<Integer> fiveDimensionTotalled;
    List<Integer> fiveDimensionHeadline;
    ExchangeAgreement fiveDimensions;
    /** KGZ's table of the month by FLOW x SEX x DURATION, published before the five-dimension one. */
    List<PublishedTable> earlier;

    @Setup
    public void setUp() {
        agreement = agreement(K);
        cells = monthOfCells(EVENTS, 2025);
        totalled = agreement.totalledDimensions().stream().map(agreement.keep()::indexOf).toList();
        table = withMargins(agreement(1), cells);
        headline = List.of(agreement.keep().indexOf(DatasetTable.HEADLINE_DIMENSION));
        ExchangeAgreement five = fiveDimensionAgreement(1);
        fiveDimensionTable = withMargins(five, cells);
        fiveDimensionTotalled = five.totalledDimensions().stream().map(five.keep()::indexOf).toList();
        fiveDimensionHeadline = List.of(five.keep().indexOf(DatasetTable.HEADLINE_DIMENSION));
        fiveDimensions = fiveDimensionAgreement(K);
        ExchangeAgreement bySex = bySexAgreement(K);
        earlier = List.of(PublishedTable.of(bySex, PERIOD, 1, "PROVISIONAL", DatasetTable.of(bySex, cells)));
        DisclosureCheck.Verdict verdict = fiveDimensionsJointlyChecked();
        if (verdict.problems().stream().anyMatch(p -> p.contains("not checked jointly"))) {
            throw new IllegalStateException("the joint system of the benchmark is not evaluated: " + verdict);
        }
    }

    /** The table with margins, read back from a run without suppression (k = 1 suppresses nothing). */
    static Map<List<String>, Long> withMargins(ExchangeAgreement unsuppressed, Map<Cell, Long> cells) {
        Map<List<String>, Long> table = new HashMap<>();
        for (Observation observation : DatasetTable.of(unsuppressed, cells).observations()) {
            table.put(List.copyOf(observation.getDimensions().values()), observation.getValue());
        }
        return table;
    }

    /** Filter, projection, margins, disclosure control, observations; returns the number of suppressed cells. */
    @Benchmark
    @OperationsPerInvocation(TABLE_CELLS)
    public DatasetTable datasetTable() {
        return DatasetTable.of(agreement, cells);
    }

    /** Primary and secondary suppression alone; returns the suppressed coordinates. */
    @Benchmark
    @OperationsPerInvocation(TABLE_CELLS)
    public Set<List<String>> suppress() {
        return DisclosureControl.suppress(table, totalled, K, agreement.protectionPercent(), headline);
    }

    /** Disclosure control of the five-dimension table. */
    @Benchmark
    public Set<List<String>> suppressFiveDimensions() {
        return DisclosureControl.suppress(fiveDimensionTable, fiveDimensionTotalled, K, agreement.protectionPercent(),
                fiveDimensionHeadline);
    }

    /** The standard table made and checked before delivery, as the delivery does with no earlier table. */
    @Benchmark
    public DisclosureCheck.Verdict standardTableChecked() {
        return DisclosureCheck.check(agreement, DatasetTable.of(agreement, cells));
    }

    /** The five-dimension table made and checked jointly with KGZ's earlier table by FLOW x SEX x DURATION. */
    @Benchmark
    public DisclosureCheck.Verdict fiveDimensionsJointlyChecked() {
        return DisclosureCheck.check(fiveDimensions, DatasetTable.of(fiveDimensions, cells, earlier), earlier);
    }

    /** Baseline: the primary rule alone. */
    @Benchmark
    @OperationsPerInvocation(TABLE_CELLS)
    public Set<List<String>> baselinePrimaryOnly() {
        Set<List<String>> suppressed = new HashSet<>();
        table.forEach((coordinate, count) -> {
            if (count != null && count > 0 && count < K) {
                suppressed.add(coordinate);
            }
        });
        return suppressed;
    }

    /** The agreement of {@code deploy/compose/agreements/kaz/KAZ-KGZ-MIGR_FLOW.yaml}, with threshold {@code k}. */
    static ExchangeAgreement agreement(int k) {
        return new ExchangeAgreement("KAZ-KGZ-MIGR_FLOW", 1, "KGZ", Dataflows.MIGR_FLOW.id(),
                Map.of("COUNTERPART_AREA", Set.of("KGZ")), List.of("FLOW", "SEX", "AGE", "DURATION", "TIME_PERIOD"),
                k, Duration.ofSeconds(5), Period.ofMonths(2), "benchmark");
    }

    /** As {@link #agreement} but keeping FLOW, CITIZENSHIP, SEX, PURPOSE and DURATION. */
    static ExchangeAgreement fiveDimensionAgreement(int k) {
        return new ExchangeAgreement("KAZ-KGZ-MIGR_FLOW-5D", 1, "KGZ", Dataflows.MIGR_FLOW.id(),
                Map.of("COUNTERPART_AREA", Set.of("KGZ")),
                List.of("FLOW", "CITIZENSHIP", "SEX", "PURPOSE", "DURATION", "TIME_PERIOD"), k, Duration.ofSeconds(5),
                Period.ofMonths(2), "benchmark");
    }

    /** A second agreement with KGZ on the same flows, keeping FLOW, SEX and DURATION. */
    static ExchangeAgreement bySexAgreement(int k) {
        return new ExchangeAgreement("KAZ-KGZ-MIGR_FLOW-SEX", 1, "KGZ", Dataflows.MIGR_FLOW.id(),
                Map.of("COUNTERPART_AREA", Set.of("KGZ")), List.of("FLOW", "SEX", "DURATION", "TIME_PERIOD"), k,
                Duration.ofSeconds(5), Period.ofMonths(2), "benchmark");
    }

    /** The {@code MIGR_FLOW} cells of node KAZ for {@value #PERIOD} after {@code events} simulated events. */
    static Map<Cell, Long> monthOfCells(int events, long seed) {
        Random random = new Random(seed);
        Map<Cell, Long> cells = new HashMap<>();
        for (int i = 0; i < events; i++) {
            List<String> codes = new ArrayList<>(Dataflows.MIGR_FLOW.dimensionIds().size());
            codes.add(MigrationRows.NODE);
            codes.add(random.nextInt(3) == 0 ? "EMI" : "IMM");
            codes.add(pick(random, COUNTERPARTS));
            codes.add(pick(random, CITIZENSHIPS));
            codes.add(pick(random, SEXES));
            codes.add(ageGroup(random));
            codes.add(pick(random, PURPOSES));
            codes.add(pick(random, DURATIONS));
            codes.add(PERIOD);
            cells.merge(new Cell(Dataflows.MIGR_FLOW, codes), 1L, Long::sum);
        }
        return cells;
    }

    /** Age group of a migrant: mostly 20 to 44, rarely under 15 or over 65, sometimes unknown. */
    private static String ageGroup(Random random) {
        if (random.nextInt(50) == 0) {
            return "_U";
        }
        int age = (int) Math.round(32 + 11 * random.nextGaussian());
        age = Math.max(0, Math.min(age, 99));
        if (age >= 85) {
            return "Y_GE85";
        }
        int lower = age / 5 * 5;
        return "Y" + lower + "T" + (lower + 4);
    }

    private static String pick(Random random, String[] pool) {
        return pool[random.nextInt(pool.length)];
    }
}
