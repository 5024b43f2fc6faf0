package io.sluice.executor.rank;

import io.sluice.executor.data.RowKey;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.AbstractOperator;
import io.sluice.executor.operators.OperatorContext;
import io.sluice.executor.operators.Output;
import io.sluice.executor.state.KeyedState;
import io.sluice.executor.state.ValueState;

/**
 * {@code ROW_NUMBER() OVER (PARTITION BY keys ORDER BY rowtime DESC) = 1} over an insert-only
 * stream: the latest row of each key. A key's first row is {@code +I}; a row at least as late as the
 * kept one replaces it ({@code -U} old, {@code +U} new: at equal times the later arrival wins, as in
 * Flink); an earlier row, arriving out of order, changes nothing.
 *
 * <p>Row: the input fields, then the rank number 1 when the query selects it. State: per key, the
 * kept row.
 */
public final class LastRowDeduplicateOperator extends AbstractOperator {
    private final int[] keyFields;
    private final int timeField;
    private final boolean outputRankNumber;

    private KeyedState state;
    private ValueState<Object[]> lastRows;

    public LastRowDeduplicateOperator(int[] keyFields, int timeField, boolean outputRankNumber) {
        this.keyFields = keyFields.clone();
        this.timeField = timeField;
        this.outputRankNumber = outputRankNumber;
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        state = new KeyedState(context.keyedStateStore());
        lastRows = state.valueState("last");
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        if (!kind.isAccumulate()) {
            // the planner only deduplicates insert-only input; updating input goes to TopNOperator
            throw new IllegalStateException("a deduplication received a " + kind + " row");
        }
        state.setCurrentKey(RowKey.of(row, keyFields));
        Object[] last = lastRows.get();
        if (last != null && isEarlier(row, last)) {
            return;
        }
        lastRows.update(row);
        if (last == null) {
            output.emit(RowKind.INSERT, shown(row));
        } else {
            output.emit(RowKind.UPDATE_BEFORE, shown(last));
            output.emit(RowKind.UPDATE_AFTER, shown(row));
        }
    }

    /** NULL times sort last in a descending order: a NULL-time row never replaces a timed one. */
    private boolean isEarlier(Object[] row, Object[] last) {
        Object time = row[timeField];
        Object lastTime = last[timeField];
        if (time == null) {
            return lastTime != null;
        }
        return lastTime != null && (Long) time < (Long) lastTime;
    }

    private Object[] shown(Object[] row) {
        return outputRankNumber ? TopNOperator.withRank(row, 1) : row;
    }
}
