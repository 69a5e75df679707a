package org.migrex.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.migrex.ingestion.profile.Profile;
import org.migrex.ingestion.record.CsvRows;
import org.migrex.ingestion.record.ErrorLog;
import org.migrex.ingestion.record.Pseudonymizer;
import org.migrex.ingestion.record.RowValidator;
import org.migrex.schema.RawMigrationRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The ingestion service's per-row work on an upload of {@value #ROWS} rows, without HTTP and Kafka: strict UTF-8
 * decoding of the body, {@link CsvRows} (CSV reading and header mapping through the profile), {@link RowValidator}
 * (syntax checks, value maps, date normalization) and {@link Pseudonymizer} (HMAC-SHA-256 of the person id). Scores
 * are rows per second ({@link OperationsPerInvocation}).
 *
 * <p>{@code profile}: {@code template} (Migrex template, {@code ,}, LF, delimiter detected) or
 * {@code ru-registry-export} (Russian headers and terms, BOM, {@code ;}, CRLF, {@code dd.MM.yyyy}).
 *
 * <p>Baseline: {@link #baselineSplitLines} decodes the same bytes and splits each line with
 * {@link String#split} on the delimiter (its one-character fast path, no regex), the least any CSV reader must do (it does not handle quotes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class IngestionBenchmark {
    /** Rows per upload (one benchmark invocation reads them all). */
    public static final int ROWS = 10_000;

    @Param({"template", "ru-registry-export"})
    public String profile;

    Profile profileDefinition;
    byte[] body;
    String[] personIds;
    Pseudonymizer pseudonymizer;
    String delimiter;

    @Setup
    public void setUp() {
        profileDefinition = MigrationRows.profile(profile);
        String csv = "template".equals(profile) ? MigrationRows.templateCsv(ROWS, 0, 42)
                : MigrationRows.russianCsv(ROWS, 42);
        body = csv.getBytes(StandardCharsets.UTF_8);
        pseudonymizer = new Pseudonymizer(MigrationRows.SECRET);
        delimiter = "template".equals(profile) ? "," : ";";
        // the clear person ids of the file (fourth column), as the validator hands them to the pseudonymizer
        personIds = csv.lines().skip(1).map(line -> line.split(delimiter, -1)[3].strip()).toArray(String[]::new);
    }

    /** Decoding and CSV reading with the profile's header mapping only; returns the rows read. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long readRows() throws IOException {
        CsvRows rows = new CsvRows(MigrationRows.utf8(body), profileDefinition);
        long count = 0;
        while (rows.next()) {
            count++;
        }
        return count;
    }

    /** What ingestion does per row before the Kafka send: read, validate, map, pseudonymize; returns rows accepted. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long readValidatePseudonymize(Blackhole blackhole) throws IOException {
        RowValidator validator = new RowValidator(profileDefinition, pseudonymizer, MigrationRows.NODE, profile,
                "batch-1");
        ErrorLog errors = new ErrorLog(100);
        CsvRows rows = new CsvRows(MigrationRows.utf8(body), profileDefinition);
        long accepted = 0;
        while (rows.next()) {
            RawMigrationRecord record = validator.validate(rows, errors, MigrationRows.NOW).orElse(null);
            if (record != null) {
                blackhole.consume(record);
                accepted++;
            }
        }
        return accepted;
    }

    /** The pseudonym (HMAC-SHA-256, hex) of {@value #ROWS} person ids alone. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void pseudonymize(Blackhole blackhole) {
        for (String id : personIds) {
            blackhole.consume(pseudonymizer.pseudonym(id));
        }
    }

    /** Baseline: decode the same bytes, split every line on the delimiter; returns the fields seen. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long baselineSplitLines() throws IOException {
        long fields = 0;
        try (BufferedReader lines = new BufferedReader(MigrationRows.utf8(body))) {
            lines.readLine(); // header
            String line;
            while ((line = lines.readLine()) != null) {
                fields += line.split(delimiter, -1).length;
            }
        }
        return fields;
    }
}
