package io.sluice.connectors.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;

/** Writes a row as one JSON object, fields in schema order. */
final class JsonRowSerializer implements RowSerializer {
    private final String[] names;
    private final LogicalType[] types;
    private final boolean isoTimestamps;
    private final boolean decimalAsPlainNumber;
    private final boolean ignoreNullFields;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

    JsonRowSerializer(RowSchema schema, boolean isoTimestamps, boolean decimalAsPlainNumber, boolean ignoreNullFields) {
        this.names = schema.names().toArray(new String[0]);
        this.types = schema.types().toArray(new LogicalType[0]);
        this.isoTimestamps = isoTimestamps;
        this.decimalAsPlainNumber = decimalAsPlainNumber;
        this.ignoreNullFields = ignoreNullFields;
    }

    @Override
    public byte[] serialize(Object[] row) {
        buffer.reset();
        try (JsonGenerator generator = JsonFormat.FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
            generator.writeStartObject();
            for (int i = 0; i < types.length; i++) {
                Object value = row[i];
                if (value == null) {
                    if (!ignoreNullFields) {
                        generator.writeNullField(names[i]);
                    }
                    continue;
                }
                generator.writeFieldName(names[i]);
                writeValue(generator, value, types[i]);
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.INTERNAL_ERROR, "Cannot write JSON: " + e.getMessage(), e);
        }
        return buffer.toByteArray();
    }

    private void writeValue(JsonGenerator generator, Object value, LogicalType type) throws IOException {
        switch (type.root()) {
            case BOOLEAN -> generator.writeBoolean((Boolean) value);
            case TINYINT, SMALLINT, INTEGER, INTERVAL_YEAR_MONTH -> generator.writeNumber(((Number) value).intValue());
            case BIGINT, INTERVAL_DAY_TIME -> generator.writeNumber((Long) value);
            case FLOAT -> generator.writeNumber((Float) value);
            case DOUBLE -> generator.writeNumber((Double) value);
            case DECIMAL -> {
                BigDecimal decimal = (BigDecimal) value;
                if (decimalAsPlainNumber) {
                    generator.writeNumber(decimal.toPlainString());
                } else {
                    generator.writeNumber(decimal);
                }
            }
            case CHAR, VARCHAR -> generator.writeString((String) value);
            case NULL -> generator.writeNull();
            default -> generator.writeString(TextValues.format(value, type, isoTimestamps));
        }
    }
}
