package io.sluice.executor.join;

/**
 * Which rows of a join survive without a partner: an outer side keeps its unmatched rows, padded
 * with NULLs for the other side's columns. Input 0 is the left side, input 1 the right side.
 */
public enum JoinType {
    INNER(false, false),
    LEFT(true, false),
    RIGHT(false, true),
    FULL(true, true);

    private final boolean keepsLeft;
    private final boolean keepsRight;

    JoinType(boolean keepsLeft, boolean keepsRight) {
        this.keepsLeft = keepsLeft;
        this.keepsRight = keepsRight;
    }

    /** True when the rows of {@code input} (0 left, 1 right) appear NULL-padded while they have no match. */
    public boolean keepsUnmatched(int input) {
        return input == 0 ? keepsLeft : keepsRight;
    }
}
