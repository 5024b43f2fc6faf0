package io.sluice.executor.rank;

/**
 * Which ranks a top-N query keeps, 1-based and inclusive: {@code rn <= 10} is 1 to 10, {@code rn = 1}
 * is 1 to 1, {@code rn BETWEEN 3 AND 5} is 3 to 5.
 */
public record RankRange(long start, long end) {
    public RankRange {
        if (start < 1 || end < start) {
            throw new IllegalArgumentException("a rank range is 1 <= start <= end: " + start + " to " + end);
        }
        if (end > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the rank range ends too far to keep its rows: " + end);
        }
    }

    public static RankRange top(long n) {
        return new RankRange(1, n);
    }

    public int size() {
        return (int) (end - start + 1);
    }

    @Override
    public String toString() {
        return start == end ? "rank=" + start : "rank=" + start + ".." + end;
    }
}
