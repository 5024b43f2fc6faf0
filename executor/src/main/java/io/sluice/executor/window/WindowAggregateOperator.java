package io.sluice.executor.window;

import io.sluice.executor.aggregate.Accumulator;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.data.RowKey;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.AbstractOperator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * GROUP BY window_start, window_end, keys over a window table function: accumulates each row into
 * every window it belongs to, and emits one row per window and key when the watermark passes the
 * window's end.
 *
 * <p>Output row: {@code [key fields…, window_start, window_end, window_time, aggregates…]}, where
 * window_time is {@code window_end - 1}, the rowtime of the result as in Flink SQL. A row arriving
 * after all its windows have fired is late: it is dropped and counted.
 */
public final class WindowAggregateOperator extends AbstractOperator {
    private final WindowSpec window;
    private final int timeField;
    private final int[] keyFields;
    private final List<AggregateSpec> aggregates;

    // window end -> (key -> accumulators), fired in end order; keys keep arrival order for stable output
    private final NavigableMap<Long, Map<RowKey, Accumulator[]>> windows = new TreeMap<>();
    private long currentWatermark = Long.MIN_VALUE;

    public WindowAggregateOperator(WindowSpec window, int timeField, int[] keyFields, List<AggregateSpec> aggregates) {
        this.window = Objects.requireNonNull(window, "window is null");
        this.timeField = timeField;
        this.keyFields = keyFields.clone();
        this.aggregates = List.copyOf(aggregates);
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
        boolean[] accepted = {false};
        window.assign((Long) time, (start, end) -> {
            if (isFired(end)) {
                return;
            }
            accepted[0] = true;
            Accumulator[] accumulators = windows.computeIfAbsent(end, e -> new LinkedHashMap<>())
                    .computeIfAbsent(key, k -> newAccumulators());
            for (int i = 0; i < accumulators.length; i++) {
                aggregates.get(i).accumulate(accumulators[i], row);
            }
        });
        if (!accepted[0]) {
            context.metrics().lateRowsDropped().increment();
        }
    }

    private boolean isFired(long windowEnd) {
        return windowEnd - 1 <= currentWatermark;
    }

    private Accumulator[] newAccumulators() {
        Accumulator[] accumulators = new Accumulator[aggregates.size()];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = aggregates.get(i).createAccumulator();
        }
        return accumulators;
    }

    @Override
    public void processWatermark(long watermark) {
        if (watermark <= currentWatermark) {
            return;
        }
        currentWatermark = watermark;
        Iterator<Map.Entry<Long, Map<RowKey, Accumulator[]>>> due = windows.entrySet().iterator();
        while (due.hasNext()) {
            Map.Entry<Long, Map<RowKey, Accumulator[]>> entry = due.next();
            long end = entry.getKey();
            if (!isFired(end)) {
                break;
            }
            emitWindow(window.startOf(end), end, entry.getValue());
            due.remove();
        }
        output.emitWatermark(watermark);
    }

    private void emitWindow(long start, long end, Map<RowKey, Accumulator[]> groups) {
        for (Map.Entry<RowKey, Accumulator[]> group : groups.entrySet()) {
            RowKey key = group.getKey();
            Accumulator[] accumulators = group.getValue();
            Object[] result = new Object[key.size() + 3 + accumulators.length];
            int pos = 0;
            for (int i = 0; i < key.size(); i++) {
                result[pos++] = key.get(i);
            }
            result[pos++] = start;
            result[pos++] = end;
            result[pos++] = end - 1;
            for (Accumulator accumulator : accumulators) {
                result[pos++] = accumulator.result();
            }
            output.emit(RowKind.INSERT, result);
        }
    }

    /** Open windows, for tests and metrics. */
    public int openWindowCount() {
        return windows.size();
    }

    /** Windows fire in end order: the list of open window ends, for tests. */
    public List<Long> openWindowEnds() {
        return new ArrayList<>(windows.keySet());
    }
}
