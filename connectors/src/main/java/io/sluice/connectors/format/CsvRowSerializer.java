package io.sluice.connectors.format;

import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import java.nio.charset.StandardCharsets;

/** Writes a row as one CSV record, quoting a field only when it needs it. */
final class CsvRowSerializer implements RowSerializer {
    private final LogicalType[] types;
    private final char delimiter;
    private final char quote;
    private final String nullLiteral;
    private final StringBuilder line = new StringBuilder(256);

    CsvRowSerializer(RowSchema schema, char delimiter, char quote, String nullLiteral) {
        this.types = schema.types().toArray(new LogicalType[0]);
        this.delimiter = delimiter;
        this.quote = quote;
        this.nullLiteral = nullLiteral;
    }

    @Override
    public byte[] serialize(Object[] row) {
        return serializeToString(row).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String serializeToString(Object[] row) {
        line.setLength(0);
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                line.append(delimiter);
            }
            Object value = row[i];
            if (value == null) {
                if (nullLiteral != null) {
                    line.append(nullLiteral);
                }
            } else {
                appendField(TextValues.format(value, types[i], false));
            }
        }
        return line.toString();
    }

    private void appendField(String text) {
        if (quote == CsvFormat.NO_QUOTE || !needsQuotes(text)) {
            line.append(text);
            return;
        }
        line.append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote) {
                line.append(quote);
            }
            line.append(c);
        }
        line.append(quote);
    }

    private boolean needsQuotes(String text) {
        if (text.isEmpty()) {
            return nullLiteral != null;
        }
        if (text.equals(nullLiteral) || text.charAt(0) == '#') {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == delimiter || c == quote || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
