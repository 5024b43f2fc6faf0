package io.sluice.executor.aggregate;

import io.sluice.executor.types.TypeRoot;
import java.math.BigDecimal;

/** Arithmetic on row values of a numeric {@link TypeRoot}, with Java's overflow like Flink SQL. */
public final class Numbers {
    private Numbers() {
    }

    public static Object cast(Object value, TypeRoot type) {
        Number n = (Number) value;
        return switch (type) {
            case TINYINT -> n.byteValue();
            case SMALLINT -> n.shortValue();
            case INTEGER -> n.intValue();
            case BIGINT -> n.longValue();
            case FLOAT -> n.floatValue();
            case DOUBLE -> n.doubleValue();
            case DECIMAL -> toBigDecimal(n);
            default -> throw new IllegalArgumentException("not a numeric type: " + type);
        };
    }

    public static Object add(Object a, Object b, TypeRoot type) {
        Number x = (Number) a;
        Number y = (Number) b;
        return switch (type) {
            case TINYINT -> (byte) (x.byteValue() + y.byteValue());
            case SMALLINT -> (short) (x.shortValue() + y.shortValue());
            case INTEGER -> x.intValue() + y.intValue();
            case BIGINT -> x.longValue() + y.longValue();
            case FLOAT -> x.floatValue() + y.floatValue();
            case DOUBLE -> x.doubleValue() + y.doubleValue();
            case DECIMAL -> toBigDecimal(x).add(toBigDecimal(y));
            default -> throw new IllegalArgumentException("not a numeric type: " + type);
        };
    }

    /** {@code -value} in the carrier of {@code type}, for retracting from a sum. */
    public static Object negate(Object value, TypeRoot type) {
        Number n = (Number) value;
        return switch (type) {
            case TINYINT -> (byte) -n.byteValue();
            case SMALLINT -> (short) -n.shortValue();
            case INTEGER -> -n.intValue();
            case BIGINT -> -n.longValue();
            case FLOAT -> -n.floatValue();
            case DOUBLE -> -n.doubleValue();
            case DECIMAL -> toBigDecimal(n).negate();
            default -> throw new IllegalArgumentException("not a numeric type: " + type);
        };
    }

    /**
     * AVG of {@code count} values of {@code type}: integer AVG truncates, as in Flink SQL and Calcite;
     * DOUBLE/FLOAT use {@code doubleSum}, the others the exact {@code sum}. Null for no values.
     */
    public static Object average(BigDecimal sum, double doubleSum, long count, TypeRoot type, int scale) {
        if (count == 0) {
            return null;
        }
        return switch (type) {
            case DOUBLE -> doubleSum / count;
            case FLOAT -> (float) (doubleSum / count);
            case TINYINT, SMALLINT, INTEGER, BIGINT -> cast(
                    sum.divide(BigDecimal.valueOf(count), 0, java.math.RoundingMode.DOWN), type);
            default -> sum.divide(BigDecimal.valueOf(count), scale, java.math.RoundingMode.HALF_UP);
        };
    }

    public static BigDecimal toBigDecimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        return BigDecimal.valueOf(((Number) value).longValue());
    }
}
