package io.sluice.executor.state;

import io.sluice.executor.data.KeyGroups;

/**
 * A contiguous, non-empty range of key groups, both ends inclusive: the key groups one subtask of
 * a keyed operator owns. {@link #of} agrees with {@link KeyGroups#subtaskOf}.
 */
public record KeyGroupRange(int start, int end) {
    public KeyGroupRange {
        if (start < 0 || end >= KeyGroups.MAX_PARALLELISM || start > end) {
            throw new IllegalArgumentException("invalid key group range [" + start + ", " + end
                    + "]: key groups are 0.." + (KeyGroups.MAX_PARALLELISM - 1));
        }
    }

    /** Every key group: the range of the only subtask of a parallelism-1 operator. */
    public static KeyGroupRange all() {
        return new KeyGroupRange(0, KeyGroups.MAX_PARALLELISM - 1);
    }

    /** The key groups of {@code subtask} out of {@code parallelism}: those g with {@code subtaskOf(g, parallelism) == subtask}. */
    public static KeyGroupRange of(int subtask, int parallelism) {
        if (parallelism < 1 || parallelism > KeyGroups.MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be between 1 and "
                    + KeyGroups.MAX_PARALLELISM + ": " + parallelism);
        }
        if (subtask < 0 || subtask >= parallelism) {
            throw new IllegalArgumentException("subtask " + subtask + " out of parallelism " + parallelism);
        }
        // subtaskOf(g, p) = g * p / MAX, so subtask s starts at the first g with g * p >= s * MAX
        return new KeyGroupRange(firstGroupOf(subtask, parallelism), firstGroupOf(subtask + 1, parallelism) - 1);
    }

    private static int firstGroupOf(int subtask, int parallelism) {
        return (subtask * KeyGroups.MAX_PARALLELISM + parallelism - 1) / parallelism;
    }

    public int size() {
        return end - start + 1;
    }

    public boolean contains(int keyGroup) {
        return keyGroup >= start && keyGroup <= end;
    }

    public boolean contains(KeyGroupRange other) {
        return other.start >= start && other.end <= end;
    }

    public boolean intersects(KeyGroupRange other) {
        return other.start <= end && start <= other.end;
    }

    /** The key groups in both ranges; the ranges must intersect. */
    public KeyGroupRange intersection(KeyGroupRange other) {
        if (!intersects(other)) {
            throw new IllegalArgumentException(this + " and " + other + " do not intersect");
        }
        return new KeyGroupRange(Math.max(start, other.start), Math.min(end, other.end));
    }

    @Override
    public String toString() {
        return "key groups [" + start + ", " + end + "]";
    }
}
