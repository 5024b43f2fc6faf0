package io.sluice.connectors.format;

import io.sluice.executor.types.LogicalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.Locale;

/** Conversions between text and row carriers shared by the text formats. */
final class TextValues {
    private TextValues() {
    }

    /**
     * The value of {@code text} as {@code type}; throws IllegalArgumentException when the text is
     * not a value of the type. Strings are returned unchanged, other text is trimmed.
     */
    static Object parse(String text, LogicalType type, ZoneId zone) {
        String t = type.root().isCharacter() ? text : text.trim();
        return switch (type.root()) {
            case BOOLEAN -> parseBoolean(t);
            case TINYINT -> (byte) parseIntegral(t, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SMALLINT -> (short) parseIntegral(t, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER, INTERVAL_YEAR_MONTH -> (int) parseIntegral(t, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT, INTERVAL_DAY_TIME -> parseIntegral(t, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT -> Float.parseFloat(t);
            case DOUBLE -> Double.parseDouble(t);
            case DECIMAL -> fitDecimal(new BigDecimal(t), type);
            case CHAR, VARCHAR -> t;
            case DATE -> TemporalText.parseDate(t);
            case TIME -> TemporalText.parseTime(t);
            case TIMESTAMP -> TemporalText.parseTimestamp(t);
            case TIMESTAMP_LTZ -> TemporalText.parseTimestampLtz(t, zone);
            case NULL -> null;
        };
    }

    static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    static long parseIntegral(String text, long min, long max) {
        long value = Long.parseLong(text);
        return checkRange(value, min, max);
    }

    static long checkRange(long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("out of range");
        }
        return value;
    }

    /**
     * The decimal rounded to the type's scale, or null when it has more integer digits than the
     * precision allows (Flink's behaviour for DECIMAL overflow).
     */
    static BigDecimal fitDecimal(BigDecimal value, LogicalType type) {
        BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
        return scaled.precision() > type.precision() ? null : scaled;
    }

    /** A value as text in the spelling of Flink's text formats (no quoting). */
    static String format(Object value, LogicalType type, boolean isoTimestamps) {
        return switch (type.root()) {
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case DATE -> TemporalText.formatDate((Integer) value);
            case TIME -> TemporalText.formatTime((Integer) value);
            case TIMESTAMP -> TemporalText.formatTimestamp((Long) value, isoTimestamps);
            case TIMESTAMP_LTZ -> TemporalText.formatTimestampLtz((Long) value, isoTimestamps);
            default -> value.toString();
        };
    }

    /** {@code BIGINT}, {@code DECIMAL(10, 2)}: the type in messages, without NOT NULL. */
    static String typeName(LogicalType type) {
        return type.withNullable(true).toString();
    }

    static String cannotParse(String text, LogicalType type, String field) {
        return "Cannot parse '" + abbreviate(text) + "' as " + typeName(type) + " for field '" + field + "'";
    }

    static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
