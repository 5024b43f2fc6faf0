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
import java.util.TreeSet;

/**
 * {@code ROW_NUMBER() OVER (PARTITION BY keys ORDER BY rowtime ASC) = 1} over an insert-only stream:
 * the earliest row of each key, emitted once ({@code +I}) and never changed.
 *
 * <p>Out-of-order rows make the earliest row known only once the watermark has passed it: until
 * then a key has a candidate, replaced by any earlier row that arrives (at equal times the first
 * arrival stays). When the watermark reaches the candidate's time it is emitted and the key is
 * marked done, so its later rows are ignored. A row at or before the watermark for a key not done
 * yet is late: dropped and counted, as by window operators.
 *
 * <p>State: per key, a done mark, or the candidate (namespaced by its time, so the watermark finds
 * due candidates by namespace) and its time. The operator's own state is its watermark.
 */
public final class FirstRowDeduplicateOperator extends AbstractOperator {
    private final int[] keyFields;
    private final int timeField;
    private final boolean outputRankNumber;

    private KeyedState state;
    private ValueState<Boolean> done;
    private ValueState<Long> candidateTimes;
    private ValueState<Object[]> candidates;
    private final NavigableSet<Long> pendingTimes = new TreeSet<>();
    private long currentWatermark = Long.MIN_VALUE;

    public FirstRowDeduplicateOperator(int[] keyFields, int timeField, boolean outputRankNumber) {
        this.keyFields = keyFields.clone();
        this.timeField = timeField;
        this.outputRankNumber = outputRankNumber;
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        state = new KeyedState(context.keyedStateStore());
        done = state.valueState("done");
        candidateTimes = state.valueState("candidate-time");
        candidates = state.valueState("candidate");
        pendingTimes.addAll(candidates.longNamespaces());
        currentWatermark = OperatorWatermark.restore(context);
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        if (!kind.isAccumulate()) {
            throw new IllegalStateException("a deduplication received a " + kind + " row");
        }
        Object time = row[timeField];
        if (time == null || (Long) time <= currentWatermark) {
            context.metrics().lateRowsDropped().increment();
            return;
        }
        long rowTime = (Long) time;
        state.setCurrentKey(RowKey.of(row, keyFields));
        if (done.get() != null) {
            return;
        }
        Long candidateTime = candidateTimes.get();
        if (candidateTime != null && candidateTime <= rowTime) {
            return;
        }
        if (candidateTime != null) {
            candidates.clear(candidateTime);
        }
        candidates.update(rowTime, row);
        candidateTimes.update(rowTime);
        pendingTimes.add(rowTime);
    }

    @Override
    public void processWatermark(long watermark) {
        if (watermark <= currentWatermark) {
            return;
        }
        currentWatermark = watermark;
        while (!pendingTimes.isEmpty() && pendingTimes.first() <= watermark) {
            long time = pendingTimes.pollFirst();
            List<Object[]> due = new ArrayList<>();
            candidates.drainNamespace(time, (key, row) -> {
                // the drain made this key current
                done.update(Boolean.TRUE);
                candidateTimes.clear();
                due.add(row);
            });
            due.forEach(row -> output.emit(RowKind.INSERT, outputRankNumber ? TopNOperator.withRank(row, 1) : row));
        }
        output.emitWatermark(watermark);
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        return OperatorWatermark.snapshot(currentWatermark);
    }
}
