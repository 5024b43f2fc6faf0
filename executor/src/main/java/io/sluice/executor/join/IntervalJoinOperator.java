package io.sluice.executor.join;

import io.sluice.executor.data.RowKey;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.function.RowExpression;
import io.sluice.executor.operators.AbstractOperator;
import io.sluice.executor.operators.OperatorContext;
import io.sluice.executor.operators.OperatorWatermark;
import io.sluice.executor.operators.Output;
import io.sluice.executor.state.KeyedState;
import io.sluice.executor.state.MapState;
import io.sluice.executor.state.ValueState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A join of two insert-only streams whose condition bounds their event times against each other:
 * {@code lower <= rightTime - leftTime <= upper} (plus key equalities and a residual condition,
 * which includes the time bounds themselves). Each row is joined with the other side's buffered rows
 * as it arrives, so the output is insert-only.
 *
 * <p>A left row at time t can only match right rows up to {@code t + upper}, so once the watermark
 * reaches that it is dropped from the state (a right row at t once the watermark reaches
 * {@code t - lower}); an outer side's row that never matched is then emitted NULL-padded. A row
 * arriving after that point is late: dropped and counted.
 *
 * <p>Joined rows carry both input times, and rows still buffered can be up to
 * {@code max(upper, -lower)} behind the watermark, so the output watermark is held back by that much
 * to keep the time columns valid event-time attributes.
 *
 * <p>State, per join key and side: event time → list of {@code [row, matched]}; plus, per side, a
 * cleanup time per key (the namespace) so the watermark finds the keys to clean without a scan. The
 * operator's own state is its watermark, so rows late before a restore are late after it.
 */
public final class IntervalJoinOperator extends AbstractOperator {
    private final JoinType type;
    private final int[][] keyFields;
    private final int[] timeFields;
    private final long lowerBound;
    private final long upperBound;
    private final long watermarkDelay;
    private final JoinedRows joined;

    private KeyedState state;
    private final List<MapState<Long, List<Object[]>>> rows = new ArrayList<>();
    private final List<ValueState<Boolean>> cleanups = new ArrayList<>();
    private long currentWatermark = Long.MIN_VALUE;

    /**
     * @param lowerBound smallest {@code rightTime - leftTime} of a match, in milliseconds
     * @param upperBound largest {@code rightTime - leftTime} of a match, in milliseconds
     * @param residual the condition beyond the key equalities, over the joined row; null if none
     */
    public IntervalJoinOperator(JoinType type, int[] leftKeys, int[] rightKeys, int leftArity, int rightArity,
            int leftTimeField, int rightTimeField, long lowerBound, long upperBound, RowExpression residual) {
        this.type = Objects.requireNonNull(type, "type is null");
        if (leftKeys.length != rightKeys.length) {
            throw new IllegalArgumentException("left and right keys differ in number");
        }
        if (lowerBound > upperBound) {
            throw new IllegalArgumentException("empty time interval [" + lowerBound + ", " + upperBound + "]");
        }
        this.keyFields = new int[][] {leftKeys.clone(), rightKeys.clone()};
        this.timeFields = new int[] {leftTimeField, rightTimeField};
        this.lowerBound = lowerBound;
        this.upperBound = upperBound;
        this.watermarkDelay = Math.max(0, Math.max(upperBound, -lowerBound));
        this.joined = new JoinedRows(leftArity, rightArity, residual);
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        state = new KeyedState(context.keyedStateStore());
        rows.add(state.mapState("left-rows"));
        rows.add(state.mapState("right-rows"));
        cleanups.add(state.valueState("left-cleanup"));
        cleanups.add(state.valueState("right-cleanup"));
        currentWatermark = OperatorWatermark.restore(context);
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        if (kind != RowKind.INSERT) {
            // the planner only builds interval joins over insert-only inputs
            throw new IllegalStateException("an interval join received a " + kind + " row");
        }
        Long time = (Long) row[timeFields[input]];
        RowKey key = RowKey.of(row, keyFields[input]);
        if (time == null || JoinedRows.hasNull(key)) {
            // no time or key: the row can never match
            if (type.keepsUnmatched(input)) {
                output.emit(RowKind.INSERT, joined.padded(input, row));
            }
            return;
        }
        long cleanup = cleanupTime(input, time);
        if (cleanup <= currentWatermark) {
            context.metrics().lateRowsDropped().increment();
            return;
        }
        state.setCurrentKey(key);
        boolean matched = joinWithOtherSide(input, row, time);
        MapState<Long, List<Object[]>> own = rows.get(input);
        List<Object[]> atTime = own.get(KeyedState.NO_NAMESPACE, time);
        List<Object[]> updated = atTime == null ? new ArrayList<>() : new ArrayList<>(atTime);
        updated.add(new Object[] {row, matched});
        own.put(KeyedState.NO_NAMESPACE, time, updated);
        cleanups.get(input).update(cleanup, Boolean.TRUE);
    }

    /** When a row of {@code input} at {@code time} can no longer match a row still to come. */
    private long cleanupTime(int input, long time) {
        return input == 0 ? saturatedAdd(time, upperBound) : saturatedAdd(time, -lowerBound);
    }

    private boolean joinWithOtherSide(int input, Object[] row, long time) {
        int other = 1 - input;
        long from = input == 0 ? saturatedAdd(time, lowerBound) : saturatedAdd(time, -upperBound);
        long to = input == 0 ? saturatedAdd(time, upperBound) : saturatedAdd(time, -lowerBound);
        boolean matched = false;
        MapState<Long, List<Object[]>> otherRows = rows.get(other);
        for (Map.Entry<Long, List<Object[]>> entry : otherRows.entries(KeyedState.NO_NAMESPACE).entrySet()) {
            long otherTime = entry.getKey();
            if (otherTime < from || otherTime > to) {
                continue;
            }
            boolean changed = false;
            List<Object[]> buffered = entry.getValue();
            for (int i = 0; i < buffered.size(); i++) {
                Object[] element = buffered.get(i);
                Object[] result = joined.join(input, row, (Object[]) element[0]);
                if (!joined.matches(result)) {
                    continue;
                }
                output.emit(RowKind.INSERT, result);
                matched = true;
                if (!(Boolean) element[1]) {
                    buffered.set(i, new Object[] {element[0], Boolean.TRUE});
                    changed = true;
                }
            }
            if (changed && type.keepsUnmatched(other)) {
                otherRows.put(KeyedState.NO_NAMESPACE, otherTime, buffered);
            }
        }
        return matched;
    }

    @Override
    public void processWatermark(long watermark) {
        if (watermark <= currentWatermark) {
            return;
        }
        currentWatermark = watermark;
        for (int input = 0; input < 2; input++) {
            ValueState<Boolean> due = cleanups.get(input);
            for (OptionalLong first = due.smallestNamespace(); first.isPresent() && first.getAsLong() <= watermark;
                    first = due.smallestNamespace()) {
                int side = input;
                due.drainNamespace(first.getAsLong(), (key, ignored) -> expire(side));
            }
        }
        output.emitWatermark(watermark == Long.MAX_VALUE ? watermark : saturatedAdd(watermark, -watermarkDelay));
    }

    /** Drops the current key's rows of {@code input} no later row can match, emitting unmatched outer rows. */
    private void expire(int input) {
        MapState<Long, List<Object[]>> own = rows.get(input);
        for (Map.Entry<Long, List<Object[]>> entry : own.entries(KeyedState.NO_NAMESPACE).entrySet()) {
            if (cleanupTime(input, entry.getKey()) > currentWatermark) {
                continue;
            }
            if (type.keepsUnmatched(input)) {
                for (Object[] element : entry.getValue()) {
                    if (!(Boolean) element[1]) {
                        output.emit(RowKind.INSERT, joined.padded(input, (Object[]) element[0]));
                    }
                }
            }
            own.remove(KeyedState.NO_NAMESPACE, entry.getKey());
        }
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        return OperatorWatermark.snapshot(currentWatermark);
    }

    /** Buffered event times of each side, for tests: how much state the watermark has left. */
    public int bufferedTimes(int input) {
        int[] count = {0};
        rows.get(input).forEachKey(KeyedState.NO_NAMESPACE, (key, entries) -> count[0] += entries.size());
        return count[0];
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        // overflow only when both have the same sign and the sum has the other
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }
}
