package org.migrex.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.migrex.harmonization.reference.ReferenceDataLoader;
import org.migrex.harmonization.rules.HarmonizationOutcome;
import org.migrex.harmonization.rules.Harmonizer;
import org.migrex.schema.HarmonizedMigrationEvent;
import org.migrex.schema.RawMigrationRecord;
import org.migrex.schema.Topics;
import org.migrex.serde.ConfluentAvroDeserializer;
import org.migrex.serde.ConfluentAvroSerializer;
import org.migrex.serde.RegistryClientConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Migrex Confluent-wire-format serde ({@link ConfluentAvroSerializer}, {@link ConfluentAvroDeserializer}) on
 * {@value #RECORDS} records: {@code record=RawMigrationRecord} as ingestion makes them from template rows (64-hex
 * pseudonym, provenance; written by ingestion, read by harmonization) or {@code record=HarmonizedMigrationEvent} as
 * the harmonizer makes of those (written by harmonization, read by exchange). Scores are records per second.
 *
 * <p>What is measured is the steady state of a running service: the serde asks the registry once per schema (to
 * register it, or to fetch a writer schema by id) and caches the answer for the life of the JVM, so after the first
 * record of the first warm-up iteration no registry call is made. {@code registry=stub} (default) answers those two
 * calls from an in-process {@link RegistryStub}; any other value is the Confluent-API URL of a real registry (e.g.
 * {@code -p registry=http://127.0.0.1:8081/apis/ccompat/v7} of {@code ./migrex} local stack), where the schema is
 * auto-registered under {@code kaz.raw.records-value} or {@code kaz.harmonized.events-value}. Either way the measured code is identical.
 *
 * <p>Baselines: {@link #baselineAvroEncode} and {@link #baselineAvroDecode} are plain Avro binary with a reused
 * buffered encoder/decoder and no framing or registry lookup, the floor for this schema.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SerdeBenchmark {
    /** Records per invocation. */
    public static final int RECORDS = 1_024;

    @Param({"stub"})
    public String registry;

    @Param({"RawMigrationRecord", "HarmonizedMigrationEvent"})
    public String record;

    RegistryStub stub;
    String topic;
    SpecificRecordBase[] records;
    byte[][] framed;
    byte[][] plain;
    ConfluentAvroSerializer<SpecificRecordBase> serializer;
    ConfluentAvroDeserializer<SpecificRecordBase> deserializer;
    SpecificDatumWriter<SpecificRecordBase> writer;
    SpecificDatumReader<SpecificRecordBase> reader;
    /** Mean size of a serialized record: Confluent framing (5 bytes) plus Avro binary. */
    double meanFramedBytes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String url;
        if ("stub".equals(registry)) {
            stub = RegistryStub.start();
            url = stub.url();
        } else {
            url = registry;
        }
        List<RawMigrationRecord> raw = MigrationRows.ingest(MigrationRows.templateCsv(RECORDS, 0, 11),
                MigrationRows.profile("template"));
        Class<? extends SpecificRecordBase> type;
        Topics topics = Topics.forNode(MigrationRows.NODE);
        if (record.equals(RawMigrationRecord.class.getSimpleName())) {
            type = RawMigrationRecord.class;
            topic = topics.rawRecords().name();
            records = raw.toArray(SpecificRecordBase[]::new);
        } else if (record.equals(HarmonizedMigrationEvent.class.getSimpleName())) {
            type = HarmonizedMigrationEvent.class;
            topic = topics.harmonizedEvents().name();
            var reference = new ReferenceDataLoader(null).load();
            var harmonizer = new Harmonizer(MigrationRows.NODE, Clock.fixed(MigrationRows.NOW, ZoneOffset.UTC));
            records = raw.stream().map(r -> harmonizer.harmonize(r, reference))
                    .map(o -> ((HarmonizationOutcome.Harmonized) o).event()).toArray(SpecificRecordBase[]::new);
        } else {
            throw new IllegalArgumentException("record: RawMigrationRecord or HarmonizedMigrationEvent, not " + record);
        }
        RegistryClientConfig config = RegistryClientConfig.of(url).withAutoRegister(true);
        serializer = new ConfluentAvroSerializer<>(config, false);
        deserializer = new ConfluentAvroDeserializer<>(config, type);
        writer = new SpecificDatumWriter<>(records[0].getSchema());
        reader = new SpecificDatumReader<>(records[0].getSchema());
        framed = new byte[records.length][];
        plain = new byte[records.length][];
        long total = 0;
        for (int i = 0; i < records.length; i++) {
            framed[i] = serializer.serialize(topic, records[i]);
            plain[i] = encode(records[i]);
            total += framed[i].length;
        }
        meanFramedBytes = (double) total / records.length;
        System.out.printf("%nSerdeBenchmark: %d %s, mean %.1f bytes framed (5 bytes header + Avro)%n",
                records.length, record, meanFramedBytes);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (stub != null) {
            stub.close();
        }
    }

    /** {@link ConfluentAvroSerializer#serialize}: schema id lookup (cached), framing, Avro binary. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void serialize(Blackhole blackhole) {
        for (SpecificRecordBase value : records) {
            blackhole.consume(serializer.serialize(topic, value));
        }
    }

    /** {@link ConfluentAvroDeserializer#deserialize}: header check, writer schema (cached), resolving read. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void deserialize(Blackhole blackhole) {
        for (byte[] bytes : framed) {
            blackhole.consume(deserializer.deserialize(topic, bytes));
        }
    }

    /** Baseline: Avro binary of the same records with a reused buffered encoder, no framing, no lookup. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void baselineAvroEncode(Blackhole blackhole) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        BinaryEncoder encoder = null;
        for (SpecificRecordBase value : records) {
            out.reset();
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            writer.write(value, encoder);
            encoder.flush();
            blackhole.consume(out.toByteArray());
        }
    }

    /** Baseline: plain Avro decode of the same records with a reused decoder, writer schema = reader schema. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void baselineAvroDecode(Blackhole blackhole) throws IOException {
        BinaryDecoder decoder = null;
        for (byte[] bytes : plain) {
            decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
            blackhole.consume(reader.read(null, decoder));
        }
    }

    byte[] encode(SpecificRecordBase value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
