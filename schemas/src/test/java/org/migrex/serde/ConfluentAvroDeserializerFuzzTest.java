package org.migrex.serde;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.migrex.schema.ExchangeDataset;
import org.migrex.schema.QuarantinedRecord;
import org.migrex.schema.RawMigrationRecord;

/**
 * Coverage-guided fuzz test (Jazzer) of the deserializer on hostile bytes: any record body after a valid header for
 * the raw record, the exchanged dataset or the quarantined record. The only allowed failure is a
 * {@link SerializationException} (the consumer's dead-letter path); an {@code OutOfMemoryError}, a hang or any other
 * throwable is a finding. Seeds and regressions: {@code src/test/resources/org/migrex/serde/
 * ConfluentAvroDeserializerFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}.
 */
class ConfluentAvroDeserializerFuzzTest {
    private static final Class<?>[] TYPES = {RawMigrationRecord.class, ExchangeDataset.class, QuarantinedRecord.class};
    private static final StubRegistry REGISTRY = new StubRegistry(Map.of(1, RawMigrationRecord.getClassSchema(),
            2, ExchangeDataset.getClassSchema(), 3, QuarantinedRecord.getClassSchema()));
    private static final ConfluentAvroDeserializer<?>[] DESERIALIZERS = {
            new ConfluentAvroDeserializer<>(REGISTRY.config(), TYPES[0], 64 * 1024),
            new ConfluentAvroDeserializer<>(REGISTRY.config(), TYPES[1], 64 * 1024),
            new ConfluentAvroDeserializer<>(REGISTRY.config(), TYPES[2], 64 * 1024)};

    @AfterAll
    static void stop() {
        REGISTRY.close();
    }

    @FuzzTest(maxDuration = "10s")
    void hostileRecordBodies(FuzzedDataProvider data) {
        int type = data.consumeInt(0, 2);
        byte[] body = data.consumeRemainingAsBytes();
        byte[] record = ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(type + 1).put(body).array();
        try {
            DESERIALIZERS[type].deserialize("fuzz.topic", record);
        } catch (SerializationException expected) {
            // undecodable: goes to the dead-letter topic
        }
    }
}
