package io.sluice.connectors.format;

/**
 * Decodes one record of a format into a row of the schema it was made for ({@code Object[]} with
 * the carriers of {@link io.sluice.executor.types.TypeRoot}). Not thread-safe: make one per reader.
 */
public interface RowDeserializer {

    /**
     * Decodes a record; returns a new row, or null when the record holds no row (a CSV comment).
     *
     * @throws MalformedRecordException when the record cannot be decoded
     */
    Object[] deserialize(String record) throws MalformedRecordException;

    /** Decodes a UTF-8 record, e.g. a Kafka message value. */
    Object[] deserialize(byte[] record) throws MalformedRecordException;

    /**
     * Decodes the valid UTF-8 record in {@code length} bytes of {@code buffer} from {@code offset};
     * the bytes are not kept. Only called when {@link #decodesLineBytes()}.
     */
    default Object[] deserialize(byte[] buffer, int offset, int length) throws MalformedRecordException {
        return deserialize(java.util.Arrays.copyOfRange(buffer, offset, offset + length));
    }

    /**
     * Whether a line-based reader may hand over its lines as UTF-8 bytes
     * ({@link #deserialize(byte[], int, int)}) rather than text: true when every line is a whole
     * record and decoding the bytes gives what decoding the line's text would.
     */
    default boolean decodesLineBytes() {
        return false;
    }

    /**
     * Whether {@code text} is a whole record, for line-based readers: a CSV line that ends inside a
     * quoted field continues on the next line.
     */
    default boolean isCompleteRecord(String text) {
        return true;
    }
}
