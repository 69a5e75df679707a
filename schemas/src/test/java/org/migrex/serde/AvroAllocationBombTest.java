package org.migrex.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.Test;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.Observation;
import org.migrex.schema.QuarantineReason;
import org.migrex.schema.QuarantinedRecord;
import org.migrex.schema.RawMigrationRecord;

/**
 * Records that declare a huge string, bytes value or array must fail as a {@link SerializationException}, not as
 * {@link OutOfMemoryError}. This class runs in its own surefire execution with {@code -Xmx64m} (schemas/pom.xml), so
 * a decoder that allocates the declared length really runs out of heap. The registry is a {@link StubRegistry}
 * answering {@code GET /schemas/ids/{id}} with the module's own schemas; {@code AvroAllocationBombIT} repeats the
 * bombs against a real Apicurio.
 */
@EnabledIfSystemProperty(named = "migrex.test.small-heap", matches = "true",
        disabledReason = "runs only in the 64 MB execution of schemas/pom.xml")
class AvroAllocationBombTest {
    static final int RAW_ID = 1;
    static final int DATASET_ID = 2;
    static final int QUARANTINE_ID = 3;

    private static StubRegistry registry;
    private static RegistryClientConfig config;

    @BeforeAll
    static void startStubRegistry() {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap of this test JVM").isLessThan(128L << 20);
        registry = new StubRegistry(Map.of(RAW_ID, RawMigrationRecord.getClassSchema(),
                DATASET_ID, ExchangeDataset.getClassSchema(), QUARANTINE_ID, QuarantinedRecord.getClassSchema()));
        config = registry.config();
    }

    @AfterAll
    static void stopStubRegistry() {
        registry.close();
    }

    /** Header, then the record's first field, a string, declaring 2,147,483,000 bytes: 10 bytes in all. */
    static byte[] rawRecordDeclaringA2GbString(int schemaId) {
        return Bombs.header(schemaId).varLong(2_147_483_000L).bytes();
    }

    /**
     * Header, an {@code ExchangeDataset} with six empty strings, revision 0, empty status, generatedAt 0, then
     * observations declaring 2,000,000,000 items: 19 bytes.
     */
    static byte[] datasetDeclaringAHugeArray(int schemaId) {
        return Bombs.header(schemaId).emptyStrings(6).varLong(0).emptyStrings(1).varLong(0)
                .varLong(2_000_000_000L).bytes();
    }

    /** As above with no observations and an empty keyId, then a signature declaring 2,147,483,000 bytes: 21 bytes. */
    static byte[] datasetDeclaringA2GbSignature(int schemaId) {
        return Bombs.header(schemaId).emptyStrings(6).varLong(0).emptyStrings(1).varLong(0)
                .varLong(0).emptyStrings(1).varLong(2_147_483_000L).bytes();
    }

    @Test
    void theBombsHaveTheSizesOfTheIssue() {
        assertThat(rawRecordDeclaringA2GbString(RAW_ID)).hasSize(10);
        assertThat(datasetDeclaringAHugeArray(DATASET_ID)).hasSize(19);
        assertThat(datasetDeclaringA2GbSignature(DATASET_ID)).hasSize(21);
    }

    @Test
    void aDeclared2GbStringIsASerializationExceptionNamingTopicAndSizes() {
        var deserializer = new ConfluentAvroDeserializer<RawMigrationRecord>(config, RawMigrationRecord.class);

        assertThatThrownBy(() -> deserializer.deserialize("kaz.raw.records", rawRecordDeclaringA2GbString(RAW_ID)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("kaz.raw.records")
                .hasMessageContaining("schema id " + RAW_ID)
                .hasMessageContaining("declares 2147483000 bytes, but only 0 bytes of the record remain")
                .hasMessageContaining("(10 bytes)");
    }

    @Test
    void aDeclaredHugeArrayIsASerializationException() {
        var deserializer = new ConfluentAvroDeserializer<ExchangeDataset>(config, ExchangeDataset.class);

        assertThatThrownBy(() -> deserializer.deserialize("exchange.KAZ.inbox", datasetDeclaringAHugeArray(DATASET_ID)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("exchange.KAZ.inbox")
                .hasMessageContaining("an array")
                .hasMessageContaining("declares 2000000000 items");
    }

    @Test
    void aDeclared2GbBytesValueIsASerializationException() {
        var deserializer = new ConfluentAvroDeserializer<ExchangeDataset>(config, ExchangeDataset.class);

        assertThatThrownBy(() -> deserializer.deserialize("exchange.KAZ.inbox", datasetDeclaringA2GbSignature(DATASET_ID)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("a bytes value")
                .hasMessageContaining("declares 2147483000 bytes");
    }

    @Test
    void aRecordOverTheSizeLimitIsRefusedBeforeDecodingNamingTheLimitAndTheSetting() {
        var deserializer = new ConfluentAvroDeserializer<RawMigrationRecord>();
        deserializer.configure(Map.of(RegistryClientConfig.URL, config.url().toString(),
                ConfluentAvroDeserializer.READER_TYPE, RawMigrationRecord.class,
                ConfluentAvroDeserializer.MAX_RECORD_BYTES, "1000"), false);
        byte[] large = encode(RAW_ID, rawRecord("r-big", "x".repeat(2000)));

        assertThatThrownBy(() -> deserializer.deserialize("kaz.raw.records", large))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("kaz.raw.records")
                .hasMessageContaining(large.length + " bytes, over the limit of 1000 bytes")
                .hasMessageContaining(ConfluentAvroDeserializer.MAX_RECORD_BYTES);
        assertThat(deserializer.deserialize("kaz.raw.records", encode(RAW_ID, rawRecord("r-small", "KZ-ALA"))))
                .isEqualTo(rawRecord("r-small", "KZ-ALA"));
    }

    @Test
    void aMalformedLimitNamesTheSetting() {
        var deserializer = new ConfluentAvroDeserializer<RawMigrationRecord>();
        assertThatThrownBy(() -> deserializer.configure(Map.of(RegistryClientConfig.URL, config.url().toString(),
                ConfluentAvroDeserializer.MAX_RECORD_BYTES, "8MB"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ConfluentAvroDeserializer.MAX_RECORD_BYTES)
                .hasMessageContaining("'8MB'");
    }

    @Test
    void theBoundedDecoderReadsEveryKindOfFieldOfTheMigrexSchemas() {
        RawMigrationRecord raw = rawRecord("r-1", "KZ-ALA");
        ExchangeDataset dataset = ExchangeDataset.newBuilder()
                .setDatasetId("d-1").setSender("KAZ").setReceiver("KGZ").setAgreementId("KAZ-KGZ-1")
                .setDataflow("MIGR_FLOW").setPeriod("2025-03").setRevision(-42L).setStatus("FINAL")
                .setGeneratedAt(Instant.parse("2025-04-01T10:00:00Z"))
                .setObservations(List.of(
                        Observation.newBuilder().setDimensions(Map.of("SEX", "F", "CITIZENSHIP", "KGZ"))
                                .setValue(Long.MAX_VALUE).setConfStatus("F").build(),
                        Observation.newBuilder().setDimensions(Map.of()).setValue(null).setConfStatus("C").build()))
                .setKeyId("KAZ-2026-1").setSignature(ByteBuffer.wrap(new byte[]{1, 2, 3, (byte) 0xff}))
                .build();
        QuarantinedRecord quarantined = QuarantinedRecord.newBuilder().setRecord(raw)
                .setReasons(List.of(QuarantineReason.newBuilder().setField("citizenship").setValue("Атлантида")
                        .setRule("COUNTRY_UNKNOWN").setMessage("unknown country 'Атлантида'").build()))
                .setReferenceDataVersion("v7").setQuarantinedAt(Instant.parse("2025-04-02T00:00:00Z"))
                .setReplayCount(Integer.MIN_VALUE).build();

        assertThat(new ConfluentAvroDeserializer<RawMigrationRecord>(config, RawMigrationRecord.class)
                .deserialize("kaz.raw.records", encode(RAW_ID, raw))).isEqualTo(raw);
        assertThat(new ConfluentAvroDeserializer<ExchangeDataset>(config, ExchangeDataset.class)
                .deserialize("exchange.KGZ.inbox", encode(DATASET_ID, dataset))).isEqualTo(dataset);
        assertThat(new ConfluentAvroDeserializer<QuarantinedRecord>(config, QuarantinedRecord.class)
                .deserialize("kaz.quarantine", encode(QUARANTINE_ID, quarantined))).isEqualTo(quarantined);
    }

    @Test
    void aTruncatedRecordIsASerializationException() {
        byte[] whole = encode(RAW_ID, rawRecord("r-1", "KZ-ALA"));
        var deserializer = new ConfluentAvroDeserializer<RawMigrationRecord>(config, RawMigrationRecord.class);
        for (int length = 5; length < whole.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> deserializer.deserialize("kaz.raw.records", cut))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("kaz.raw.records");
        }
    }

    static RawMigrationRecord rawRecord(String id, String region) {
        RawMigrationRecord record = RegistryTestSupport.rawRecord(id);
        record.setRegion(region);
        return record;
    }

    static byte[] encode(int schemaId, SpecificRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }


    /** Writes Avro binary by hand, so a test can declare lengths that no encoder would write. */
    static final class Bombs {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        static Bombs header(int schemaId) {
            Bombs bombs = new Bombs();
            bombs.out.write(0);
            bombs.out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
            return bombs;
        }

        /** Zig-zag varint, as Avro encodes int and long. */
        Bombs varLong(long value) {
            long n = (value << 1) ^ (value >> 63);
            while ((n & ~0x7fL) != 0) {
                out.write((int) ((n & 0x7f) | 0x80));
                n >>>= 7;
            }
            out.write((int) n);
            return this;
        }

        Bombs emptyStrings(int count) {
            for (int i = 0; i < count; i++) {
                varLong(0);
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
