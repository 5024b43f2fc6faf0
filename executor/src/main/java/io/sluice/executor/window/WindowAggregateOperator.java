package io.sluice.executor.window;

import io.sluice.executor.aggregate.Accumulator;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.data.RowKey;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.AbstractOperator;
import io.sluice.executor.operators.OperatorContext;
import io.sluice.executor.operators.Output;
import io.sluice.executor.state.KeyedState;
import io.sluice.executor.state.ValueState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * GROUP BY window_start, window_end, keys over a window table function: accumulates each row into
 * every window it belongs to, and emits one row per window and key when the watermark passes the
 * window's end.
 *
 * <p>Output row: {@code [key fields…, window_start, window_end, window_time, aggregates…]}, where
 * window_time is {@code window_end - 1}, the rowtime of the result as in Flink SQL. A row arriving
 * after all its windows have fired is late: it is dropped and counted.
 *
 * <p>State: per key and window end (the namespace), the key's original values and the
 * accumulators, in the keyed state store, so it is checkpointed, rescaled by key group, and can
 * outgrow memory with RocksDB. The operator's own state is its watermark, so rows that were late
 * before a restore are late after it.
 */
public final class WindowAggregateOperator extends AbstractOperator {
    private final WindowSpec window;
    private final int timeField;
    private final int[] keyFields;
    private final List<AggregateSpec> aggregates;

    private KeyedState state;
    private ValueState<Object[]> windows;
    // the ends of windows with state, so firing seeks straight to a due window: finding the smallest
    // in the store would walk over the deletions of every window fired before (RocksDB tombstones)
    private final java.util.TreeSet<Long> openWindowEnds = new java.util.TreeSet<>();
    private long currentWatermark = Long.MIN_VALUE;

    public WindowAggregateOperator(WindowSpec window, int timeField, int[] keyFields, List<AggregateSpec> aggregates) {
        this.window = Objects.requireNonNull(window, "window is null");
        this.timeField = timeField;
        this.keyFields = keyFields.clone();
        this.aggregates = List.copyOf(aggregates);
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        state = new KeyedState(context.keyedStateStore());
        windows = state.valueState("windows");
        openWindowEnds.addAll(windows.longNamespaces());
        // on rescale several old watermarks are inherited: the smallest is the one all of them passed
        long restored = Long.MAX_VALUE;
        for (byte[] bytes : context.restoredState()) {
            restored = Math.min(restored, ByteBuffer.wrap(bytes).getLong());
        }
        if (!context.restoredState().isEmpty()) {
            currentWatermark = restored;
        }
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        if (kind != RowKind.INSERT) {
            // the planner only builds window aggregates over insert-only input
            throw new IllegalStateException("a window aggregate received a " + kind + " row");
        }
        Object time = row[timeField];
        if (time == null) {
            // Flink drops rows whose time attribute is null: they belong to no window
            context.metrics().lateRowsDropped().increment();
            return;
        }
        RowKey key = RowKey.of(row, keyFields);
        state.setCurrentKey(key);
        boolean[] accepted = {false};
        window.assign((Long) time, (start, end) -> {
            if (isFired(end)) {
                return;
            }
            accepted[0] = true;
            openWindowEnds.add(end);
            Object[] stored = windows.get(end);
            Accumulator[] accumulators = accumulators(stored);
            for (int i = 0; i < accumulators.length; i++) {
                aggregates.get(i).accumulate(accumulators[i], row);
            }
            windows.update(end, toState(stored == null ? keyValues(key) : (Object[]) stored[0], accumulators));
        });
        if (!accepted[0]) {
            context.metrics().lateRowsDropped().increment();
        }
    }

    private boolean isFired(long windowEnd) {
        return windowEnd - 1 <= currentWatermark;
    }

    private Accumulator[] accumulators(Object[] stored) {
        Accumulator[] accumulators = new Accumulator[aggregates.size()];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = aggregates.get(i).createAccumulator();
            if (stored != null) {
                accumulators[i].restore(stored[i + 1]);
            }
        }
        return accumulators;
    }

    private static Object[] toState(Object[] keyValues, Accumulator[] accumulators) {
        Object[] value = new Object[accumulators.length + 1];
        value[0] = keyValues;
        for (int i = 0; i < accumulators.length; i++) {
            value[i + 1] = accumulators[i].state();
        }
        return value;
    }

    private static Object[] keyValues(RowKey key) {
        Object[] values = new Object[key.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = key.get(i);
        }
        return values;
    }

    @Override
    public void processWatermark(long watermark) {
        if (watermark <= currentWatermark) {
            return;
        }
        currentWatermark = watermark;
        while (!openWindowEnds.isEmpty() && isFired(openWindowEnds.first())) {
            long windowEnd = openWindowEnds.pollFirst();
            long windowStart = window.startOf(windowEnd);
            windows.forEachKey(windowEnd, (key, stored) -> emit(windowStart, windowEnd, stored));
            windows.clearNamespace(windowEnd);
        }
        output.emitWatermark(watermark);
    }

    private void emit(long start, long end, Object[] stored) {
        Object[] keyValues = (Object[]) stored[0];
        Accumulator[] accumulators = accumulators(stored);
        Object[] result = new Object[keyValues.length + 3 + accumulators.length];
        System.arraycopy(keyValues, 0, result, 0, keyValues.length);
        int pos = keyValues.length;
        result[pos++] = start;
        result[pos++] = end;
        result[pos++] = end - 1;
        for (Accumulator accumulator : accumulators) {
            result[pos++] = accumulator.result();
        }
        output.emit(RowKind.INSERT, result);
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        return ByteBuffer.allocate(Long.BYTES).putLong(currentWatermark).array();
    }

    /** Window ends with open state, in firing order; for tests. */
    public List<Long> openWindowEnds() {
        return new ArrayList<>(windows.longNamespaces());
    }

    public int openWindowCount() {
        return windows.longNamespaces().size();
    }
}
