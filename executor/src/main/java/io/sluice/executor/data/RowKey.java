package io.sluice.executor.data;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;

/**
 * The grouping key of a row: the values of some of its fields, compared by value. Its hash is stable
 * across JVM runs (it decides key groups, and key groups decide where state lives).
 */
public final class RowKey {
    private static final RowKey EMPTY = new RowKey(new Object[0]);

    private final Object[] values;
    private final int hash;

    private RowKey(Object[] values) {
        this.values = values;
        this.hash = hashOf(values);
    }

    /** The key made of {@code row[fields[0]], row[fields[1]], …}. */
    public static RowKey of(Object[] row, int[] fields) {
        if (fields.length == 0) {
            return EMPTY;
        }
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = row[fields[i]];
        }
        return new RowKey(values);
    }

    public int size() {
        return values.length;
    }

    public Object get(int index) {
        return values[index];
    }

    /** A stable hash of the given fields of a row, equal to {@code RowKey.of(row, fields).hashCode()}. */
    public static int hashOf(Object[] row, int[] fields) {
        int h = 1;
        for (int field : fields) {
            h = 31 * h + valueHash(row[field]);
        }
        return h;
    }

    private static int hashOf(Object[] values) {
        int h = 1;
        for (Object value : values) {
            h = 31 * h + valueHash(value);
        }
        return h;
    }

    private static int valueHash(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().hashCode();
        }
        // String, boxed numbers and Boolean have hash codes fixed by their specifications
        return value.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RowKey that) || hash != that.hash || values.length != that.values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (!valueEquals(values[i], that.values[i])) {
                return false;
            }
        }
        return true;
    }

    // SQL equality: DECIMAL 1.0 and 1.00 are the same key, as their hashes already say
    private static boolean valueEquals(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
