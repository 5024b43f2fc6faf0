package io.sluice.executor.rank;

import io.sluice.executor.data.RowKey;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.AbstractOperator;
import io.sluice.executor.operators.OperatorContext;
import io.sluice.executor.operators.Output;
import io.sluice.executor.state.KeyedState;
import io.sluice.executor.state.ValueState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * {@code ROW_NUMBER() OVER (PARTITION BY keys ORDER BY …)} filtered to a range of ranks, over a
 * stream: keeps each partition's rows in rank order and emits how the rows in the range changed.
 *
 * <p>With the rank number in the output (row: input fields, then the rank as BIGINT), the result is
 * one row per (partition, rank), as in Flink: a rank that gets its first row is {@code +I}, a rank
 * whose row changes is {@code -U} of the old and {@code +U} of the new row, a rank left without a
 * row (after a retraction) is {@code -D}. Without the rank number only rows entering the range
 * ({@code +I}) and leaving it ({@code -D}) are emitted.
 *
 * <p>Input may be updating: {@code +I}/{@code +U} rows are ranked, {@code -U}/{@code -D} rows taken
 * out, and the next row moves up. Over an insert-only input a partition keeps only the rows up to
 * the end of the range (a row below it can never come back up); over an updating one it keeps every
 * row, since any of them may become needed when rows above it are retracted.
 *
 * <p>State: per partition key, its rows in rank order, in the keyed state store.
 */
public final class TopNOperator extends AbstractOperator {
    private final int[] keyFields;
    private final SortOrder order;
    private final RankRange range;
    private final boolean outputRankNumber;
    private final boolean updatingInput;

    private KeyedState state;
    private ValueState<Object[]> partitions;

    public TopNOperator(int[] keyFields, SortOrder order, RankRange range, boolean outputRankNumber,
            boolean updatingInput) {
        this.keyFields = keyFields.clone();
        this.order = Objects.requireNonNull(order, "order is null");
        this.range = Objects.requireNonNull(range, "range is null");
        this.outputRankNumber = outputRankNumber;
        this.updatingInput = updatingInput;
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        state = new KeyedState(context.keyedStateStore());
        partitions = state.valueState("ranked");
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        state.setCurrentKey(RowKey.of(row, keyFields));
        RankedRows rows = new RankedRows(order, partitions.get());
        List<Object[]> before = rows.inRange(range);
        if (kind.isAccumulate()) {
            int position = rows.insertionPoint(row);
            if (!updatingInput && position >= range.end()) {
                // ranks below the range: it can only fall further, so it is neither shown nor kept
                return;
            }
            rows.add(position, row);
            if (!updatingInput) {
                rows.truncate((int) range.end());
            }
        } else if (!rows.remove(row)) {
            // a retraction of a row this partition does not hold (e.g. its state expired): nothing changes
            return;
        }
        if (rows.isEmpty()) {
            partitions.clear();
        } else {
            partitions.update(rows.toState());
        }
        List<Object[]> after = rows.inRange(range);
        if (outputRankNumber) {
            emitByRank(before, after);
        } else {
            emitEnteringAndLeaving(before, after);
        }
    }

    /** One row per rank: each rank whose row differs is updated, inserted or deleted. */
    private void emitByRank(List<Object[]> before, List<Object[]> after) {
        for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
            long rank = range.start() + i;
            Object[] old = i < before.size() ? before.get(i) : null;
            Object[] now = i < after.size() ? after.get(i) : null;
            if (old == null) {
                output.emit(RowKind.INSERT, withRank(now, rank));
            } else if (now == null) {
                output.emit(RowKind.DELETE, withRank(old, rank));
            } else if (old != now && !RankedRows.sameValues(old, now)) {
                output.emit(RowKind.UPDATE_BEFORE, withRank(old, rank));
                output.emit(RowKind.UPDATE_AFTER, withRank(now, rank));
            }
        }
    }

    /** Rows as a multiset: those only before leave ({@code -D}), those only after enter ({@code +I}). */
    private void emitEnteringAndLeaving(List<Object[]> before, List<Object[]> after) {
        List<Object[]> entering = new ArrayList<>(after);
        List<Object[]> leaving = new ArrayList<>();
        for (Object[] old : before) {
            if (!removeSame(entering, old)) {
                leaving.add(old);
            }
        }
        leaving.forEach(row -> output.emit(RowKind.DELETE, row));
        entering.forEach(row -> output.emit(RowKind.INSERT, row));
    }

    private static boolean removeSame(List<Object[]> rows, Object[] row) {
        for (Iterator<Object[]> it = rows.iterator(); it.hasNext(); ) {
            Object[] candidate = it.next();
            if (candidate == row || RankedRows.sameValues(candidate, row)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    static Object[] withRank(Object[] row, long rank) {
        Object[] result = new Object[row.length + 1];
        System.arraycopy(row, 0, result, 0, row.length);
        result[row.length] = rank;
        return result;
    }
}
