package io.sluice.executor.types;

import java.util.Objects;

/**
 * An immutable SQL type: root, precision, scale and nullability.
 *
 * <p>Precision means: the length for CHAR/VARCHAR ({@link #MAX_LENGTH} for STRING), the digits for
 * DECIMAL, the fractional-second digits for TIME/TIMESTAMP/TIMESTAMP_LTZ; it is -1 where it does not
 * apply. Values are carried at millisecond precision whatever the declared precision.
 */
public final class LogicalType {
    public static final int MAX_LENGTH = Integer.MAX_VALUE;
    public static final int NO_PRECISION = -1;

    private final TypeRoot root;
    private final int precision;
    private final int scale;
    private final boolean nullable;

    private LogicalType(TypeRoot root, int precision, int scale, boolean nullable) {
        this.root = Objects.requireNonNull(root, "root is null");
        this.precision = precision;
        this.scale = scale;
        this.nullable = nullable;
    }

    public static LogicalType of(TypeRoot root) {
        return new LogicalType(root, defaultPrecision(root), 0, true);
    }

    public static LogicalType of(TypeRoot root, int precision) {
        return new LogicalType(root, precision, 0, true);
    }

    public static LogicalType decimal(int precision, int scale) {
        return new LogicalType(TypeRoot.DECIMAL, precision, scale, true);
    }

    public static LogicalType string() {
        return new LogicalType(TypeRoot.VARCHAR, MAX_LENGTH, 0, true);
    }

    private static int defaultPrecision(TypeRoot root) {
        return switch (root) {
            case CHAR -> 1;
            case VARCHAR -> MAX_LENGTH;
            case DECIMAL -> 10;
            case TIMESTAMP, TIMESTAMP_LTZ -> 6;
            case TIME -> 0;
            default -> NO_PRECISION;
        };
    }

    public TypeRoot root() {
        return root;
    }

    public int precision() {
        return precision;
    }

    public int scale() {
        return scale;
    }

    public boolean nullable() {
        return nullable;
    }

    public LogicalType withNullable(boolean newNullable) {
        return newNullable == nullable ? this : new LogicalType(root, precision, scale, newNullable);
    }

    /** SQL spelling, as Flink prints it: {@code STRING}, {@code DECIMAL(10, 2)}, {@code BIGINT NOT NULL}. */
    @Override
    public String toString() {
        String base = switch (root) {
            case VARCHAR -> precision == MAX_LENGTH ? "STRING" : "VARCHAR(" + precision + ")";
            case CHAR -> "CHAR(" + precision + ")";
            case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
            case TIME -> "TIME(" + Math.max(precision, 0) + ")";
            case TIMESTAMP -> "TIMESTAMP(" + precision + ")";
            case TIMESTAMP_LTZ -> "TIMESTAMP_LTZ(" + precision + ")";
            case INTERVAL_DAY_TIME -> "INTERVAL SECOND";
            case INTERVAL_YEAR_MONTH -> "INTERVAL MONTH";
            default -> root.name();
        };
        return nullable ? base : base + " NOT NULL";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogicalType that
                && root == that.root
                && precision == that.precision
                && scale == that.scale
                && nullable == that.nullable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(root, precision, scale, nullable);
    }
}
