package io.sluice.connectors.datagen;

import io.sluice.executor.types.LogicalType;
import java.math.BigDecimal;
import java.util.SplittableRandom;

/**
 * {@code start}, {@code start + 1}, ... {@code end} in the column's carrier units: a number, days for
 * DATE, milliseconds for TIME, TIMESTAMP and TIMESTAMP_LTZ.
 */
final class SequenceGenerator implements FieldGenerator {
    private final LogicalType type;
    private final long start;
    private final long length;

    SequenceGenerator(LogicalType type, long start, long end) {
        this.type = type;
        this.start = start;
        long span = end - start;
        // end - start overflows only for sequences that could never be exhausted anyway
        this.length = span < 0 ? Long.MAX_VALUE : (span == Long.MAX_VALUE ? Long.MAX_VALUE : span + 1);
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public Object generate(long rowIndex, SplittableRandom random, long nowMillis) {
        long value = start + rowIndex;
        return switch (type.root()) {
            case TINYINT -> (byte) value;
            case SMALLINT -> (short) value;
            case INTEGER, DATE, TIME -> (int) value;
            case BIGINT, TIMESTAMP, TIMESTAMP_LTZ -> value;
            case FLOAT -> (float) value;
            case DOUBLE -> (double) value;
            case DECIMAL -> BigDecimal.valueOf(value).setScale(type.scale());
            case CHAR, VARCHAR -> Long.toString(value);
            default -> throw new IllegalStateException("no sequence of " + type);
        };
    }
}
