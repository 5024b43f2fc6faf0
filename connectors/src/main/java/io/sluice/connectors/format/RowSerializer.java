package io.sluice.connectors.format;

import java.nio.charset.StandardCharsets;

/**
 * Encodes a row of the schema it was made for as one record (UTF-8 text without a line end).
 * Not thread-safe: make one per writer.
 */
public interface RowSerializer {

    byte[] serialize(Object[] row);

    default String serializeToString(Object[] row) {
        return new String(serialize(row), StandardCharsets.UTF_8);
    }
}
