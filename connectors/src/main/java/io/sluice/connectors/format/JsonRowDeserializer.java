package io.sluice.connectors.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Streams a JSON object straight into a row: no tree is built. */
final class JsonRowDeserializer implements RowDeserializer {
    private final RowSchema schema;
    private final LogicalType[] types;
    private final Map<String, Integer> indexByName;
    /** The column names, interned as the parser's field names are (so they compare by identity). */
    private final String[] names;
    private final SerializableString[] quotedNames;
    /** The column {@link #nextField} expected. */
    private int expectedIndex;
    private final ZoneId zone;
    private final boolean failOnMissingField;
    private final boolean[] seen;
    /** Reads the common records without Jackson. */
    private final FlatJsonReader flat;

    JsonRowDeserializer(RowSchema schema, ZoneId zone, boolean failOnMissingField) {
        this(schema, zone, failOnMissingField, null);
    }

    /** {@code needed}: the columns the fast path decodes, the others it leaves null; null for all. */
    JsonRowDeserializer(RowSchema schema, ZoneId zone, boolean failOnMissingField, java.util.BitSet needed) {
        this.schema = schema;
        this.types = schema.types().toArray(new LogicalType[0]);
        this.indexByName = new HashMap<>();
        this.names = new String[schema.size()];
        this.quotedNames = new SerializableString[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            indexByName.put(schema.name(i), i);
            names[i] = schema.name(i).intern();
            quotedNames[i] = new SerializedString(names[i]);
        }
        this.zone = zone;
        this.failOnMissingField = failOnMissingField;
        this.seen = new boolean[schema.size()];
        this.flat = new FlatJsonReader(schema, failOnMissingField, needed);
    }

    @Override
    public Object[] deserialize(String record) throws MalformedRecordException {
        try (JsonParser parser = JsonFormat.FACTORY.createParser(record)) {
            return read(parser);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException(withoutSourceLocation(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new MalformedRecordException(String.valueOf(e.getMessage()), e);
        }
    }

    @Override
    public Object[] deserialize(byte[] record) throws MalformedRecordException {
        return deserialize(record, 0, record.length);
    }

    @Override
    public Object[] deserialize(byte[] buffer, int offset, int length) throws MalformedRecordException {
        if (flat.worthTrying()) {
            Object[] row = flat.read(buffer, offset, length);
            if (row != null) {
                return row;
            }
        }
        try (JsonParser parser = JsonFormat.FACTORY.createParser(buffer, offset, length)) {
            return read(parser);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException(withoutSourceLocation(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new MalformedRecordException(String.valueOf(e.getMessage()), e);
        }
    }

    @Override
    public boolean decodesLineBytes() {
        return true;
    }

    // Jackson appends "(start marker at [Source: REDACTED …; line: 1, column: 1])"; the caller names the record
    private static String withoutSourceLocation(String message) {
        return message == null ? "malformed JSON"
                : message.replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "").replaceAll("\\s*at \\[Source:.*?\\]", "");
    }

    private Object[] read(JsonParser parser) throws IOException, MalformedRecordException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_OBJECT) {
            throw new MalformedRecordException("Expected a JSON object but found "
                    + describe(parser, token));
        }
        Object[] row = new Object[types.length];
        if (failOnMissingField) {
            Arrays.fill(seen, false);
        }
        int index = -1;
        while ((token = nextField(parser, index + 1)) == JsonToken.FIELD_NAME) {
            index = indexOf(parser.currentName(), expectedIndex);
            token = parser.nextToken();
            if (index < 0) {
                parser.skipChildren();
            } else {
                row[index] = readValue(parser, token, index);
                seen[index] = true;
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new MalformedRecordException("Unexpected end of the JSON object");
        }
        if (parser.nextToken() != null) {
            throw new MalformedRecordException("Unexpected content after the JSON object");
        }
        if (failOnMissingField) {
            for (int i = 0; i < seen.length; i++) {
                if (!seen[i]) {
                    throw new MalformedRecordException("Could not find field '" + schema.name(i) + "'");
                }
            }
        }
        return row;
    }

    /**
     * The next token, expecting the name of column {@code expected}, as fields tend to come in
     * column order: the parser compares the name's bytes in place, without looking it up.
     */
    private JsonToken nextField(JsonParser parser, int expected) throws IOException {
        if (expected < names.length) {
            expectedIndex = expected;
            return parser.nextFieldName(quotedNames[expected]) ? JsonToken.FIELD_NAME : parser.currentToken();
        }
        expectedIndex = 0;
        return parser.nextToken();
    }

    /** The column of a field name, or -1; {@code expected} is tried first. */
    private int indexOf(String name, int expected) {
        if (expected < names.length && names[expected] == name) {
            return expected;
        }
        Integer index = indexByName.get(name);
        return index == null ? -1 : index;
    }

    private Object readValue(JsonParser parser, JsonToken token, int index)
            throws IOException, MalformedRecordException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        LogicalType type = types[index];
        try {
            return switch (type.root()) {
                case BOOLEAN -> readBoolean(parser, token, index);
                case TINYINT -> (byte) readIntegral(parser, token, index, Byte.MIN_VALUE, Byte.MAX_VALUE);
                case SMALLINT -> (short) readIntegral(parser, token, index, Short.MIN_VALUE, Short.MAX_VALUE);
                case INTEGER, INTERVAL_YEAR_MONTH ->
                        (int) readIntegral(parser, token, index, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case BIGINT, INTERVAL_DAY_TIME -> readIntegral(parser, token, index, Long.MIN_VALUE, Long.MAX_VALUE);
                case FLOAT -> token.isNumeric() ? parser.getFloatValue() : (Float) fromText(parser, token, index);
                case DOUBLE -> token.isNumeric() ? parser.getDoubleValue() : (Double) fromText(parser, token, index);
                case DECIMAL -> token.isNumeric()
                        ? TextValues.fitDecimal(parser.getDecimalValue(), type)
                        : fromText(parser, token, index);
                case CHAR, VARCHAR -> readString(parser, token);
                case NULL -> {
                    parser.skipChildren();
                    yield null;
                }
                default -> fromText(parser, token, index);
            };
        } catch (NumberFormatException | JsonProcessingException e) {
            throw cannotParse(parser, token, index);
        }
    }

    private Boolean readBoolean(JsonParser parser, JsonToken token, int index) throws IOException, MalformedRecordException {
        if (token == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return Boolean.FALSE;
        }
        return (Boolean) fromText(parser, token, index);
    }

    private long readIntegral(JsonParser parser, JsonToken token, int index, long min, long max)
            throws IOException, MalformedRecordException {
        long value;
        if (token == JsonToken.VALUE_NUMBER_INT) {
            value = parser.getLongValue();
        } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal decimal = parser.getDecimalValue();
            try {
                value = decimal.longValueExact();
            } catch (ArithmeticException e) {
                throw cannotParse(parser, token, index);
            }
        } else if (token == JsonToken.VALUE_STRING) {
            value = Long.parseLong(parser.getText().trim());
        } else {
            throw cannotParse(parser, token, index);
        }
        if (value < min || value > max) {
            throw cannotParse(parser, token, index);
        }
        return value;
    }

    private Object fromText(JsonParser parser, JsonToken token, int index) throws IOException, MalformedRecordException {
        if (token != JsonToken.VALUE_STRING) {
            throw cannotParse(parser, token, index);
        }
        try {
            return TextValues.parse(parser.getText(), types[index], zone);
        } catch (IllegalArgumentException e) {
            throw cannotParse(parser, token, index);
        }
    }

    private static String readString(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            StringWriter text = new StringWriter();
            try (JsonGenerator generator = JsonFormat.FACTORY.createGenerator(text)) {
                generator.copyCurrentStructure(parser);
            }
            return text.toString();
        }
        return parser.getText();
    }

    private MalformedRecordException cannotParse(JsonParser parser, JsonToken token, int index) throws IOException {
        String what = describe(parser, token);
        return new MalformedRecordException("Cannot parse " + what + " as " + TextValues.typeName(types[index])
                + " for field '" + schema.name(index) + "'");
    }

    private static String describe(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            return "an empty record";
        }
        return switch (token) {
            case START_OBJECT -> "a JSON object";
            case START_ARRAY -> "a JSON array";
            default -> "'" + TextValues.abbreviate(parser.getText()) + "'";
        };
    }
}
