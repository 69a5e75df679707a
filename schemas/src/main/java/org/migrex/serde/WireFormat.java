package org.migrex.serde;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte {@code 0}, the writer schema's registry id as a 4-byte big-endian int, then
 * the Avro binary encoding of the value.
 */
final class WireFormat {
    static final byte MAGIC = 0;
    static final int HEADER_LENGTH = 5;

    private static final Map<RegistryClientConfig, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private WireFormat() {
    }

    /** One client (and so one cache) per registry configuration in this JVM. */
    static SchemaRegistryClient client(RegistryClientConfig config) {
        return CLIENTS.computeIfAbsent(config, SchemaRegistryClient::new);
    }

    /** Id of the writer schema; fails, naming the topic, when the bytes are not in the wire format. */
    static int schemaId(String topic, byte[] data) {
        if (data.length < HEADER_LENGTH || data[0] != MAGIC) {
            throw new SerializationException("record on topic '" + topic + "' is not in the Confluent Avro wire format"
                    + " (expected magic byte 0 and a 4-byte schema id, got " + data.length + " bytes"
                    + (data.length > 0 ? " starting with " + data[0] : "") + ")");
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }

    static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
