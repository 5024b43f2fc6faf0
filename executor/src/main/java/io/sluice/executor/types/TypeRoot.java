package io.sluice.executor.types;

/**
 * The SQL types the runtime knows, and the Java class that carries each value inside a row.
 *
 * <p>The carrier classes are the ones Calcite's generated code uses, so that compiled expressions
 * read and write rows without conversion: temporal values are plain numbers.
 */
public enum TypeRoot {
    BOOLEAN(Boolean.class),
    TINYINT(Byte.class),
    SMALLINT(Short.class),
    INTEGER(Integer.class),
    BIGINT(Long.class),
    /** 4-byte floating point, as Flink's FLOAT and SQL's REAL. */
    FLOAT(Float.class),
    DOUBLE(Double.class),
    DECIMAL(java.math.BigDecimal.class),
    CHAR(String.class),
    VARCHAR(String.class),
    /** Days since 1970-01-01. */
    DATE(Integer.class),
    /** Milliseconds since midnight. */
    TIME(Integer.class),
    /** Milliseconds since 1970-01-01T00:00 of a zone-less local date-time. */
    TIMESTAMP(Long.class),
    /** Milliseconds since the epoch (an instant), shown in the session time zone. */
    TIMESTAMP_LTZ(Long.class),
    /** An interval of days to seconds, in milliseconds. */
    INTERVAL_DAY_TIME(Long.class),
    /** An interval of years to months, in months. */
    INTERVAL_YEAR_MONTH(Integer.class),
    /** The type of the NULL literal. */
    NULL(Object.class);

    private final Class<?> carrier;

    TypeRoot(Class<?> carrier) {
        this.carrier = carrier;
    }

    /** The Java class of non-null values of this type inside a row. */
    public Class<?> carrier() {
        return carrier;
    }

    public boolean isNumeric() {
        return switch (this) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL -> true;
            default -> false;
        };
    }

    public boolean isCharacter() {
        return this == CHAR || this == VARCHAR;
    }
}
