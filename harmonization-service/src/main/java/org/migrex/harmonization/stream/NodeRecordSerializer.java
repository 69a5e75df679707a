package org.migrex.harmonization.stream;

import org.apache.kafka.common.serialization.Serializer;
import org.migrex.serde.ConfluentAvroSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serializer of everything this service writes: Avro records in the Confluent wire format (subject
 * {@code <topic>-value}), strings as UTF-8 (keys), and byte arrays as they are (the original bytes of dead letters).
 */
public class NodeRecordSerializer implements Serializer<Object> {
    private final ConfluentAvroSerializer<org.apache.avro.specific.SpecificRecord> avro = new ConfluentAvroSerializer<>();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        avro.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof byte[] bytes) {
            return bytes;
        }
        if (data instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (data instanceof org.apache.avro.specific.SpecificRecord record) {
            return avro.serialize(topic, record);
        }
        throw new IllegalArgumentException("cannot serialize a " + data.getClass().getName() + " for topic " + topic);
    }

    @Override
    public void close() {
        avro.close();
    }
}
