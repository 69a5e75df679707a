package org.migrex.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.Test;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.RawMigrationRecord;

/**
 * The allocation bombs of {@link AvroAllocationBombTest} with schema ids that a real Apicurio registry gave, in a
 * test JVM with a 64 MB heap (schemas/pom.xml, execution {@code small-heap-it}).
 */
@EnabledIfSystemProperty(named = "migrex.test.small-heap", matches = "true",
        disabledReason = "runs only in the 64 MB execution of schemas/pom.xml")
class AvroAllocationBombIT {
    private static RegistryClientConfig config;
    private static int rawId;
    private static int datasetId;

    @BeforeAll
    static void registerSchemas() {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap of this test JVM").isLessThan(128L << 20);
        config = RegistryClientConfig.of(SharedRegistry.get().registryConfluentUrl());
        SchemaRegistryClient client = new SchemaRegistryClient(config);
        rawId = client.register("it.bomb.raw.records-value", RawMigrationRecord.getClassSchema());
        datasetId = client.register("exchange.BOMB.inbox-value", ExchangeDataset.getClassSchema());
    }

    @Test
    void aRawRecordDeclaringA2GbStringFailsAsASerializationExceptionAndTheNextRecordStillReads() {
        var deserializer = new ConfluentAvroDeserializer<RawMigrationRecord>(config, RawMigrationRecord.class);

        assertThatThrownBy(() -> deserializer.deserialize("it.bomb.raw.records",
                AvroAllocationBombTest.rawRecordDeclaringA2GbString(rawId)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("it.bomb.raw.records")
                .hasMessageContaining("declares 2147483000 bytes");
        RawMigrationRecord good = RegistryTestSupport.rawRecord("r-after-bomb");
        assertThat(deserializer.deserialize("it.bomb.raw.records", AvroAllocationBombTest.encode(rawId, good)))
                .isEqualTo(good);
    }

    @Test
    void anInboxDatasetDeclaringAHugeArrayOrA2GbSignatureFailsAsASerializationException() {
        var deserializer = new ConfluentAvroDeserializer<ExchangeDataset>(config, ExchangeDataset.class);

        assertThatThrownBy(() -> deserializer.deserialize("exchange.BOMB.inbox",
                AvroAllocationBombTest.datasetDeclaringAHugeArray(datasetId)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("exchange.BOMB.inbox")
                .hasMessageContaining("declares 2000000000 items");
        assertThatThrownBy(() -> deserializer.deserialize("exchange.BOMB.inbox",
                AvroAllocationBombTest.datasetDeclaringA2GbSignature(datasetId)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("declares 2147483000 bytes");
    }
}
