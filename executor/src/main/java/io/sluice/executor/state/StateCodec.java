package io.sluice.executor.state;

import io.sluice.executor.data.RowKey;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The binary form of state values: the carriers of row values ({@code null}, Boolean, Byte, Short,
 * Integer, Long, Float, Double, BigDecimal, String) and the shapes aggregate states are made of
 * ({@code Object[]}, {@code Set}, {@code List}, {@code Map}, {@code byte[]}), nested freely.
 *
 * <p>Each value is a one-byte tag and a payload: integers as zig-zag varints, floats as their IEEE
 * bits, decimals as scale and unscaled two's-complement bytes, strings as UTF-8, containers as a
 * varint size and their elements. {@link #encode} puts the format {@link #VERSION} in front;
 * {@link #write} does not, so a stream of values (a snapshot file) records the version once.
 *
 * <p>{@link #encodeKey} is the form of a grouping key inside state keys. It is prefix-free (no
 * key's bytes start another key's), deterministic, and maps equal {@link RowKey}s to equal bytes
 * and unequal ones to unequal bytes: DECIMAL values are written without trailing zeros, so 1.0 and
 * 1.00 are one key and {@link #decodeKey} returns it as 1. It is not order-preserving.
 */
public final class StateCodec {
    /** The version of this encoding, the first byte of every {@link #encode} result. */
    public static final int VERSION = 1;

    private static final int NULL = 0;
    private static final int FALSE = 1;
    private static final int TRUE = 2;
    private static final int BYTE = 3;
    private static final int SHORT = 4;
    private static final int INT = 5;
    private static final int LONG = 6;
    private static final int FLOAT = 7;
    private static final int DOUBLE = 8;
    private static final int DECIMAL = 9;
    private static final int STRING = 10;
    private static final int ARRAY = 11;
    private static final int SET = 12;
    private static final int LIST = 13;
    private static final int MAP = 14;
    private static final int BYTES = 15;

    private static final int MAX_CACHED_KEY_ARITY = 16;
    private static final int[][] IDENTITY_FIELDS = new int[MAX_CACHED_KEY_ARITY + 1][];

    static {
        for (int n = 0; n <= MAX_CACHED_KEY_ARITY; n++) {
            IDENTITY_FIELDS[n] = identity(n);
        }
    }

    private StateCodec() {
    }

    public static byte[] encode(Object value) {
        ByteSink sink = new ByteSink(16);
        try {
            DataOutputStream out = new DataOutputStream(sink);
            out.writeByte(VERSION);
            write(out, value, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return sink.toByteArray();
    }

    public static Object decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("corrupt state value: empty");
        }
        if (bytes[0] != VERSION) {
            throw new IllegalArgumentException("state value encoded with codec version " + bytes[0]
                    + ", this version of Sluice reads version " + VERSION);
        }
        Reader reader = new Reader(bytes, 1);
        Object value = reader.value();
        if (reader.position() != bytes.length) {
            throw new IllegalArgumentException("corrupt state value: " + (bytes.length - reader.position())
                    + " trailing bytes");
        }
        return value;
    }

    /** Writes one value without a version byte. */
    public static void write(DataOutput out, Object value) throws IOException {
        write(out, value, false);
    }

    /** Reads one value written by {@link #write}. */
    public static Object read(DataInput in) throws IOException {
        return read(in, in.readUnsignedByte());
    }

    public static byte[] encodeKey(RowKey key) {
        ByteSink sink = new ByteSink(8 + 8 * key.size());
        try {
            writeKey(new DataOutputStream(sink), key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    public static RowKey decodeKey(byte[] bytes) {
        Reader reader = new Reader(bytes, 0);
        RowKey key = reader.key();
        if (reader.position() != bytes.length) {
            throw new IllegalArgumentException("corrupt state key: " + (bytes.length - reader.position())
                    + " trailing bytes");
        }
        return key;
    }

    static void writeKey(DataOutput out, RowKey key) throws IOException {
        writeVarInt(out, key.size());
        for (int i = 0; i < key.size(); i++) {
            write(out, key.get(i), true);
        }
    }

    /** The key form of one value: as {@link #write}, with DECIMALs normalized. Prefix-free. */
    static byte[] encodeKeyValue(Object value) {
        ByteSink sink = new ByteSink(16);
        try {
            write(new DataOutputStream(sink), value, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    /** A reader of values and keys at a position of a byte array, for parsing composite state keys. */
    static Reader reader(byte[] bytes, int offset) {
        return new Reader(bytes, offset);
    }

    private static void write(DataOutput out, Object value, boolean asKey) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            writeVarLong(out, zigZag(i));
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            writeVarLong(out, zigZag(l));
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToLongBits(d)); // canonical NaN, as Double.equals
        } else if (value instanceof BigDecimal d) {
            BigDecimal decimal = asKey ? d.stripTrailingZeros() : d;
            out.writeByte(DECIMAL);
            writeVarLong(out, zigZag(decimal.scale()));
            writeBytes(out, decimal.unscaledValue().toByteArray());
        } else if (value instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeInt(Float.floatToIntBits(f));
        } else if (value instanceof Short s) {
            out.writeByte(SHORT);
            out.writeShort(s);
        } else if (value instanceof Byte b) {
            out.writeByte(BYTE);
            out.writeByte(b);
        } else if (value instanceof Object[] array) {
            out.writeByte(ARRAY);
            writeVarInt(out, array.length);
            for (Object element : array) {
                write(out, element, asKey);
            }
        } else if (value instanceof byte[] bytes) {
            out.writeByte(BYTES);
            writeBytes(out, bytes);
        } else if (value instanceof Set<?> set) {
            out.writeByte(SET);
            writeElements(out, set, asKey);
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            writeElements(out, list, asKey);
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            writeVarInt(out, map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                write(out, entry.getKey(), asKey);
                write(out, entry.getValue(), asKey);
            }
        } else {
            throw new IllegalArgumentException("state cannot hold a " + value.getClass().getName()
                    + ": only SQL value carriers, Object[], byte[], Set, List and Map");
        }
    }

    private static void writeElements(DataOutput out, Collection<?> elements, boolean asKey)
            throws IOException {
        writeVarInt(out, elements.size());
        int written = 0;
        for (Object element : elements) {
            write(out, element, asKey);
            written++;
        }
        if (written != elements.size()) {
            throw new IllegalStateException("collection changed while it was encoded");
        }
    }

    private static Object read(DataInput in, int tag) throws IOException {
        switch (tag) {
            case NULL:
                return null;
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case BYTE:
                return in.readByte();
            case SHORT:
                return in.readShort();
            case INT:
                return (int) unZigZag(readVarLong(in));
            case LONG:
                return unZigZag(readVarLong(in));
            case FLOAT:
                return Float.intBitsToFloat(in.readInt());
            case DOUBLE:
                return Double.longBitsToDouble(in.readLong());
            case DECIMAL: {
                int scale = (int) unZigZag(readVarLong(in));
                return new BigDecimal(new BigInteger(readBytes(in)), scale);
            }
            case STRING:
                return new String(readBytes(in), StandardCharsets.UTF_8);
            case ARRAY: {
                Object[] array = new Object[readSize(in)];
                for (int i = 0; i < array.length; i++) {
                    array[i] = read(in);
                }
                return array;
            }
            case BYTES:
                return readBytes(in);
            case SET: {
                int size = readSize(in);
                Set<Object> set = new LinkedHashSet<>(Math.max(4, size * 4 / 3 + 1));
                for (int i = 0; i < size; i++) {
                    set.add(read(in));
                }
                return set;
            }
            case LIST: {
                int size = readSize(in);
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(read(in));
                }
                return list;
            }
            case MAP: {
                int size = readSize(in);
                Map<Object, Object> map = new LinkedHashMap<>(Math.max(4, size * 4 / 3 + 1));
                for (int i = 0; i < size; i++) {
                    Object key = read(in);
                    map.put(key, read(in));
                }
                return map;
            }
            default:
                throw new IllegalArgumentException("corrupt state: unknown value tag " + tag);
        }
    }

    private static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unZigZag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    static void writeVarInt(DataOutput out, int value) throws IOException {
        if (value < 0) {
            throw new IllegalArgumentException("negative size " + value);
        }
        writeVarLong(out, value);
    }

    private static void writeVarLong(DataOutput out, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    static int readVarInt(DataInput in) throws IOException {
        long value = readVarLong(in);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("corrupt state: size " + value);
        }
        return (int) value;
    }

    private static long readVarLong(DataInput in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("corrupt state: varint longer than 10 bytes");
    }

    private static int readSize(DataInput in) throws IOException {
        return readVarInt(in);
    }

    private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        writeVarInt(out, bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInput in) throws IOException {
        byte[] bytes = new byte[readSize(in)];
        in.readFully(bytes);
        return bytes;
    }

    private static int[] identity(int n) {
        int[] fields = new int[n];
        for (int i = 0; i < n; i++) {
            fields[i] = i;
        }
        return fields;
    }

    /** Values and keys read from a byte array from a position on; tells how far it has read. */
    static final class Reader {
        private final ByteSource source;
        private final DataInputStream in;

        private Reader(byte[] bytes, int offset) {
            this.source = new ByteSource(bytes, offset);
            this.in = new DataInputStream(source);
        }

        int position() {
            return source.position;
        }

        Object value() {
            try {
                return read(in);
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        RowKey key() {
            try {
                int size = readSize(in);
                Object[] values = new Object[size];
                for (int i = 0; i < size; i++) {
                    values[i] = read(in);
                }
                return RowKey.of(values, size <= MAX_CACHED_KEY_ARITY ? IDENTITY_FIELDS[size] : identity(size));
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        private static IllegalArgumentException corrupt(IOException e) {
            return new IllegalArgumentException("corrupt state: value ends early", e);
        }
    }

    /** An unsynchronized growing byte array output. */
    private static final class ByteSink extends OutputStream {
        private byte[] buffer;
        private int count;

        ByteSink(int capacity) {
            buffer = new byte[capacity];
        }

        @Override
        public void write(int b) {
            ensure(1);
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buffer, count, len);
            count += len;
        }

        private void ensure(int extra) {
            if (count + extra > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + extra));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, count);
        }
    }

    /** An unsynchronized input over a byte array that knows its position. */
    private static final class ByteSource extends InputStream {
        private final byte[] bytes;
        private int position;

        ByteSource(byte[] bytes, int offset) {
            this.bytes = bytes;
            this.position = offset;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = Math.min(len, bytes.length - position);
            if (n <= 0) {
                return -1;
            }
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }
    }
}
