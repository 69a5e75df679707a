package org.migrex.exchange.dataflow;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary serde of a {@link Cell} inside the topology (the {@code cell-deltas} repartition topic, the
 * {@code cell-counts} and {@code record-permits} state stores and their changelogs). No text is split on the way
 * back, so a code that contained the key separator {@code |} would still round-trip.
 *
 * <p>One topic and one store hold the cells of every dataflow, told apart by the encoding, rather than one store per
 * dataflow: the deltas of all dataflows meet in the one count table and the one period-partitioned
 * {@code <cc>.aggregates}, so a new dataflow needs no new topic, store, changelog or binding.
 * <ul>
 *   <li>{@code MIGR_FLOW} ({@link Dataflows#UNPREFIXED}): the number of codes as a 4-byte int (never negative), then
 *       each code as a 2-byte length and its UTF-8 bytes. This is the encoding from before there was a second
 *       dataflow, byte for byte: the count store is keyed by these bytes, so a running node's counts stay valid.</li>
 *   <li>Any other dataflow: the 4-byte int {@value #TAGGED}, the dataflow id as a 2-byte length and its UTF-8 bytes,
 *       then the codes as above (count, then length and bytes each).</li>
 * </ul>
 */
public final class CellSerde implements Serde<Cell>, Serializer<Cell>, Deserializer<Cell> {
    /** The first int of a cell that names its dataflow. */
    static final int TAGGED = -1;

    @Override
    public byte[] serialize(String topic, Cell cell) {
        if (cell == null) {
            return null;
        }
        boolean tagged = cell.dataflow() != Dataflows.UNPREFIXED;
        byte[] id = tagged ? cell.dataflow().id().getBytes(StandardCharsets.UTF_8) : null;
        List<byte[]> codes = new ArrayList<>(cell.codes().size());
        int size = 4 + (tagged ? 4 + 2 + id.length : 0);
        for (String code : cell.codes()) {
            byte[] bytes = code.getBytes(StandardCharsets.UTF_8);
            codes.add(bytes);
            size += 2 + bytes.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        if (tagged) {
            out.putInt(TAGGED).putShort((short) id.length).put(id);
        }
        out.putInt(codes.size());
        for (byte[] code : codes) {
            out.putShort((short) code.length).put(code);
        }
        return out.array();
    }

    @Override
    public Cell deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            int first = in.getInt();
            Dataflow<?> dataflow = Dataflows.UNPREFIXED;
            int n = first;
            if (first == TAGGED) {
                String id = string(in);
                dataflow = Dataflows.find(id).orElseThrow(() -> new IllegalArgumentException("cell of dataflow '"
                        + id + "', which this node does not know; it knows " + Dataflows.ids()));
                n = in.getInt();
            }
            if (n < 0 || n > data.length) {
                throw new IllegalArgumentException("cell bytes announce " + n + " codes");
            }
            List<String> codes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                codes.add(string(in));
            }
            return new Cell(dataflow, codes);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("cell bytes are truncated", e);
        }
    }

    private static String string(ByteBuffer in) {
        byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public Serializer<Cell> serializer() {
        return this;
    }

    @Override
    public Deserializer<Cell> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public void close() {
    }
}
