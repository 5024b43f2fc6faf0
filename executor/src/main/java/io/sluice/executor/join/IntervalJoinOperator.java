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
 * <p>State, per side: event time → list of {@code [row, matched]} per join key, in the namespace of
 * the rows' cleanup time rounded up to a tenth of the interval. The watermark drops whole
 * namespaces, reading only the rows it drops; a new row looks its partners up in the (at most
 * eleven) namespaces its time range spans. Per-millisecond cleanup times had made Nexmark q7 spend
 * three quarters of its time finding and re-reading the rows still alive. Rows are so kept up to a
 * tenth of the interval longer, and the output watermark is held back by as much more. The
 * operator's own state is its watermark, so rows late before a restore are late after it.
 */
public final class IntervalJoinOperator extends AbstractOperator {
    private final JoinType type;
    private final int[][] keyFields;
    private final int[] timeFields;
    private final long lowerBound;
    private final long upperBound;
    private final long cleanupGranularity;
    private final long watermarkDelay;
    private final JoinedRows joined;

    private KeyedState state;
    private final List<MapState<Long, List<Object[]>>> rows = new ArrayList<>();
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
        this.cleanupGranularity = Math.max(1, upperBound / 10 - lowerBound / 10);
        // an outer row is emitted padded up to cleanupGranularity - 1 after its exact cleanup time
        this.watermarkDelay = saturatedAdd(Math.max(0, Math.max(upperBound, -lowerBound)), cleanupGranularity - 1);
        this.joined = new JoinedRows(leftArity, rightArity, residual);
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        state = new KeyedState(context.keyedStateStore());
        rows.add(state.mapState("left-rows"));
        rows.add(state.mapState("right-rows"));
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
        if (cleanupTime(input, time) <= currentWatermark) {
            context.metrics().lateRowsDropped().increment();
            return;
        }
        state.setCurrentKey(key);
        boolean matched = joinWithOtherSide(input, row, time);
        MapState<Long, List<Object[]>> own = rows.get(input);
        long namespace = namespaceOf(input, time);
        List<Object[]> atTime = own.get(namespace, time);
        List<Object[]> updated = atTime == null ? new ArrayList<>() : new ArrayList<>(atTime);
        updated.add(new Object[] {row, matched});
        own.put(namespace, time, updated);
    }

    /** When a row of {@code input} at {@code time} can no longer match a row still to come. */
    private long cleanupTime(int input, long time) {
        return input == 0 ? saturatedAdd(time, upperBound) : saturatedAdd(time, -lowerBound);
    }

    /** The namespace of a row: its cleanup time rounded up to the granularity. */
    private long namespaceOf(int input, long time) {
        long cleanup = cleanupTime(input, time);
        long remainder = Math.floorMod(cleanup, cleanupGranularity);
        return remainder == 0 ? cleanup : saturatedAdd(cleanup, cleanupGranularity - remainder);
    }

    private boolean joinWithOtherSide(int input, Object[] row, long time) {
        int other = 1 - input;
        long from = input == 0 ? saturatedAdd(time, lowerBound) : saturatedAdd(time, -upperBound);
        long to = input == 0 ? saturatedAdd(time, upperBound) : saturatedAdd(time, -lowerBound);
        boolean matched = false;
        MapState<Long, List<Object[]>> otherRows = rows.get(other);
        long last = namespaceOf(other, to);
        for (long namespace = namespaceOf(other, from); namespace <= last; namespace += cleanupGranularity) {
            for (Map.Entry<Long, List<Object[]>> entry : otherRows.entries(namespace).entrySet()) {
                long otherTime = entry.getKey();
                if (otherTime >= from && otherTime <= to) {
                    matched |= joinWith(input, row, other, namespace, otherTime, entry.getValue());
                }
            }
            if (namespace > Long.MAX_VALUE - cleanupGranularity) {
                break;
            }
        }
        return matched;
    }

    /** Joins the row with the other side's rows at one time, marking them matched for an outer side. */
    private boolean joinWith(int input, Object[] row, int other, long namespace, long otherTime, List<Object[]> buffered) {
        boolean matched = false;
        boolean changed = false;
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
            rows.get(other).put(namespace, otherTime, buffered);
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
            MapState<Long, List<Object[]>> own = rows.get(input);
            for (OptionalLong first = own.smallestNamespace(); first.isPresent() && first.getAsLong() <= watermark;
                    first = own.smallestNamespace()) {
                int side = input;
                own.drainNamespace(first.getAsLong(), (key, expired) -> emitUnmatched(side, expired));
            }
        }
        output.emitWatermark(watermark == Long.MAX_VALUE ? watermark : saturatedAdd(watermark, -watermarkDelay));
    }

    /** An outer side's rows that no later row can match and never matched, NULL-padded. */
    private void emitUnmatched(int input, Map<Long, List<Object[]>> expired) {
        if (!type.keepsUnmatched(input)) {
            return;
        }
        for (List<Object[]> atTime : expired.values()) {
            for (Object[] element : atTime) {
                if (!(Boolean) element[1]) {
                    output.emit(RowKind.INSERT, joined.padded(input, (Object[]) element[0]));
                }
            }
        }
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        return OperatorWatermark.snapshot(currentWatermark);
    }

    /** Buffered event times of each side, for tests: how much state the watermark has left. */
    public int bufferedTimes(int input) {
        int[] count = {0};
        MapState<Long, List<Object[]>> own = rows.get(input);
        for (long namespace : own.longNamespaces()) {
            own.forEachKey(namespace, (key, entries) -> count[0] += entries.size());
        }
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
