package io.sluice.executor.join;

import io.sluice.executor.data.RowKey;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.function.RowExpression;
import io.sluice.executor.operators.AbstractOperator;
import io.sluice.executor.operators.OperatorContext;
import io.sluice.executor.operators.Output;
import io.sluice.executor.state.KeyedState;
import io.sluice.executor.state.MapState;
import java.util.Map;
import java.util.Objects;

/**
 * An equi-join of two changelogs (input 0 left, input 1 right), both hashed by their join keys:
 * every row is kept, and each change of one side is joined with the other side's current rows.
 *
 * <p>Output: joined rows take the kind of the change that made them ({@code +I}/{@code +U} when a
 * row is added, {@code -U}/{@code -D} when one is taken back). An outer side's row without a match
 * appears NULL-padded: the padded row is deleted ({@code -D}) when the row's first match arrives
 * and inserted again ({@code +I}) when its last match goes, as Flink does.
 *
 * <p>State, per join key and side: a map from row to {@code [row, count, matches]}: how many copies
 * of the row the side holds (a side may hold duplicates) and, for outer sides, how many rows of the
 * other side match it, so that the padded row is retracted at the right moment. Rows of a key are
 * compared by value (DECIMALs numerically). A row with a NULL key never matches and is not kept.
 */
public final class RegularJoinOperator extends AbstractOperator {
    private static final int ROW = 0;
    private static final int COUNT = 1;
    private static final int MATCHES = 2;

    private final JoinType type;
    private final int[][] keyFields;
    private final JoinedRows joined;

    private KeyedState state;
    private final MapState<Object[], Object[]>[] rows = newStates();

    /**
     * @param residual the condition beyond the key equalities, over the joined row; null if none
     */
    public RegularJoinOperator(JoinType type, int[] leftKeys, int[] rightKeys, int leftArity, int rightArity,
            RowExpression residual) {
        this.type = Objects.requireNonNull(type, "type is null");
        if (leftKeys.length != rightKeys.length) {
            throw new IllegalArgumentException("left and right keys differ in number");
        }
        this.keyFields = new int[][] {leftKeys.clone(), rightKeys.clone()};
        this.joined = new JoinedRows(leftArity, rightArity, residual);
    }

    @SuppressWarnings("unchecked")
    private static MapState<Object[], Object[]>[] newStates() {
        return new MapState[2];
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        state = new KeyedState(context.keyedStateStore());
        rows[0] = state.mapState("left");
        rows[1] = state.mapState("right");
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        RowKey key = RowKey.of(row, keyFields[input]);
        boolean adds = kind.isAccumulate();
        if (JoinedRows.hasNull(key)) {
            if (type.keepsUnmatched(input)) {
                output.emit(adds ? RowKind.INSERT : RowKind.DELETE, joined.padded(input, row));
            }
            return;
        }
        state.setCurrentKey(key);
        Object[] own = rows[input].get(KeyedState.NO_NAMESPACE, row);
        if (!adds && own == null) {
            // a retraction of a row this side does not hold: nothing was joined with it
            return;
        }
        long matches = joinWithOtherSide(input, kind, row);
        if (type.keepsUnmatched(input) && matches == 0) {
            output.emit(adds ? RowKind.INSERT : RowKind.DELETE, joined.padded(input, row));
        }
        long count = (own == null ? 0 : (Long) own[COUNT]) + (adds ? 1 : -1);
        if (count == 0) {
            rows[input].remove(KeyedState.NO_NAMESPACE, row);
        } else {
            rows[input].put(KeyedState.NO_NAMESPACE, row, new Object[] {row, count, matches});
        }
    }

    /**
     * Emits the change of {@code row} joined with each matching row of the other side (once per
     * copy of it), keeps the other side's match counts, and returns how many rows matched.
     */
    private long joinWithOtherSide(int input, RowKind kind, Object[] row) {
        int other = 1 - input;
        boolean adds = kind.isAccumulate();
        boolean otherIsOuter = type.keepsUnmatched(other);
        long matches = 0;
        for (Map.Entry<Object[], Object[]> entry : rows[other].entries(KeyedState.NO_NAMESPACE).entrySet()) {
            Object[] stored = entry.getValue();
            Object[] otherRow = (Object[]) stored[ROW];
            Object[] result = joined.join(input, row, otherRow);
            if (!joined.matches(result)) {
                continue;
            }
            long copies = (Long) stored[COUNT];
            long otherMatches = (Long) stored[MATCHES];
            matches += copies;
            if (otherIsOuter && adds && otherMatches == 0) {
                emit(RowKind.DELETE, joined.padded(other, otherRow), copies);
            }
            emit(kind, result, copies);
            if (otherIsOuter) {
                long nowMatching = otherMatches + (adds ? 1 : -1);
                rows[other].put(KeyedState.NO_NAMESPACE, entry.getKey(), new Object[] {otherRow, copies, nowMatching});
                if (nowMatching == 0) {
                    emit(RowKind.INSERT, joined.padded(other, otherRow), copies);
                }
            }
        }
        return matches;
    }

    private void emit(RowKind kind, Object[] row, long copies) {
        for (long i = 0; i < copies; i++) {
            output.emit(kind, row);
        }
    }
}
