package io.sluice.connectors;

import java.util.function.LongSupplier;

/**
 * Holds a generating source to a number of rows per second (wall clock): a bucket that fills at that
 * rate up to one second's worth, so a source that was held up may catch up by at most a second.
 * A rate of zero or less means no limit.
 */
public final class RowThrottle {
    private final double rowsPerNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefill;

    public RowThrottle(double rowsPerSecond, LongSupplier nanoClock) {
        this.rowsPerNano = rowsPerSecond / 1e9;
        this.capacity = Math.max(1.0, rowsPerSecond);
        this.nanoClock = nanoClock;
    }

    /** Starts (or restarts after a restore) with one row allowed at once. */
    public void start() {
        tokens = 1.0;
        lastRefill = nanoClock.getAsLong();
    }

    /** How many of at most {@code max} rows may go now; zero when the source must wait. */
    public long allowed(long max) {
        if (rowsPerNano <= 0) {
            return max;
        }
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * rowsPerNano);
        lastRefill = now;
        return Math.min((long) tokens, max);
    }

    /** {@code rows} rows went. */
    public void used(long rows) {
        tokens -= rows;
    }
}
