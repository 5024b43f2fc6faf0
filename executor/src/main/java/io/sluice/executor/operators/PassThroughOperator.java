package io.sluice.executor.operators;

import io.sluice.executor.data.RowKind;

/** Forwards every row unchanged: the head of a chain whose inputs are a UNION ALL of streams. */
public final class PassThroughOperator extends AbstractOperator {
    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        output.emit(kind, row);
    }
}
