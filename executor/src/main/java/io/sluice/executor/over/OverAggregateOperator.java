package io.sluice.executor.over;

import io.sluice.executor.aggregate.AccumulatorEntries;
import io.sluice.executor.aggregate.AggregateKind;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.aggregate.RetractableAccumulator;
import io.sluice.executor.aggregate.RetractableAccumulators;
import io.sluice.executor.data.RowKey;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.AbstractOperator;
import io.sluice.executor.operators.OperatorContext;
import io.sluice.executor.operators.OperatorWatermark;
import io.sluice.executor.operators.Output;
import io.sluice.executor.state.KeyedState;
import io.sluice.executor.state.ListState;
import io.sluice.executor.state.ValueState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Aggregates {@code OVER (PARTITION BY keys ORDER BY rowtime <frame>)} over an insert-only stream:
 * each input row comes out once, as an insert, followed by the aggregates over its frame.
 *
 * <p>A row's frame depends on the rows before it in event time, which may still arrive out of
 * order; so rows wait in state until the watermark passes their time, and are then processed in time
 * order, per key. Rows with the same time are processed in arrival order. A row at or before the
 * watermark when it arrives is late: dropped and counted.
 *
 * <p>State: per key, the rows waiting (namespaced by their time, so the watermark finds due rows by
 * namespace); and the frame: the accumulators, plus, for a bounded frame, the rows in it, to take
 * them back out of the accumulators when they leave it. The operator's own state is its watermark.
 */
public final class OverAggregateOperator extends AbstractOperator {
    private final int[] keyFields;
    private final int timeField;
    private final List<AggregateSpec> aggregates;
    private final OverFrame frame;

    private KeyedState state;
    private ListState<Object[]> waiting;
    private ValueState<Object[]> frames;
    /** Per aggregate, the values a bounded frame's MIN/MAX keeps to take one back out, for the current key. */
    private AccumulatorEntries[] entries;
    private final NavigableSet<Long> waitingTimes = new TreeSet<>();
    private long currentWatermark = Long.MIN_VALUE;

    public OverAggregateOperator(int[] keyFields, int timeField, List<AggregateSpec> aggregates, OverFrame frame) {
        this.keyFields = keyFields.clone();
        this.timeField = timeField;
        this.aggregates = List.copyOf(aggregates);
        this.frame = Objects.requireNonNull(frame, "frame is null");
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        state = new KeyedState(context.keyedStateStore());
        waiting = state.listState("waiting");
        frames = state.valueState("frame");
        io.sluice.executor.state.MapState<Object, Object> values = state.mapState("values");
        entries = new AccumulatorEntries[aggregates.size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new AccumulatorEntries(values, i, 0);
        }
        waitingTimes.addAll(waiting.longNamespaces());
        currentWatermark = OperatorWatermark.restore(context);
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        if (kind != RowKind.INSERT) {
            // the planner only builds OVER aggregates over insert-only input
            throw new IllegalStateException("an OVER aggregate received a " + kind + " row");
        }
        Object time = row[timeField];
        if (time == null || (Long) time <= currentWatermark) {
            context.metrics().lateRowsDropped().increment();
            return;
        }
        state.setCurrentKey(RowKey.of(row, keyFields));
        waiting.add((Long) time, row);
        waitingTimes.add((Long) time);
    }

    @Override
    public void processWatermark(long watermark) {
        if (watermark <= currentWatermark) {
            return;
        }
        currentWatermark = watermark;
        while (!waitingTimes.isEmpty() && waitingTimes.first() <= watermark) {
            long time = waitingTimes.pollFirst();
            // the visit makes each key current, so the frame read and written is that key's
            waiting.forEachKey(time, (key, rows) -> process(time, rows));
            waiting.clearNamespace(time);
        }
        output.emitWatermark(watermark);
    }

    /** The current key's rows of one time, in arrival order. */
    private void process(long time, List<Object[]> rows) {
        Frame current = loadFrame();
        if (frame.byRows()) {
            for (Object[] row : rows) {
                current.add(row);
                emit(row, current);
                current.dropBeyondRows();
            }
        } else {
            current.dropBefore(time);
            rows.forEach(row -> current.add(row));
            rows.forEach(row -> emit(row, current));
        }
        frames.update(current.toState());
    }

    private void emit(Object[] row, Frame current) {
        Object[] result = new Object[row.length + aggregates.size()];
        System.arraycopy(row, 0, result, 0, row.length);
        for (int i = 0; i < aggregates.size(); i++) {
            result[row.length + i] = current.accumulators[i].result();
        }
        output.emit(RowKind.INSERT, result);
    }

    private Frame loadFrame() {
        Object[] stored = frames.get();
        RetractableAccumulator[] accumulators = new RetractableAccumulator[aggregates.size()];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = frame.isUnbounded() ? RetractableAccumulators.appendOnly(aggregates.get(i), entries[i])
                    : RetractableAccumulators.create(aggregates.get(i), entries[i]);
            if (stored != null) {
                accumulators[i].restore(stored[i]);
            }
        }
        Deque<Object[]> rows = new ArrayDeque<>();
        if (stored != null && !frame.isUnbounded()) {
            for (Object row : (Object[]) stored[accumulators.length]) {
                rows.add((Object[]) row);
            }
        }
        return new Frame(accumulators, rows);
    }

    /** One key's frame while its rows are processed: the accumulators and, when bounded, its rows. */
    private final class Frame {
        final RetractableAccumulator[] accumulators;
        final Deque<Object[]> rows;

        Frame(RetractableAccumulator[] accumulators, Deque<Object[]> rows) {
            this.accumulators = accumulators;
            this.rows = rows;
        }

        void add(Object[] row) {
            change(row, true);
            if (!frame.isUnbounded()) {
                rows.addLast(row);
            }
        }

        /** After a ROWS frame's row: keeps the {@code preceding} rows the next row's frame starts with. */
        void dropBeyondRows() {
            while (!frame.isUnbounded() && rows.size() > frame.preceding()) {
                change(rows.removeFirst(), false);
            }
        }

        /** Before a RANGE frame's rows of {@code time}: drops rows earlier than {@code time - preceding}. */
        void dropBefore(long time) {
            while (!frame.isUnbounded() && !rows.isEmpty()
                    && (Long) rows.peekFirst()[timeField] < time - frame.preceding()) {
                change(rows.removeFirst(), false);
            }
        }

        private void change(Object[] row, boolean adds) {
            for (int i = 0; i < aggregates.size(); i++) {
                AggregateSpec spec = aggregates.get(i);
                if (spec.filterIndex() >= 0 && !Boolean.TRUE.equals(row[spec.filterIndex()])) {
                    continue;
                }
                Object value = spec.kind() == AggregateKind.COUNT_STAR ? Boolean.TRUE : row[spec.argIndex()];
                if (value == null) {
                    continue;
                }
                if (adds) {
                    accumulators[i].add(value);
                } else {
                    accumulators[i].retract(value);
                }
            }
        }

        Object[] toState() {
            Object[] value = new Object[accumulators.length + 1];
            for (int i = 0; i < accumulators.length; i++) {
                value[i] = accumulators[i].state();
            }
            value[accumulators.length] = rows.toArray();
            return value;
        }
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        return OperatorWatermark.snapshot(currentWatermark);
    }

    /** Times with rows waiting for the watermark; for tests. */
    public List<Long> waitingTimes() {
        return new ArrayList<>(waitingTimes);
    }
}
