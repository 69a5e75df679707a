package org.migrex.harmonization.stream;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Plain Avro binary (no registry) for the TopologyTestDriver tests: the topology is what they test, the
 * Confluent-wire serde has its own tests against a real registry. Writes any specific record, reads {@code type}.
 */
final class AvroBinarySerde<T extends SpecificRecord> implements Serde<T> {
    private final Schema readerSchema;

    AvroBinarySerde(Class<T> type) {
        this.readerSchema = SpecificData.get().getSchema(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            try {
                new SpecificDatumWriter<SpecificRecord>(value.getSchema()).write(value, encoder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return new SpecificDatumReader<T>(readerSchema).read(null, DecoderFactory.get().binaryDecoder(data, null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** A serde for any specific record on the write side (the test reads each output with its own type). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Serde<SpecificRecord> anyRecord() {
        return (Serde) new AvroBinarySerde<>(org.migrex.schema.HarmonizedMigrationEvent.class);
    }
}
