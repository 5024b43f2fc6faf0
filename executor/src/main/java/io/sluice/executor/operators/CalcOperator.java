package io.sluice.executor.operators;

import io.sluice.executor.data.RowKind;
import io.sluice.executor.function.RowFunction;
import java.util.Objects;

/** Filters and projects rows with a compiled {@link RowFunction}; keeps each row's kind. */
public final class CalcOperator extends AbstractOperator {
    private final RowFunction function;

    public CalcOperator(RowFunction function) {
        this.function = Objects.requireNonNull(function, "function is null");
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        Object[] result = function.apply(row);
        if (result != null) {
            output.emit(kind, result);
        }
    }
}
