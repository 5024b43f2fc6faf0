package io.sluice.executor.rank;

import io.sluice.executor.data.RowKey;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.AbstractOperator;
import io.sluice.executor.operators.OperatorContext;
import io.sluice.executor.operators.OperatorWatermark;
import io.sluice.executor.operators.Output;
import io.sluice.executor.state.KeyedState;
import io.sluice.executor.state.ValueState;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A top-N per window: {@code ROW_NUMBER() OVER (PARTITION BY window_start, window_end[, keys]
 * ORDER BY …)} filtered to a range of ranks, over the rows of a window table function or a window
 * aggregate. Each window's ranking is final once the watermark passes the window's end: then its
 * rows in the range are emitted, as inserts, and its state dropped.
 *
 * <p>Row: the input fields, then the rank as BIGINT when the query selects it. A row of a window
 * that has already fired is late: dropped and counted.
 *
 * <p>State: per partition key and window end (the namespace), the window's top rows up to the end
 * of the range. The operator's own state is its watermark.
 */
public final class WindowTopNOperator extends AbstractOperator {
    private final int windowEndField;
    private final int[] keyFields;
    private final SortOrder order;
    private final RankRange range;
    private final boolean outputRankNumber;

    private KeyedState state;
    private ValueState<Object[]> windows;
    private final NavigableSet<Long> openWindowEnds = new TreeSet<>();
    private long currentWatermark = Long.MIN_VALUE;

    public WindowTopNOperator(int windowEndField, int[] keyFields, SortOrder order, RankRange range,
            boolean outputRankNumber) {
        this.windowEndField = windowEndField;
        this.keyFields = keyFields.clone();
        this.order = Objects.requireNonNull(order, "order is null");
        this.range = Objects.requireNonNull(range, "range is null");
        this.outputRankNumber = outputRankNumber;
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        state = new KeyedState(context.keyedStateStore());
        windows = state.valueState("window-ranked");
        openWindowEnds.addAll(windows.longNamespaces());
        currentWatermark = OperatorWatermark.restore(context);
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        if (kind != RowKind.INSERT) {
            throw new IllegalStateException("a window top-N received a " + kind + " row");
        }
        Object end = row[windowEndField];
        if (end == null || isFired((Long) end)) {
            context.metrics().lateRowsDropped().increment();
            return;
        }
        long windowEnd = (Long) end;
        state.setCurrentKey(RowKey.of(row, keyFields));
        RankedRows rows = new RankedRows(order, windows.get(windowEnd));
        int position = rows.insertionPoint(row);
        if (position >= range.end()) {
            return;
        }
        rows.add(position, row);
        rows.truncate((int) range.end());
        windows.update(windowEnd, rows.toState());
        openWindowEnds.add(windowEnd);
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
        while (!openWindowEnds.isEmpty() && isFired(openWindowEnds.first())) {
            long windowEnd = openWindowEnds.pollFirst();
            List<Object[]> ranked = new ArrayList<>();
            windows.drainNamespace(windowEnd, (key, stored) -> {
                List<Object[]> shown = new RankedRows(order, stored).inRange(range);
                for (int i = 0; i < shown.size(); i++) {
                    ranked.add(outputRankNumber ? TopNOperator.withRank(shown.get(i), range.start() + i) : shown.get(i));
                }
            });
            ranked.forEach(row -> output.emit(RowKind.INSERT, row));
        }
        output.emitWatermark(watermark);
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        return OperatorWatermark.snapshot(currentWatermark);
    }

    /** Window ends with open state; for tests. */
    public List<Long> openWindowEnds() {
        return new ArrayList<>(openWindowEnds);
    }
}
