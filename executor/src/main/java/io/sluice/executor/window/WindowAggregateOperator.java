package io.sluice.executor.window;

import io.sluice.executor.aggregate.Accumulator;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.data.RowKey;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.AbstractOperator;
import io.sluice.executor.operators.OperatorContext;
import io.sluice.executor.operators.OperatorWatermark;
import io.sluice.executor.operators.Output;
import io.sluice.executor.state.KeyedState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * GROUP BY window_start, window_end, keys over a window table function, or over rows that carry
 * their window already ({@link WindowAssignment}): accumulates each row into every window it
 * belongs to, and emits one row per window and key when the watermark passes the window's end.
 *
 * <p>Output row: {@code [key fields…, window_start, window_end, window_time, aggregates…]}, where
 * window_time is {@code window_end - 1}, the rowtime of the result as in Flink SQL. A row arriving
 * after all its windows have fired is late: it is dropped and counted.
 *
 * <p>State: per key and window end (the namespace), the key's original values and the
 * accumulators, in the keyed state store, so it is checkpointed, rescaled by key group, and can
 * outgrow memory with RocksDB; recently used ones are cached as objects in front of the store and
 * written to it at every snapshot ({@link OpenWindows}). The operator's own state is its watermark, so rows that were late
 * before a restore are late after it.
 */
public final class WindowAggregateOperator extends AbstractOperator {
    private final WindowAssignment assignment;
    private final int[] keyFields;
    private final List<AggregateSpec> aggregates;
    private final int cacheCapacity;

    private OpenWindows openWindows;
    private long currentWatermark = Long.MIN_VALUE;

    public WindowAggregateOperator(WindowSpec window, int timeField, int[] keyFields, List<AggregateSpec> aggregates) {
        this(new WindowAssignment.ByTime(window, timeField), keyFields, aggregates, OpenWindows.DEFAULT_CAPACITY);
    }

    public WindowAggregateOperator(WindowAssignment assignment, int[] keyFields, List<AggregateSpec> aggregates) {
        this(assignment, keyFields, aggregates, OpenWindows.DEFAULT_CAPACITY);
    }

    /**
     * With room for {@code cacheCapacity} (window, key) accumulators as objects in front of the
     * keyed store. Windows read from the row keep their start as the last key value.
     */
    public WindowAggregateOperator(WindowAssignment assignment, int[] keyFields, List<AggregateSpec> aggregates,
            int cacheCapacity) {
        this.assignment = Objects.requireNonNull(assignment, "assignment is null");
        this.keyFields = assignment instanceof WindowAssignment.Attached attached
                ? appended(keyFields, attached.startField()) : keyFields.clone();
        this.aggregates = List.copyOf(aggregates);
        this.cacheCapacity = cacheCapacity;
    }

    private static int[] appended(int[] fields, int field) {
        int[] result = java.util.Arrays.copyOf(fields, fields.length + 1);
        result[fields.length] = field;
        return result;
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        openWindows = new OpenWindows(new KeyedState(context.keyedStateStore()), aggregates, cacheCapacity);
        currentWatermark = OperatorWatermark.restore(context);
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        if (kind != RowKind.INSERT) {
            // the planner only builds window aggregates over insert-only input
            throw new IllegalStateException("a window aggregate received a " + kind + " row");
        }
        if (assignment instanceof WindowAssignment.Attached attached) {
            accumulateAttached(row, attached);
        } else {
            accumulateByTime(row, (WindowAssignment.ByTime) assignment);
        }
    }

    private void accumulateByTime(Object[] row, WindowAssignment.ByTime byTime) {
        Object time = row[byTime.timeField()];
        if (time == null) {
            // Flink drops rows whose time attribute is null: they belong to no window
            context.metrics().lateRowsDropped().increment();
            return;
        }
        RowKey key = RowKey.of(row, keyFields);
        boolean[] accepted = {false};
        byTime.spec().assign((Long) time, (start, end) -> {
            if (isFired(end)) {
                return;
            }
            accepted[0] = true;
            accumulate(end, key, row);
        });
        if (!accepted[0]) {
            context.metrics().lateRowsDropped().increment();
        }
    }

    /** An upstream window operator emits a window's rows before it passes the watermark on, so none is late. */
    private void accumulateAttached(Object[] row, WindowAssignment.Attached attached) {
        Object end = row[attached.endField()];
        if (end == null || row[attached.startField()] == null || isFired((Long) end)) {
            context.metrics().lateRowsDropped().increment();
            return;
        }
        accumulate((Long) end, RowKey.of(row, keyFields), row);
    }

    private void accumulate(long windowEnd, RowKey key, Object[] row) {
        Accumulator[] accumulators = openWindows.accumulatorsToUpdate(windowEnd, key);
        for (int i = 0; i < accumulators.length; i++) {
            aggregates.get(i).accumulate(accumulators[i], row);
        }
    }

    private boolean isFired(long windowEnd) {
        return windowEnd - 1 <= currentWatermark;
    }

    @Override
    public void processWatermark(long watermark) {
        if (watermark <= currentWatermark) {
            return;
        }
        currentWatermark = watermark;
        for (OptionalLong first = openWindows.firstEnd(); first.isPresent() && isFired(first.getAsLong());
                first = openWindows.firstEnd()) {
            long windowEnd = first.getAsLong();
            openWindows.fire(windowEnd, (keyValues, accumulators) -> emit(windowEnd, keyValues, accumulators));
        }
        output.emitWatermark(watermark);
    }

    /** Windows read from the row have their start as the last key value, where the output wants it. */
    private void emit(long end, Object[] keyValues, Accumulator[] accumulators) {
        boolean startInKey = assignment instanceof WindowAssignment.Attached;
        Object[] result = new Object[keyValues.length + (startInKey ? 2 : 3) + accumulators.length];
        System.arraycopy(keyValues, 0, result, 0, keyValues.length);
        int pos = keyValues.length;
        if (!startInKey) {
            result[pos++] = ((WindowAssignment.ByTime) assignment).spec().startOf(end);
        }
        result[pos++] = end;
        result[pos++] = end - 1;
        for (Accumulator accumulator : accumulators) {
            result[pos++] = accumulator.result();
        }
        output.emit(RowKind.INSERT, result);
    }

    /** Writes the cached accumulators to the keyed store, which the runtime snapshots right after. */
    @Override
    public byte[] snapshotState(long checkpointId) {
        openWindows.flush();
        return OperatorWatermark.snapshot(currentWatermark);
    }

    /** Window ends with open state, in firing order; for tests. */
    public List<Long> openWindowEnds() {
        return new ArrayList<>(openWindows.ends());
    }

    public int openWindowCount() {
        return openWindows.ends().size();
    }

    /** (window, key) accumulators held as objects in front of the store; for tests. */
    public int cachedEntries() {
        return openWindows.cachedEntries();
    }
}
