package io.sluice.executor.state;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The parts of a typed state's key inside a key group; the layout is documented on {@link KeyedState}. */
final class StateLayout {
    static final byte LONG_NAMESPACE = 1;
    static final byte BYTES_NAMESPACE = 2;
    static final int LONG_NAMESPACE_SIZE = 9;
    static final byte[] LONG_NAMESPACE_TAG = {LONG_NAMESPACE};
    static final int MAX_NAME_BYTES = 255;

    private StateLayout() {
    }

    static byte[] stateId(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length == 0 || utf8.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("a state name has 1 to " + MAX_NAME_BYTES + " UTF-8 bytes: '" + name + "'");
        }
        byte[] id = new byte[utf8.length + 1];
        id[0] = (byte) utf8.length;
        System.arraycopy(utf8, 0, id, 1, utf8.length);
        return id;
    }

    /** The sign bit flipped and big-endian: unsigned byte order is signed numeric order. */
    static byte[] namespace(long namespace) {
        byte[] bytes = new byte[LONG_NAMESPACE_SIZE];
        bytes[0] = LONG_NAMESPACE;
        KeyBytes.putLong(bytes, 1, namespace ^ Long.MIN_VALUE);
        return bytes;
    }

    static long longNamespaceAt(byte[] key, int offset) {
        return KeyBytes.getLong(key, offset + 1) ^ Long.MIN_VALUE;
    }

    /** Length-prefixed, so no namespace's bytes start another's. */
    static byte[] namespace(byte[] namespace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(namespace.length + 6);
        try {
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(BYTES_NAMESPACE);
            StateCodec.writeVarInt(out, namespace.length);
            out.write(namespace);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
