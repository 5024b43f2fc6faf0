package io.sluice.executor.window;

import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.AbstractOperator;
import java.util.Objects;

/**
 * A window table function read as a table: each row is emitted once per window it belongs to,
 * with window_start, window_end and window_time appended.
 */
public final class WindowTableFunctionOperator extends AbstractOperator {
    private final WindowSpec window;
    private final int timeField;

    public WindowTableFunctionOperator(WindowSpec window, int timeField) {
        this.window = Objects.requireNonNull(window, "window is null");
        this.timeField = timeField;
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        Object time = row[timeField];
        if (time == null) {
            return;
        }
        window.assign((Long) time, (start, end) -> {
            Object[] result = java.util.Arrays.copyOf(row, row.length + 3);
            result[row.length] = start;
            result[row.length + 1] = end;
            result[row.length + 2] = end - 1;
            output.emit(kind, result);
        });
    }
}
