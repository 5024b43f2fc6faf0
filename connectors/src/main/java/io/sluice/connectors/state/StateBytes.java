package io.sluice.connectors.state;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The byte layout shared by the connectors' checkpoint states: a magic tag naming the connector, a
 * format version, then the connector's fields written with {@link DataOutputStream}. Strings are
 * length-prefixed UTF-8 (no 64 KiB limit, unlike {@code writeUTF}).
 */
public final class StateBytes {
    private StateBytes() {
    }

    /** Writes one state. */
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads one state. */
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    public static byte[] encode(int magic, int version, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            out.writeInt(version);
            writer.write(out);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a state written by {@link #encode}; a state of another connector, another version or
     * with trailing or missing bytes fails naming {@code what}, e.g.
     * {@code Table 'gen': the datagen state of the checkpoint}.
     */
    public static <T> T decode(byte[] state, int magic, int version, String what, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readInt() != magic) {
                throw corrupt(what, "it was written by another connector");
            }
            int found = in.readInt();
            if (found != version) {
                throw corrupt(what, "its format version is " + found + ", this build reads version " + version);
            }
            T value = reader.read(in);
            if (in.read() != -1) {
                throw corrupt(what, "it has trailing bytes");
            }
            return value;
        } catch (IOException e) {
            throw corrupt(what, "it is truncated (" + e + ")");
        }
    }

    public static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("string length " + length + " exceeds the state");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** A count read from a state, checked against the bytes left so a corrupt state cannot allocate wildly. */
    public static int readCount(DataInputStream in, int minBytesPerItem) throws IOException {
        int count = in.readInt();
        if (count < 0 || (long) count * minBytesPerItem > in.available()) {
            throw new IOException("item count " + count + " exceeds the state");
        }
        return count;
    }

    public static SluiceException corrupt(String what, String reason) {
        return new SluiceException(ErrorCode.INTERNAL_ERROR, what + " cannot be restored: " + reason);
    }
}
