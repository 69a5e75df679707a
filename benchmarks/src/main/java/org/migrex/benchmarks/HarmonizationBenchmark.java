package org.migrex.benchmarks;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.migrex.harmonization.reference.ReferenceData;
import org.migrex.harmonization.reference.ReferenceDataLoader;
import org.migrex.harmonization.rules.HarmonizationOutcome;
import org.migrex.harmonization.rules.Harmonizer;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.Lineage;
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
 * {@link Harmonizer#harmonize} with the built-in reference data, over {@value #RECORDS} raw records that ingestion
 * made of generated template rows (codes, English and Russian country names, numeric codes, national sex terms).
 * Scores are records per second.
 *
 * <p>{@code quarantinedPercent}: share of records with one value the rules cannot map (unknown country, sex,
 * purpose or event type), which are quarantined with their reasons; 0 measures the
 * path of clean data, 10 a plausible first load, 100 the quarantine path alone.
 *
 * <p>Baseline: {@link #baselineEventBuilder} builds the same {@link HarmonizedMigrationEvent} through the generated
 * Avro builders from values fixed in advance, without any rule: the part of harmonization that is object building.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class HarmonizationBenchmark {
    /** Records per invocation. */
    public static final int RECORDS = 4_096;

    /** The rules, the reference data and the records. */
    @State(Scope.Benchmark)
    public static class Input {
        @Param({"0", "10", "100"})
        public int quarantinedPercent;

        Harmonizer harmonizer;
        ReferenceData reference;
        RawMigrationRecord[] records;

        @Setup
        public void setUp() {
            reference = new ReferenceDataLoader(null).load();
            harmonizer = new Harmonizer(MigrationRows.NODE, Clock.fixed(MigrationRows.NOW, ZoneOffset.UTC));
            List<RawMigrationRecord> ingested = MigrationRows.ingest(
                    MigrationRows.templateCsv(RECORDS, quarantinedPercent, 7), MigrationRows.profile("template"));
            records = ingested.toArray(RawMigrationRecord[]::new);
        }
    }

    /** Records for the baseline (no parameter, so it runs once). */
    @State(Scope.Benchmark)
    public static class Plain {
        RawMigrationRecord[] records;

        @Setup
        public void setUp() {
            records = MigrationRows.ingest(MigrationRows.templateCsv(RECORDS, 0, 7), MigrationRows.profile("template"))
                    .toArray(RawMigrationRecord[]::new);
        }
    }

    /** Harmonizes every record; returns how many became events (the rest are quarantined). */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public int harmonize(Input input, Blackhole blackhole) {
        int harmonized = 0;
        for (RawMigrationRecord record : input.records) {
            HarmonizationOutcome outcome = input.harmonizer.harmonize(record, input.reference);
            if (outcome instanceof HarmonizationOutcome.Harmonized) {
                harmonized++;
            }
            blackhole.consume(outcome);
        }
        return harmonized;
    }

    /** Baseline: builds an event per record with the Avro builders, copying values without mapping them. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void baselineEventBuilder(Plain plain, Blackhole blackhole) {
        for (RawMigrationRecord raw : plain.records) {
            var provenance = raw.getProvenance();
            blackhole.consume(HarmonizedMigrationEvent.newBuilder()
                    .setRefArea(MigrationRows.NODE)
                    .setEventType(raw.getEventType())
                    .setEventDate(raw.getEventDate())
                    .setTimePeriod("2025-06")
                    .setFlow("IMM")
                    .setPersonPseudonym(raw.getPersonPseudonym())
                    .setSex("M")
                    .setAgeYears(30)
                    .setAgeGroup("Y30T34")
                    .setCitizenship("KGZ")
                    .setCountryOfBirth("KGZ")
                    .setCounterpartArea("KGZ")
                    .setPurpose("WORK")
                    .setDurationClass("SHORT_TERM")
                    .setDurationBasis("INTENDED")
                    .setIntendedDurationDays(raw.getIntendedDurationDays())
                    .setNationalCriterion(null)
                    .setNationalMigrant(null)
                    .setRegion(raw.getRegion())
                    .setLineage(Lineage.newBuilder()
                            .setSource(provenance.getSource())
                            .setRecordId(raw.getRecordId())
                            .setBatchId(provenance.getBatchId())
                            .setLine(provenance.getLine())
                            .setProfileVersion(provenance.getProfileVersion())
                            .setReferenceDataVersion("2026.1")
                            .setHarmonizedAt(MigrationRows.NOW)
                            .build())
                    .build());
        }
    }
}
