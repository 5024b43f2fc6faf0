package io.sluice.executor.over;

/**
 * The frame of an OVER window ordered by event time, always ending at the current row:
 * {@code ROWS BETWEEN n PRECEDING AND CURRENT ROW} ({@link #rows(long)}), {@code RANGE BETWEEN
 * INTERVAL … PRECEDING AND CURRENT ROW} ({@link #range(long)}), or from {@code UNBOUNDED PRECEDING}
 * by rows or by range. A RANGE frame holds the current row's peers, the rows of the same time,
 * too; a ROWS frame only the rows that came before it.
 *
 * @param byRows ROWS (true) or RANGE (false)
 * @param preceding rows, or milliseconds, before the current row; -1 for UNBOUNDED PRECEDING
 */
public record OverFrame(boolean byRows, long preceding) {
    public OverFrame {
        if (preceding < -1) {
            throw new IllegalArgumentException("preceding must be -1 (unbounded) or at least 0: " + preceding);
        }
    }

    public static OverFrame rows(long preceding) {
        return new OverFrame(true, preceding);
    }

    public static OverFrame range(long precedingMillis) {
        return new OverFrame(false, precedingMillis);
    }

    public static OverFrame unboundedRows() {
        return new OverFrame(true, -1);
    }

    public static OverFrame unboundedRange() {
        return new OverFrame(false, -1);
    }

    public boolean isUnbounded() {
        return preceding < 0;
    }

    @Override
    public String toString() {
        String from = isUnbounded() ? "UNBOUNDED" : byRows ? String.valueOf(preceding) : preceding + "ms";
        return (byRows ? "ROWS" : "RANGE") + " BETWEEN " + from + " PRECEDING AND CURRENT ROW";
    }
}
