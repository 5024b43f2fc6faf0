package io.sluice.executor.group;

import io.sluice.executor.aggregate.AggregateKind;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.aggregate.RetractableAccumulator;
import io.sluice.executor.aggregate.RetractableAccumulators;
import io.sluice.executor.data.RowKey;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.AbstractOperator;
import io.sluice.executor.operators.OperatorContext;
import io.sluice.executor.operators.Output;
import io.sluice.executor.state.KeyedState;
import io.sluice.executor.state.ValueState;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * GROUP BY over a stream without a window: keeps the aggregates of every group and, for each input
 * row, emits how the group's result row changed — {@code +I} for a new group, {@code -U} of the old
 * and {@code +U} of the new result for a changed one, {@code -D} when its last row was retracted.
 * A row that leaves the result unchanged emits nothing.
 *
 * <p>Input may be updating: {@code +I}/{@code +U} rows are accumulated, {@code -U}/{@code -D} rows
 * retracted. Output row: {@code [key fields…, aggregates…]}.
 *
 * <p>State: per key, the number of rows in the group and the accumulators, in the keyed state store
 * (checkpointed, rescaled by key group, larger than memory with RocksDB).
 */
public final class GroupAggregateOperator extends AbstractOperator {
    private final int[] keyFields;
    private final List<AggregateSpec> aggregates;
    private final boolean retractions;

    private KeyedState state;
    private ValueState<Object[]> groups;

    /**
     * @param retractions whether the input is updating: only then do accumulators keep what taking a
     *     value out needs (MIN/MAX keep every value), which an insert-only input never pays for
     */
    public GroupAggregateOperator(int[] keyFields, List<AggregateSpec> aggregates, boolean retractions) {
        this.keyFields = keyFields.clone();
        this.aggregates = List.copyOf(Objects.requireNonNull(aggregates, "aggregates is null"));
        this.retractions = retractions;
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        state = new KeyedState(context.keyedStateStore());
        groups = state.valueState("groups");
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        RowKey key = RowKey.of(row, keyFields);
        state.setCurrentKey(key);
        Object[] stored = groups.get();
        long rows = stored == null ? 0 : ((Number) stored[0]).longValue();
        RetractableAccumulator[] accumulators = accumulators(stored);
        Object[] before = rows == 0 ? null : resultRow(row, accumulators);
        boolean adds = kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER;
        if (!adds && rows == 0) {
            // a retraction of a row this group never counted (e.g. state expired): nothing to take back
            return;
        }
        for (int i = 0; i < accumulators.length; i++) {
            change(aggregates.get(i), accumulators[i], row, adds);
        }
        rows += adds ? 1 : -1;
        if (rows == 0) {
            groups.clear();
            output.emit(RowKind.DELETE, before);
            return;
        }
        groups.update(toState(rows, accumulators));
        Object[] after = resultRow(row, accumulators);
        if (before == null) {
            output.emit(RowKind.INSERT, after);
        } else if (!Arrays.equals(before, after)) {
            output.emit(RowKind.UPDATE_BEFORE, before);
            output.emit(RowKind.UPDATE_AFTER, after);
        }
    }

    /** Adds or retracts one row, honouring the FILTER clause and NULL semantics. */
    private static void change(AggregateSpec spec, RetractableAccumulator accumulator, Object[] row, boolean adds) {
        if (spec.filterIndex() >= 0 && !Boolean.TRUE.equals(row[spec.filterIndex()])) {
            return;
        }
        Object value = spec.kind() == AggregateKind.COUNT_STAR ? Boolean.TRUE : row[spec.argIndex()];
        if (value == null) {
            return;
        }
        if (adds) {
            accumulator.add(value);
        } else {
            accumulator.retract(value);
        }
    }

    private RetractableAccumulator[] accumulators(Object[] stored) {
        RetractableAccumulator[] accumulators = new RetractableAccumulator[aggregates.size()];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = retractions ? RetractableAccumulators.create(aggregates.get(i))
                    : RetractableAccumulators.appendOnly(aggregates.get(i));
            if (stored != null) {
                accumulators[i].restore(stored[i + 1]);
            }
        }
        return accumulators;
    }

    private static Object[] toState(long rows, RetractableAccumulator[] accumulators) {
        Object[] value = new Object[accumulators.length + 1];
        value[0] = rows;
        for (int i = 0; i < accumulators.length; i++) {
            value[i + 1] = accumulators[i].state();
        }
        return value;
    }

    /** The group's result row: its key values (from any row of the group), then the aggregates. */
    private Object[] resultRow(Object[] row, RetractableAccumulator[] accumulators) {
        Object[] result = new Object[keyFields.length + accumulators.length];
        for (int i = 0; i < keyFields.length; i++) {
            result[i] = row[keyFields[i]];
        }
        for (int i = 0; i < accumulators.length; i++) {
            result[keyFields.length + i] = accumulators[i].result();
        }
        return result;
    }
}
