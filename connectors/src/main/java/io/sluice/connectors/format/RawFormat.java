package io.sluice.connectors.format;

import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.types.RowSchema;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Set;

/**
 * Flink's {@code raw} format: the whole record is the value of the table's single column, as text
 * in {@code raw.charset} (UTF-8 by default). A null column is a null record (a Kafka tombstone) and
 * the other way round, so the serializer returns null for a null column.
 *
 * <p>Flink's raw format also carries BYTES and numeric columns; Sluice has no BYTES type yet, so the
 * column must be CHAR, VARCHAR or STRING. Bytes that are not valid in the charset are replaced, as
 * {@link String#String(byte[], Charset)} does (and as Flink does): raw records are never malformed.
 */
public final class RawFormat implements Format {
    public static final String NAME = "raw";
    static final String CHARSET = "raw.charset";
    static final Set<String> OPTIONS = Set.of(CHARSET);

    private final Charset charset;

    RawFormat(RowSchema schema, ConnectorOptions options, String prefix, String formatKey) {
        if (schema.size() != 1 || !schema.type(0).root().isCharacter()) {
            throw options.error("format 'raw' (option '" + formatKey + "') needs exactly one column of type STRING,"
                    + " VARCHAR or CHAR, but the columns it would hold are " + describe(schema));
        }
        String name = options.get(prefix + CHARSET, "UTF-8").trim();
        try {
            this.charset = Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw options.invalid(prefix + CHARSET, name, "a charset this JVM supports, such as 'UTF-8'");
        }
    }

    private static String describe(RowSchema schema) {
        if (schema.size() == 0) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < schema.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(schema.name(i)).append(' ').append(schema.type(i));
        }
        return text.toString();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "raw";
    }

    @Override
    public boolean ignoreParseErrors() {
        return false;
    }

    @Override
    public RowDeserializer createDeserializer() {
        return new RowDeserializer() {
            @Override
            public Object[] deserialize(String record) {
                return new Object[] {record};
            }

            /** A null record (a tombstone) is a row whose column is null. */
            @Override
            public Object[] deserialize(byte[] record) {
                return new Object[] {record == null ? null : new String(record, charset)};
            }
        };
    }

    @Override
    public RowSerializer createSerializer() {
        return new RowSerializer() {
            /** Returns null for a null column: a Kafka sink writes it as a tombstone. */
            @Override
            public byte[] serialize(Object[] row) {
                return row[0] == null ? null : ((String) row[0]).getBytes(charset);
            }

            @Override
            public String serializeToString(Object[] row) {
                return (String) row[0];
            }
        };
    }
}
