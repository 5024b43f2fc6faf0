package io.sluice.connectors.datagen;

/**
 * Global row indexes {@code start, start + step, start + 2 step, ...}: {@code count} of them, or
 * without end when {@code count} is {@link #UNBOUNDED}.
 */
record IndexProgression(long start, long step, long count) {
    static final long UNBOUNDED = -1;

    IndexProgression {
        if (start < 0 || step <= 0 || count < UNBOUNDED) {
            throw new IllegalArgumentException("bad progression " + start + ", " + step + ", " + count);
        }
    }

    boolean isUnbounded() {
        return count == UNBOUNDED;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The progression without its first {@code n} indexes. */
    IndexProgression skip(long n) {
        if (n == 0) {
            return this;
        }
        return new IndexProgression(start + n * step, step, isUnbounded() ? UNBOUNDED : count - n);
    }

    /** The first {@code n} indexes. */
    IndexProgression limit(long n) {
        return new IndexProgression(start, n <= 1 ? 1 : step, isUnbounded() ? n : Math.min(n, count));
    }

    /**
     * The indexes at positions {@code first, first + every, first + 2 every, ...} of this finite
     * progression, or null when there are none.
     */
    IndexProgression every(long first, int every) {
        if (first >= count) {
            return null;
        }
        long n = (count - first - 1) / every + 1;
        return new IndexProgression(start + first * step, n == 1 ? 1 : Math.multiplyExact(step, every), n);
    }
}
