package dev.decoderlens.importer.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A reader for the protobuf wire format over one message held in memory: tags, varints, fixed-width numbers and
 * length-delimited fields (strings, bytes, nested messages, packed arrays). Only what ONNX files use; every read
 * checks bounds so that a truncated or foreign file ends in a {@link ProtoException}, never an index error or a hang.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    private final byte[] buf;
    private final int end;
    private int pos;
    private int lastTag;

    ProtoReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    private ProtoReader(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
    }

    /** A protobuf stream that cannot be read; {@code offset} is the absolute byte position in the file. */
    static final class ProtoException extends Exception {
        final long offset;

        ProtoException(String message, long offset) {
            super(message);
            this.offset = offset;
        }
    }

    boolean hasMore() {
        return pos < end;
    }

    int position() {
        return pos;
    }

    /** Reads the next tag; {@link #field()} and {@link #wireType()} describe it. */
    int readTag() throws ProtoException {
        long tag = readVarint();
        if (tag <= 0 || tag > 0xFFFFFFFFL || (tag >>> 3) == 0) {
            throw new ProtoException("invalid field tag " + tag, pos);
        }
        lastTag = (int) tag;
        return lastTag;
    }

    int field() {
        return lastTag >>> 3;
    }

    int wireType() {
        return lastTag & 7;
    }

    long readVarint() throws ProtoException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new ProtoException("the data ends inside a number", pos);
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new ProtoException("malformed varint", pos);
    }

    int readInt32() throws ProtoException {
        return (int) readVarint();
    }

    float readFixedFloat() throws ProtoException {
        need(4);
        float f = ByteBuffer.wrap(buf, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        pos += 4;
        return f;
    }

    double readFixedDouble() throws ProtoException {
        need(8);
        double d = ByteBuffer.wrap(buf, pos, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble();
        pos += 8;
        return d;
    }

    /** The bounds {from, to} of a length-delimited field's payload, consuming it. */
    private int[] readLengthBounds() throws ProtoException {
        long len = readVarint();
        if (len < 0 || len > end - pos) {
            throw new ProtoException("a field of " + len + " bytes runs past the end of the data", pos);
        }
        int from = pos;
        pos += (int) len;
        return new int[] {from, pos};
    }

    String readString() throws ProtoException {
        int[] b = readLengthBounds();
        return new String(buf, b[0], b[1] - b[0], StandardCharsets.UTF_8);
    }

    byte[] readBytes() throws ProtoException {
        int[] b = readLengthBounds();
        byte[] out = new byte[b[1] - b[0]];
        System.arraycopy(buf, b[0], out, 0, out.length);
        return out;
    }

    /** A reader over the nested message that follows. */
    ProtoReader readMessage() throws ProtoException {
        int[] b = readLengthBounds();
        return new ProtoReader(buf, b[0], b[1]);
    }

    /** Skips the current field's value whatever its wire type. */
    void skip() throws ProtoException {
        switch (wireType()) {
            case VARINT -> readVarint();
            case FIXED64 -> {
                need(8);
                pos += 8;
            }
            case LEN -> readLengthBounds();
            case FIXED32 -> {
                need(4);
                pos += 4;
            }
            default -> throw new ProtoException("unsupported wire type " + wireType(), pos);
        }
    }

    /** Appends a repeated varint field's values: packed (LEN) or one value per tag. */
    void readVarints(LongList out) throws ProtoException {
        if (wireType() == LEN) {
            ProtoReader packed = readMessage();
            while (packed.hasMore()) {
                out.add(packed.readVarint());
            }
        } else {
            expect(VARINT);
            out.add(readVarint());
        }
    }

    /** Appends a repeated float field's values: packed or one per tag. */
    void readFloats(FloatList out) throws ProtoException {
        if (wireType() == LEN) {
            ProtoReader packed = readMessage();
            if ((packed.end - packed.pos) % 4 != 0) {
                throw new ProtoException("packed floats of odd length", pos);
            }
            while (packed.hasMore()) {
                out.add(packed.readFixedFloat());
            }
        } else {
            expect(FIXED32);
            out.add(readFixedFloat());
        }
    }

    /** Appends a repeated double field's values (as floats, which is all the engine keeps). */
    void readDoubles(FloatList out) throws ProtoException {
        if (wireType() == LEN) {
            ProtoReader packed = readMessage();
            while (packed.hasMore()) {
                out.add((float) packed.readFixedDouble());
            }
        } else {
            expect(FIXED64);
            out.add((float) readFixedDouble());
        }
    }

    void expect(int wireType) throws ProtoException {
        if (wireType() != wireType) {
            throw new ProtoException("field " + field() + " has wire type " + wireType() + ", expected " + wireType, pos);
        }
    }

    private void need(int n) throws ProtoException {
        if (end - pos < n) {
            throw new ProtoException("the data ends inside a " + n + "-byte value", pos);
        }
    }

    /** A growable long array (no boxing: int64_data can hold millions of values). */
    static final class LongList {
        private long[] a = new long[8];
        private int n;

        void add(long v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    /** A growable float array. */
    static final class FloatList {
        private float[] a = new float[8];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
