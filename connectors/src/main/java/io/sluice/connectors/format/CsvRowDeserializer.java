package io.sluice.connectors.format;

import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a CSV record into fields (quoted fields may hold delimiters, line breaks and doubled
 * quotes) and converts each by its column's type. An empty field is null for every type but
 * strings; an unquoted field equal to the null literal is null for every type.
 */
final class CsvRowDeserializer implements RowDeserializer {
    private final RowSchema schema;
    private final LogicalType[] types;
    private final ZoneId zone;
    private final char delimiter;
    private final char quote;
    private final boolean allowComments;
    private final String nullLiteral;
    private final boolean lenientArity;
    private final List<String> fields = new ArrayList<>();
    private final List<Boolean> quoted = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();

    CsvRowDeserializer(RowSchema schema, ZoneId zone, char delimiter, char quote, boolean allowComments,
            String nullLiteral, boolean lenientArity) {
        this.schema = schema;
        this.types = schema.types().toArray(new LogicalType[0]);
        this.zone = zone;
        this.delimiter = delimiter;
        this.quote = quote;
        this.allowComments = allowComments;
        this.nullLiteral = nullLiteral;
        this.lenientArity = lenientArity;
    }

    @Override
    public boolean isCompleteRecord(String text) {
        if (quote == CsvFormat.NO_QUOTE || isComment(text)) {
            return true;
        }
        boolean inQuotes = false;
        boolean fieldStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == quote) {
                    if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                        i++;
                    } else {
                        inQuotes = false;
                    }
                }
            } else if (c == quote && fieldStart) {
                inQuotes = true;
                fieldStart = false;
            } else {
                fieldStart = c == delimiter;
            }
        }
        return !inQuotes;
    }

    @Override
    public Object[] deserialize(byte[] record) throws MalformedRecordException {
        return deserialize(new String(record, StandardCharsets.UTF_8));
    }

    @Override
    public Object[] deserialize(String record) throws MalformedRecordException {
        if (isComment(record)) {
            return null;
        }
        split(record);
        if (fields.size() != types.length && !lenientArity) {
            throw new MalformedRecordException("Row length mismatch: " + types.length
                    + " fields expected but was " + fields.size());
        }
        Object[] row = new Object[types.length];
        int n = Math.min(types.length, fields.size());
        for (int i = 0; i < n; i++) {
            row[i] = convert(fields.get(i), quoted.get(i), i);
        }
        return row;
    }

    private boolean isComment(String record) {
        return allowComments && record.startsWith("#");
    }

    private Object convert(String text, boolean wasQuoted, int index) throws MalformedRecordException {
        LogicalType type = types[index];
        if (nullLiteral != null && !wasQuoted && text.equals(nullLiteral)) {
            return null;
        }
        if (text.isEmpty() && !type.root().isCharacter()) {
            return null;
        }
        try {
            return TextValues.parse(text, type, zone);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(TextValues.cannotParse(text, type, schema.name(index)));
        }
    }

    private void split(String record) throws MalformedRecordException {
        fields.clear();
        quoted.clear();
        field.setLength(0);
        boolean inQuotes = false;
        boolean wasQuoted = false;
        boolean afterQuote = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (inQuotes) {
                if (c != quote) {
                    field.append(c);
                } else if (i + 1 < record.length() && record.charAt(i + 1) == quote) {
                    field.append(quote);
                    i++;
                } else {
                    inQuotes = false;
                    afterQuote = true;
                }
            } else if (c == delimiter) {
                endField(wasQuoted);
                wasQuoted = false;
                afterQuote = false;
            } else if (afterQuote) {
                if (!Character.isWhitespace(c)) {
                    throw new MalformedRecordException("Unexpected character '" + c + "' after the closing quote of field "
                            + (fields.size() + 1));
                }
            } else if (c == quote && field.length() == 0 && !wasQuoted) {
                inQuotes = true;
                wasQuoted = true;
            } else {
                field.append(c);
            }
        }
        if (inQuotes) {
            throw new MalformedRecordException("Unterminated quoted field " + (fields.size() + 1));
        }
        endField(wasQuoted);
    }

    private void endField(boolean wasQuoted) {
        fields.add(field.toString());
        quoted.add(wasQuoted);
        field.setLength(0);
    }
}
