package org.migrex.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.migrex.exchange.sending.cube.DatasetTable;
import org.migrex.exchange.dataflow.Cell;
import org.migrex.schema.Observation;
import org.migrex.schema.RawMigrationRecord;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Each benchmark's set-up gives the input it claims and one invocation gives a sane answer, so the benchmarks cannot
 * rot silently while the services change. Expected values are counted from how the fixtures were generated, not
 * from the code under test. Runs the benchmark methods directly, without the JMH runner.
 */
class BenchmarkSetupTest {
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Set<String> TEMPLATE_EVENT_TYPES = Set.of("ENTRY", "EXIT", "STAY_REGISTRATION",
            "RESIDENCE_REGISTRATION", "DEREGISTRATION", "RESIDENCE_PERMIT", "WORK_PERMIT", "CITIZENSHIP_GRANT");

    private static Blackhole blackhole() {
        return new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"template", "ru-registry-export"})
    void ingestionReadsEveryGeneratedRowAndAcceptsAll(String profile) throws Exception {
        IngestionBenchmark benchmark = new IngestionBenchmark();
        benchmark.profile = profile;
        benchmark.setUp();

        assertThat(benchmark.readRows()).isEqualTo(IngestionBenchmark.ROWS);
        assertThat(benchmark.readValidatePseudonymize(blackhole())).isEqualTo(IngestionBenchmark.ROWS);
        // twelve template columns per line, header excluded
        assertThat(benchmark.baselineSplitLines()).isEqualTo(12L * IngestionBenchmark.ROWS);
        assertThat(benchmark.personIds).hasSize(IngestionBenchmark.ROWS)
                .allMatch(id -> id.matches("N\\d{8}|N \\d{4} \\d{4}"));
        benchmark.pseudonymize(blackhole());
    }

    @Test
    void russianExportBecomesTemplateValues() {
        String csv = MigrationRows.russianCsv(500, 42);
        assertThat(csv).startsWith("\uFEFFНомер записи;").contains("\r\n");
        List<RawMigrationRecord> records = MigrationRows.ingest(csv, MigrationRows.profile("ru-registry-export"));
        assertThat(records).hasSize(500).allSatisfy(record -> {
            assertThat(TEMPLATE_EVENT_TYPES).contains(record.getEventType());
            assertThat(record.getEventDate()).matches(ISO_DATE);
            assertThat(record.getPersonPseudonym()).matches("[0-9a-f]{64}");
            assertThat(record.getSex()).isIn(null, "M", "F");
        });
    }

    @Test
    void harmonizationInputsHaveTheStatedShareOfQuarantine() {
        // rows whose index mod 100 is below the percentage are made unmappable: of 0..4095, 41 hundreds start
        // below 4096 and all of 0..9 of each exist (4000..4095 included), so 41 * 10 = 410 rows at 10 %
        assertThat(harmonized(0)).isEqualTo(HarmonizationBenchmark.RECORDS);
        assertThat(harmonized(10)).isEqualTo(HarmonizationBenchmark.RECORDS - 410);
        assertThat(harmonized(100)).isZero();

        HarmonizationBenchmark.Plain plain = new HarmonizationBenchmark.Plain();
        plain.setUp();
        assertThat(plain.records).hasSize(HarmonizationBenchmark.RECORDS);
        new HarmonizationBenchmark().baselineEventBuilder(plain, blackhole());
    }

    private static int harmonized(int quarantinedPercent) {
        HarmonizationBenchmark.Input input = new HarmonizationBenchmark.Input();
        input.quarantinedPercent = quarantinedPercent;
        input.setUp();
        assertThat(input.records).hasSize(HarmonizationBenchmark.RECORDS);
        return new HarmonizationBenchmark().harmonize(input, blackhole());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RawMigrationRecord", "HarmonizedMigrationEvent"})
    void serdeWritesTheConfluentFramingAndAsksTheRegistryOnlyOnce(String record) throws Exception {
        SerdeBenchmark benchmark = new SerdeBenchmark();
        benchmark.registry = "stub";
        benchmark.record = record;
        benchmark.setUp();
        try {
            assertThat(benchmark.records).hasSize(SerdeBenchmark.RECORDS)
                    .allMatch(r -> r.getSchema().getName().equals(record));
            for (int i = 0; i < benchmark.records.length; i++) {
                byte[] framed = benchmark.framed[i];
                assertThat(framed[0]).isZero();
                // the stub gives its first schema id 1, big-endian after the magic byte
                assertThat(new byte[] {framed[1], framed[2], framed[3], framed[4]}).containsExactly(0, 0, 0, 1);
                // framing is exactly 5 bytes in front of the plain Avro binary of the same record
                assertThat(framed).hasSize(benchmark.plain[i].length + 5);
                assertThat(benchmark.deserializer.deserialize(benchmark.topic, framed)).isEqualTo(benchmark.records[i]);
            }
            assertThat(benchmark.meanFramedBytes).isBetween(150.0, 500.0);
            for (int round = 0; round < 3; round++) {
                benchmark.serialize(blackhole());
                benchmark.deserialize(blackhole());
                benchmark.baselineAvroEncode(blackhole());
                benchmark.baselineAvroDecode(blackhole());
            }
            // the measured path never reaches the registry: one registration during set-up, nothing after
            String subject = record.equals("RawMigrationRecord") ? "kaz.raw.records" : "kaz.harmonized.events";
            assertThat(benchmark.stub.requests()).containsExactly("POST /subjects/" + subject + "-value/versions");
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void disclosureTableIsTheStandardBilateralTable() {
        DisclosureBenchmark benchmark = new DisclosureBenchmark();
        benchmark.setUp();

        DatasetTable table = benchmark.datasetTable();
        assertThat(table.observations()).hasSize(DisclosureBenchmark.TABLE_CELLS);
        assertThat(benchmark.table).hasSize(DisclosureBenchmark.TABLE_CELLS);
        assertThat(table.observations()).allSatisfy(o -> {
            assertThat(o.getDimensions().keySet()).containsExactly("FLOW", "SEX", "AGE", "DURATION", "TIME_PERIOD");
            assertThat(o.getDimensions().get("TIME_PERIOD")).isEqualTo(DisclosureBenchmark.PERIOD);
        });

        // the grand totals, counted straight from the simulated cells: flows with counterpart KGZ
        long immigration = 0;
        long emigration = 0;
        for (Map.Entry<Cell, Long> cell : benchmark.cells.entrySet()) {
            if (cell.getKey().code("COUNTERPART_AREA").equals("KGZ")) {
                if (cell.getKey().code("FLOW").equals("IMM")) {
                    immigration += cell.getValue();
                } else {
                    emigration += cell.getValue();
                }
            }
        }
        assertThat(immigration + emigration).isGreaterThan(DisclosureBenchmark.EVENTS / 2);
        assertThat(benchmark.table.get(List.of("IMM", "_T", "_T", "_T", DisclosureBenchmark.PERIOD)))
                .isEqualTo(immigration);
        assertThat(benchmark.table.get(List.of("EMI", "_T", "_T", "_T", DisclosureBenchmark.PERIOD)))
                .isEqualTo(emigration);

        // the table has small cells, so both primary and secondary suppression are exercised
        Set<List<String>> primary = benchmark.baselinePrimaryOnly();
        List<List<String>> expectedPrimary = new ArrayList<>();
        benchmark.table.forEach((coordinate, count) -> {
            if (count < DisclosureBenchmark.K) {
                expectedPrimary.add(coordinate);
            }
        });
        assertThat(primary).containsExactlyInAnyOrderElementsOf(expectedPrimary).isNotEmpty();
        Set<List<String>> suppressed = benchmark.suppress();
        assertThat(suppressed).containsAll(primary).hasSizeGreaterThan(primary.size());
        assertThat(table.suppressed()).isEqualTo(suppressed.size());
        for (Observation observation : table.observations()) {
            boolean hidden = suppressed.contains(List.copyOf(observation.getDimensions().values()));
            assertThat(observation.getValue() == null).isEqualTo(hidden);
            assertThat(observation.getConfStatus()).isEqualTo(hidden ? DatasetTable.CONFIDENTIAL : DatasetTable.FREE);
        }
    }

    @Test
    void theFiveDimensionTableHasFourTotalledDimensionsAndSmallCells() {
        DisclosureBenchmark benchmark = new DisclosureBenchmark();
        benchmark.setUp();
        assertThat(benchmark.fiveDimensionTotalled).hasSize(4);
        // FLOW, CITIZENSHIP, SEX, PURPOSE, DURATION, TIME_PERIOD; every crossing of the four totals is there
        assertThat(benchmark.fiveDimensionTable).containsKey(List.of("IMM", "_T", "_T", "_T", "_T",
                DisclosureBenchmark.PERIOD));
        List<List<String>> small = benchmark.fiveDimensionTable.entrySet().stream()
                .filter(e -> e.getValue() < DisclosureBenchmark.K).map(Map.Entry::getKey).toList();
        assertThat(small).isNotEmpty();
        assertThat(benchmark.suppressFiveDimensions()).containsAll(small);
    }

    @Test
    void theJointBenchmarksCheckTheTablesTheyMake() {
        DisclosureBenchmark benchmark = new DisclosureBenchmark();
        benchmark.setUp(); // fails when the joint system is above its bound
        assertThat(benchmark.standardTableChecked().passes()).as(benchmark.standardTableChecked().toString()).isTrue();
        assertThat(benchmark.earlier).hasSize(1);
        assertThat(benchmark.earlier.getFirst().dimensions()).containsExactly("FLOW", "SEX", "DURATION",
                "TIME_PERIOD");
        var verdict = benchmark.fiveDimensionsJointlyChecked();
        assertThat(verdict.problems()).noneMatch(p -> p.contains("not checked jointly"));
        assertThat(verdict.suppressed()).isPositive();
        System.out.println("five dimensions, jointly checked: " + verdict);
    }

    @Test
    void templateRowsHaveDatesTheHarmonizerAccepts() {
        List<RawMigrationRecord> records = MigrationRows.ingest(MigrationRows.templateCsv(200, 0, 3),
                MigrationRows.profile("template"));
        assertThat(records).hasSize(200).allSatisfy(r -> {
            assertThat(r.getEventDate()).matches(ISO_DATE);
            assertThat(LocalDate.parse(r.getEventDate()).getYear()).isEqualTo(2025);
        });
    }
}
