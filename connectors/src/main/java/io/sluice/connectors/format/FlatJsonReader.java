package io.sluice.connectors.format;

import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Reads the common shape of a JSON record straight from its bytes into a row: one flat object
 * whose values are text without escapes or non-ASCII characters, integers, booleans and nulls,
 * into columns of character, integer, boolean and {@code yyyy-MM-dd HH:mm:ss[.f]} timestamp types.
 *
 * <p>It answers only for records it reads exactly as Jackson would: anything else — another
 * shape, another value for a column's type, an error — is "not read here" (null), and Jackson
 * reads the record, with its conversions and error messages. Decoding text through Jackson's
 * char buffers was most of a JSON source's CPU time; here a string value is one Latin-1 copy.
 */
final class FlatJsonReader {
    private static final int MAX_LONG_DIGITS = 18;
    private static final int MIN_TRIES = 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long SPACES = ' ' * ONES;

    private final TypeRoot[] roots;
    private final byte[][] names;
    private final boolean[] seen;
    private final boolean[] skipped;
    private final boolean failOnMissingField;
    private long tries;
    private long misses;

    FlatJsonReader(RowSchema schema, boolean failOnMissingField) {
        this(schema, failOnMissingField, null);
    }

    /**
     * Columns not {@code needed} (all are when it is null) are stepped over like unknown fields and
     * left null: nobody reads them, and decoding their text was most of the allocation.
     */
    FlatJsonReader(RowSchema schema, boolean failOnMissingField, BitSet needed) {
        this.roots = new TypeRoot[schema.size()];
        this.names = new byte[schema.size()][];
        for (int i = 0; i < schema.size(); i++) {
            roots[i] = schema.type(i).root();
            names[i] = schema.name(i).getBytes(StandardCharsets.UTF_8);
        }
        this.seen = new boolean[schema.size()];
        this.skipped = new boolean[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            skipped[i] = needed != null && !needed.get(i);
        }
        this.failOnMissingField = failOnMissingField;
    }

    /** Whether trying pays: not when most records so far were not of the shape read here. */
    boolean worthTrying() {
        return tries < MIN_TRIES || misses * 2 < tries;
    }

    /** The row of the record in {@code length} bytes from {@code offset}, or null when it is not read here. */
    Object[] read(byte[] bytes, int offset, int length) {
        tries++;
        Object[] row = readObject(bytes, offset, offset + length);
        if (row == null) {
            misses++;
        }
        return row;
    }

    private Object[] readObject(byte[] b, int start, int end) {
        int i = skipWhitespace(b, start, end);
        if (i >= end || b[i] != '{') {
            return null;
        }
        Object[] row = new Object[roots.length];
        if (failOnMissingField) {
            Arrays.fill(seen, false);
        }
        i = skipWhitespace(b, i + 1, end);
        if (i < end && b[i] == '}') {
            i++;
        } else {
            int expected = 0;
            while (true) {
                if (i >= end || b[i] != '"') {
                    return null;
                }
                int nameEnd = endOfPlainString(b, i + 1, end);
                if (nameEnd < 0) {
                    return null;
                }
                int column = column(b, i + 1, nameEnd, expected);
                i = skipWhitespace(b, nameEnd + 1, end);
                if (i >= end || b[i] != ':') {
                    return null;
                }
                i = skipWhitespace(b, i + 1, end);
                i = column < 0 || skipped[column] ? skipValue(b, i, end) : readValue(b, i, end, row, column);
                if (i < 0) {
                    return null;
                }
                if (column >= 0) {
                    seen[column] = true;
                    expected = column + 1;
                }
                i = skipWhitespace(b, i, end);
                if (i >= end) {
                    return null;
                }
                if (b[i] == '}') {
                    i++;
                    break;
                }
                if (b[i] != ',') {
                    return null;
                }
                i = skipWhitespace(b, i + 1, end);
            }
        }
        if (skipWhitespace(b, i, end) != end || (failOnMissingField && !allSeen())) {
            return null;
        }
        return row;
    }

    /** Reads a value into {@code row[column]}; returns the index after it, or -1 when it is not read here. */
    private int readValue(byte[] b, int i, int end, Object[] row, int column) {
        if (i >= end) {
            return -1;
        }
        byte first = b[i];
        TypeRoot root = roots[column];
        if (first == '"') {
            int close = endOfPlainString(b, i + 1, end);
            if (close < 0) {
                return -1;
            }
            if (root == TypeRoot.VARCHAR || root == TypeRoot.CHAR) {
                row[column] = new String(b, i + 1, close - i - 1, StandardCharsets.ISO_8859_1);
            } else if (root == TypeRoot.TIMESTAMP) {
                long millis = FixedTimestampText.parseMillis(b, i + 1, close - i - 1);
                if (millis == FixedTimestampText.NOT_FIXED) {
                    return -1;
                }
                row[column] = millis;
            } else {
                return -1;
            }
            return close + 1;
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            return readInteger(b, i, end, row, column, root);
        }
        if (first == 'n') {
            row[column] = null;
            return literal(b, i, end, "null");
        }
        if (root == TypeRoot.BOOLEAN && (first == 't' || first == 'f')) {
            row[column] = first == 't' ? Boolean.TRUE : Boolean.FALSE;
            return literal(b, i, end, first == 't' ? "true" : "false");
        }
        return -1;
    }

    private static int readInteger(byte[] b, int i, int end, Object[] row, int column, TypeRoot root) {
        boolean negative = b[i] == '-';
        int start = negative ? i + 1 : i;
        int j = start;
        long value = 0;
        while (j < end && b[j] >= '0' && b[j] <= '9') {
            value = value * 10 + (b[j] - '0');
            j++;
        }
        int digits = j - start;
        // no digit, a leading zero, a fraction or exponent, or a value that might overflow: Jackson's
        if (digits == 0 || digits > MAX_LONG_DIGITS || (b[start] == '0' && digits > 1)
                || (j < end && (b[j] == '.' || b[j] == 'e' || b[j] == 'E'))) {
            return -1;
        }
        if (negative) {
            value = -value;
        }
        switch (root) {
            case BIGINT -> row[column] = value;
            case INTEGER -> {
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    return -1;
                }
                row[column] = (int) value;
            }
            case SMALLINT -> {
                if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
                    return -1;
                }
                row[column] = (short) value;
            }
            case TINYINT -> {
                if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
                    return -1;
                }
                row[column] = (byte) value;
            }
            case NULL -> row[column] = null;
            default -> {
                return -1;
            }
        }
        return j;
    }

    /** Skips the value of a field that is not a column; -1 when it is not one read here. */
    private static int skipValue(byte[] b, int i, int end) {
        if (i >= end) {
            return -1;
        }
        byte first = b[i];
        if (first == '"') {
            int close = endOfPlainString(b, i + 1, end);
            return close < 0 ? -1 : close + 1;
        }
        if (first == 'n') {
            return literal(b, i, end, "null");
        }
        if (first == 't') {
            return literal(b, i, end, "true");
        }
        if (first == 'f') {
            return literal(b, i, end, "false");
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            return skipNumber(b, i, end);
        }
        return -1;
    }

    /**
     * The index after a JSON number at {@code i}: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?},
     * the grammar Jackson accepts, so that a record is not read here when Jackson would reject it.
     */
    private static int skipNumber(byte[] b, int i, int end) {
        int j = b[i] == '-' ? i + 1 : i;
        int digits = digitsFrom(b, j, end);
        if (digits == 0 || (b[j] == '0' && digits > 1)) {
            return -1;
        }
        j += digits;
        if (j < end && b[j] == '.') {
            int fraction = digitsFrom(b, j + 1, end);
            if (fraction == 0) {
                return -1;
            }
            j += 1 + fraction;
        }
        if (j < end && (b[j] == 'e' || b[j] == 'E')) {
            j++;
            if (j < end && (b[j] == '+' || b[j] == '-')) {
                j++;
            }
            int exponent = digitsFrom(b, j, end);
            if (exponent == 0) {
                return -1;
            }
            j += exponent;
        }
        return j;
    }

    private static int digitsFrom(byte[] b, int i, int end) {
        int j = i;
        while (j < end && b[j] >= '0' && b[j] <= '9') {
            j++;
        }
        return j - i;
    }

    /** The index after {@code word} at {@code i}, or -1 when it is not there. */
    private static int literal(byte[] b, int i, int end, String word) {
        int length = word.length();
        if (end - i < length) {
            return -1;
        }
        for (int k = 0; k < length; k++) {
            if (b[i + k] != word.charAt(k)) {
                return -1;
            }
        }
        return i + length;
    }

    /**
     * The index of the quote that closes the string starting at {@code i}, or -1 when the string
     * has an escape, a control character or a non-ASCII byte before it, or does not end.
     */
    private static int endOfPlainString(byte[] b, int i, int end) {
        // eight bytes at a time: the lowest byte flagged is the first quote, backslash, control
        // character or non-ASCII byte (the bit tricks may flag bytes above a true one, never below)
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = (long) LONGS.get(b, i);
            long quote = word ^ QUOTES;
            long backslash = word ^ BACKSLASHES;
            long special = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash)
                    | ((word - SPACES) & ~word) | word;
            special &= HIGH_BITS;
            if (special != 0) {
                int at = i + (Long.numberOfTrailingZeros(special) >>> 3);
                return b[at] == '"' ? at : -1;
            }
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                return i;
            }
            if (c < 0x20 || c == '\\') {
                return -1;
            }
        }
        return -1;
    }

    /** The column named by the bytes {@code [start, end)}, trying {@code expected} first; -1 for none. */
    private int column(byte[] b, int start, int end, int expected) {
        if (expected < names.length && isName(b, start, end, names[expected])) {
            return expected;
        }
        for (int c = 0; c < names.length; c++) {
            if (isName(b, start, end, names[c])) {
                return c;
            }
        }
        return -1;
    }

    // a plain loop: names are short, and Arrays.equals's vectorized mismatch costs more to set up
    private static boolean isName(byte[] b, int start, int end, byte[] name) {
        if (end - start != name.length) {
            return false;
        }
        for (int k = 0; k < name.length; k++) {
            if (b[start + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    private static int skipWhitespace(byte[] b, int i, int end) {
        while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        return i;
    }

    private boolean allSeen() {
        for (boolean s : seen) {
            if (!s) {
                return false;
            }
        }
        return true;
    }
}
