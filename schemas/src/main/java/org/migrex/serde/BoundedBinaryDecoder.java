package org.migrex.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of one record held in a byte array, where no declared length can make the reader allocate
 * more than the record could hold.
 *
 * <p>Avro's own {@code BinaryDecoder} allocates a string, bytes or collection of the declared length before it reads
 * the content, so ten bytes declaring a 2 GB string throw {@code OutOfMemoryError}. Here a string or bytes value may
 * declare at most the bytes that remain in the record, and an array or map block at most one item per remaining
 * byte (every item of a Migrex schema takes at least one byte; an array of {@code null} or of empty records longer
 * than the rest of the record is refused, too). Avro's JVM-wide limits ({@code org.apache.avro.limits.*}, see
 * {@link SystemLimitException}) apply on top.
 */
final class BoundedBinaryDecoder extends Decoder {
    private final byte[] buf;
    private final int limit;
    private final String what;
    private int pos;
    private long collectionItems;

    /**
     * @param what names the record in error messages, e.g. {@code record on topic 'kaz.raw.records' (10 bytes)}
     */
    BoundedBinaryDecoder(byte[] data, int offset, String what) {
        this.buf = data;
        this.pos = offset;
        this.limit = data.length;
        this.what = what;
    }

    private int remaining() {
        return limit - pos;
    }

    @Override
    public void readNull() {
    }

    @Override
    public boolean readBoolean() throws IOException {
        ensure(1);
        return buf[pos++] == 1;
    }

    @Override
    public int readInt() throws IOException {
        long n = 0;
        int shift = 0;
        int b;
        do {
            ensure(1);
            b = buf[pos++] & 0xff;
            n |= (long) (b & 0x7f) << shift;
            shift += 7;
            if (shift > 35 || (shift == 35 && (b & 0x70) != 0)) {
                throw new IOException("invalid int encoding in the " + what);
            }
        } while ((b & 0x80) != 0);
        int unsigned = (int) n;
        return (unsigned >>> 1) ^ -(unsigned & 1);
    }

    @Override
    public long readLong() throws IOException {
        long n = 0;
        int shift = 0;
        int b;
        do {
            ensure(1);
            b = buf[pos++] & 0xff;
            if (shift == 63 && (b & 0x7e) != 0) {
                throw new IOException("invalid long encoding in the " + what);
            }
            n |= (long) (b & 0x7f) << shift;
            shift += 7;
            if (shift > 63 && (b & 0x80) != 0) {
                throw new IOException("invalid long encoding in the " + what);
            }
        } while ((b & 0x80) != 0);
        return (n >>> 1) ^ -(n & 1);
    }

    @Override
    public float readFloat() throws IOException {
        ensure(4);
        int bits = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16
                | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return Float.intBitsToFloat(bits);
    }

    @Override
    public double readDouble() throws IOException {
        ensure(8);
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = bits << 8 | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = declaredLength("string", SystemLimitException.checkMaxStringLength(readLong()));
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        System.arraycopy(buf, pos, result.getBytes(), 0, length);
        pos += length;
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = declaredLength("string", SystemLimitException.checkMaxStringLength(readLong()));
        String result = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return result;
    }

    @Override
    public void skipString() throws IOException {
        skip(declaredLength("string", readLong()));
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = declaredLength("bytes value", SystemLimitException.checkMaxBytesLength(readLong()));
        ByteBuffer result;
        if (old != null && old.hasArray() && length <= old.capacity()) {
            result = old;
            result.clear();
        } else {
            result = ByteBuffer.allocate(length);
        }
        System.arraycopy(buf, pos, result.array(), result.arrayOffset() + result.position(), length);
        pos += length;
        result.limit(length);
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        skip(declaredLength("bytes value", readLong()));
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        ensure(length);
        System.arraycopy(buf, pos, bytes, start, length);
        pos += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        skip(length);
    }

    @Override
    public int readEnum() throws IOException {
        return readInt();
    }

    @Override
    public long readArrayStart() throws IOException {
        return firstBlock("array");
    }

    @Override
    public long arrayNext() throws IOException {
        return nextBlock("array");
    }

    @Override
    public long skipArray() throws IOException {
        return skipItems("array");
    }

    @Override
    public long readMapStart() throws IOException {
        return firstBlock("map");
    }

    @Override
    public long mapNext() throws IOException {
        return nextBlock("map");
    }

    /** The item count of a collection's first block, checked against Avro's collection limit. */
    private long firstBlock(String kind) throws IOException {
        long count = itemCount(kind);
        collectionItems = SystemLimitException.checkMaxCollectionLength(0L, count);
        return count;
    }

    /** The item count of a collection's next block; the limit applies to the items so far plus these. */
    private long nextBlock(String kind) throws IOException {
        long count = itemCount(kind);
        collectionItems = SystemLimitException.checkMaxCollectionLength(collectionItems, count);
        return count;
    }

    @Override
    public long skipMap() throws IOException {
        return skipItems("map");
    }

    @Override
    public int readIndex() throws IOException {
        return readInt();
    }

    /** Item count of the next block; a negative count is followed by the block's byte size, which is read over. */
    private long itemCount(String kind) throws IOException {
        long count = readLong();
        if (count < 0) {
            readLong();
            count = -count;
        }
        return declaredItems(kind, count);
    }

    private long skipItems(String kind) throws IOException {
        long count = readLong();
        while (count < 0) {
            skip(declaredLength(kind + " block", readLong()));
            count = readLong();
        }
        return declaredItems(kind, count);
    }

    private long declaredItems(String kind, long count) throws IOException {
        if (count < 0 || count > remaining()) {
            throw new IOException("an " + kind + " in the " + what + " declares " + count + " items, but only "
                    + remaining() + " bytes of the record remain (each item takes at least one byte)");
        }
        return count;
    }

    private int declaredLength(String kind, long length) throws IOException {
        if (length < 0 || length > remaining()) {
            throw new IOException("a " + kind + " in the " + what + " declares " + length + " bytes, but only "
                    + remaining() + " bytes of the record remain");
        }
        return (int) length;
    }

    private void skip(long length) throws IOException {
        ensure(length);
        pos += (int) length;
    }

    private void ensure(long length) throws IOException {
        if (length < 0 || length > remaining()) {
            throw new EOFException("the " + what + " ends early: " + length + " more bytes needed at offset " + pos
                    + ", " + remaining() + " left");
        }
    }
}
