package io.sluice.executor.join;

import io.sluice.executor.data.RowKey;
import io.sluice.executor.function.RowExpression;

/**
 * The output rows of a join, {@code [left columns…, right columns…]}, and its condition: the
 * residual (non-equality) part of the ON clause, evaluated on a joined row; NULL is false.
 */
final class JoinedRows {
    private final int leftArity;
    private final int rightArity;
    private final RowExpression residual;

    /** @param residual the non-equality part of the condition, or null when there is none */
    JoinedRows(int leftArity, int rightArity, RowExpression residual) {
        if (leftArity < 0 || rightArity < 0) {
            throw new IllegalArgumentException("arity " + leftArity + ", " + rightArity);
        }
        this.leftArity = leftArity;
        this.rightArity = rightArity;
        this.residual = residual;
    }

    /** The joined row of a row of {@code input} and a row of the other input. */
    Object[] join(int input, Object[] row, Object[] other) {
        return input == 0 ? concat(row, other) : concat(other, row);
    }

    /** The row of {@code input} with NULLs for the other side's columns. */
    Object[] padded(int input, Object[] row) {
        return input == 0 ? concat(row, null) : concat(null, row);
    }

    boolean matches(Object[] joined) {
        return residual == null || Boolean.TRUE.equals(residual.eval(joined));
    }

    private Object[] concat(Object[] left, Object[] right) {
        Object[] joined = new Object[leftArity + rightArity];
        if (left != null) {
            System.arraycopy(left, 0, joined, 0, leftArity);
        }
        if (right != null) {
            System.arraycopy(right, 0, joined, leftArity, rightArity);
        }
        return joined;
    }

    /** SQL equality: a NULL key equals nothing, so such a row never has a partner. */
    static boolean hasNull(RowKey key) {
        for (int i = 0; i < key.size(); i++) {
            if (key.get(i) == null) {
                return true;
            }
        }
        return false;
    }
}
