package io.sluice.executor.join;

import io.sluice.executor.data.RowKey;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.function.RowExpression;
import io.sluice.executor.operators.AbstractOperator;
import io.sluice.executor.operators.OperatorContext;
import io.sluice.executor.operators.OperatorWatermark;
import io.sluice.executor.operators.Output;
import io.sluice.executor.state.KeyedState;
import io.sluice.executor.state.ListState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A join of two insert-only streams of windowed rows on equal windows: both sides' rows are
 * buffered per window, and when the watermark passes a window's end its rows are joined, emitted
 * (insert-only, NULL-padded for an outer side's rows without a match) and dropped from the state.
 * A row whose window has already been joined is late: dropped and counted.
 *
 * <p>The key fields include window_start (with window_end as the namespace, the pair identifies
 * the window), so windows spread over the subtasks even without other keys.
 *
 * <p>State: per key and window end (the namespace), each side's rows. The operator's own state is
 * its watermark, so rows late before a restore are late after it.
 */
public final class WindowJoinOperator extends AbstractOperator {
    private final JoinType type;
    private final int[][] keyFields;
    private final int[] windowEndFields;
    private final JoinedRows joined;

    private KeyedState state;
    private final List<ListState<Object[]>> rows = new ArrayList<>();
    private long currentWatermark = Long.MIN_VALUE;

    /**
     * @param leftKeys the left key fields, window_start among them
     * @param leftWindowEnd the left row's window_end field
     * @param residual the condition beyond the key and window equalities, over the joined row; null if none
     */
    public WindowJoinOperator(JoinType type, int[] leftKeys, int[] rightKeys, int leftArity, int rightArity,
            int leftWindowEnd, int rightWindowEnd, RowExpression residual) {
        this.type = Objects.requireNonNull(type, "type is null");
        if (leftKeys.length != rightKeys.length) {
            throw new IllegalArgumentException("left and right keys differ in number");
        }
        this.keyFields = new int[][] {leftKeys.clone(), rightKeys.clone()};
        this.windowEndFields = new int[] {leftWindowEnd, rightWindowEnd};
        this.joined = new JoinedRows(leftArity, rightArity, residual);
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        state = new KeyedState(context.keyedStateStore());
        rows.add(state.listState("left"));
        rows.add(state.listState("right"));
        currentWatermark = OperatorWatermark.restore(context);
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        if (kind != RowKind.INSERT) {
            // the planner only builds window joins over insert-only inputs
            throw new IllegalStateException("a window join received a " + kind + " row");
        }
        Long windowEnd = (Long) row[windowEndFields[input]];
        RowKey key = RowKey.of(row, keyFields[input]);
        if (windowEnd == null || JoinedRows.hasNull(key)) {
            if (type.keepsUnmatched(input)) {
                output.emit(RowKind.INSERT, joined.padded(input, row));
            }
            return;
        }
        if (isJoined(windowEnd)) {
            context.metrics().lateRowsDropped().increment();
            return;
        }
        state.setCurrentKey(key);
        rows.get(input).add(windowEnd, row);
    }

    /** A window is joined once the watermark reaches its last instant, as a window aggregate fires. */
    private boolean isJoined(long windowEnd) {
        return windowEnd - 1 <= currentWatermark;
    }

    @Override
    public void processWatermark(long watermark) {
        if (watermark <= currentWatermark) {
            return;
        }
        currentWatermark = watermark;
        for (OptionalLong end = firstWindowEnd(); end.isPresent() && isJoined(end.getAsLong()); end = firstWindowEnd()) {
            joinWindow(end.getAsLong());
        }
        output.emitWatermark(watermark);
    }

    private OptionalLong firstWindowEnd() {
        OptionalLong left = rows.get(0).smallestNamespace();
        OptionalLong right = rows.get(1).smallestNamespace();
        if (left.isEmpty()) {
            return right;
        }
        return right.isEmpty() || left.getAsLong() <= right.getAsLong() ? left : right;
    }

    private void joinWindow(long windowEnd) {
        ListState<Object[]> left = rows.get(0);
        ListState<Object[]> right = rows.get(1);
        left.forEachKey(windowEnd, (key, leftRows) -> {
            join(leftRows, right.get(windowEnd));
            right.clear(windowEnd);
        });
        left.clearNamespace(windowEnd);
        // what is left on the right had no rows on the left
        if (type.keepsUnmatched(1)) {
            right.forEachKey(windowEnd, (key, rightRows) -> rightRows.forEach(
                    row -> output.emit(RowKind.INSERT, joined.padded(1, row))));
        }
        right.clearNamespace(windowEnd);
    }

    private void join(List<Object[]> leftRows, List<Object[]> rightRows) {
        boolean[] rightMatched = new boolean[rightRows.size()];
        for (Object[] left : leftRows) {
            boolean matched = false;
            for (int i = 0; i < rightRows.size(); i++) {
                Object[] result = joined.join(0, left, rightRows.get(i));
                if (joined.matches(result)) {
                    output.emit(RowKind.INSERT, result);
                    matched = true;
                    rightMatched[i] = true;
                }
            }
            if (!matched && type.keepsUnmatched(0)) {
                output.emit(RowKind.INSERT, joined.padded(0, left));
            }
        }
        if (type.keepsUnmatched(1)) {
            for (int i = 0; i < rightRows.size(); i++) {
                if (!rightMatched[i]) {
                    output.emit(RowKind.INSERT, joined.padded(1, rightRows.get(i)));
                }
            }
        }
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        return OperatorWatermark.snapshot(currentWatermark);
    }

    /** Window ends with buffered rows on either side, for tests. */
    public int bufferedWindows() {
        java.util.SortedSet<Long> ends = new java.util.TreeSet<>(rows.get(0).longNamespaces());
        ends.addAll(rows.get(1).longNamespaces());
        return ends.size();
    }
}
