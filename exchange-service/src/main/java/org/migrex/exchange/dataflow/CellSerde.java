package org.migrex.exchange.dataflow;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary serde of a {@link MigrFlowCell} inside the topology (repartition topic and state stores): the number of
 * codes as a 4-byte int, then each code as a 2-byte length and its UTF-8 bytes. No text is split on the way back,
 * so a code that contained the key separator {@code |} would still round-trip.
 */
public final class CellSerde implements Serde<MigrFlowCell>, Serializer<MigrFlowCell>, Deserializer<MigrFlowCell> {

    @Override
    public byte[] serialize(String topic, MigrFlowCell cell) {
        if (cell == null) {
            return null;
        }
        List<byte[]> codes = new ArrayList<>(cell.codes().size());
        int size = 4;
        for (String code : cell.codes()) {
            byte[] bytes = code.getBytes(StandardCharsets.UTF_8);
            codes.add(bytes);
            size += 2 + bytes.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).putInt(codes.size());
        for (byte[] code : codes) {
            out.putShort((short) code.length).put(code);
        }
        return out.array();
    }

    @Override
    public MigrFlowCell deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        int n = in.getInt();
        List<String> codes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] code = new byte[in.getShort()];
            in.get(code);
            codes.add(new String(code, StandardCharsets.UTF_8));
        }
        return new MigrFlowCell(codes);
    }

    @Override
    public Serializer<MigrFlowCell> serializer() {
        return this;
    }

    @Override
    public Deserializer<MigrFlowCell> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public void close() {
    }
}
