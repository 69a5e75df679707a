package org.migrex.exchange.sending;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Plain Avro binary, no registry: for TopologyTestDriver tests only. */
public final class AvroBinarySerde {
    private AvroBinarySerde() {
    }

    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(type);
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                var out = new ByteArrayOutputStream();
                var encoder = EncoderFactory.get().binaryEncoder(out, null);
                writer.write(value, encoder);
                encoder.flush();
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            } catch (IOException | RuntimeException e) {
                throw new org.apache.kafka.common.errors.SerializationException("not Avro " + type.getSimpleName(), e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
