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
import java.util.TreeMap;

/**
 * An event-time temporal join ({@code JOIN versioned FOR SYSTEM_TIME AS OF left.rowtime}): each row
 * of the left side (input 0) is joined with the version of its key that was valid at its time, on
 * the right side (input 1). A right row is the new version of its key from its time on; a DELETE
 * ends the version from its time on; an UPDATE_BEFORE is ignored, because it carries the time of the
 * version it takes back, which the UPDATE_AFTER following it ends anyway.
 *
 * <p>Which version is valid at time t is only settled once no version at or before t can still
 * arrive, that is once the watermark (the smaller of both inputs') reaches t. Left rows therefore
 * wait in the state until then, and are emitted in time order per key; a left row already behind
 * the watermark when it arrives is late: dropped and counted. Late versions are still kept for
 * later left rows. Left rows are emitted before the watermark that passes them, so the output is
 * insert-only, its left time stays a valid event time, and the watermark is forwarded unchanged.
 *
 * <p>State, per key: version time → {@code [row, live]}; left time → left rows; and, per time, a
 * marker (the namespace) so the watermark finds the keys with something due without a scan. After
 * the watermark, of the versions at or before it only the latest is kept, even a deletion, so a key
 * costs one entry for as long as the job runs (no state TTL yet). The operator's own state is its
 * watermark.
 */
public final class TemporalJoinOperator extends AbstractOperator {
    private static final int LEFT = 0;

    private final JoinType type;
    private final int[][] keyFields;
    private final int[] timeFields;
    private final JoinedRows joined;

    private KeyedState state;
    private MapState<Long, Object[]> versions;
    private MapState<Long, List<Object[]>> probes;
    private ValueState<Boolean> due;
    private long currentWatermark = Long.MIN_VALUE;

    /**
     * @param leftTimeField the left side's event-time column, the time the version is looked up at
     * @param rightTimeField the right side's event-time column, the time a version starts
     * @param residual the condition beyond the key equalities, over the joined row; null if none
     */
    public TemporalJoinOperator(JoinType type, int[] leftKeys, int[] rightKeys, int leftArity, int rightArity,
            int leftTimeField, int rightTimeField, RowExpression residual) {
        this.type = Objects.requireNonNull(type, "type is null");
        if (type != JoinType.INNER && type != JoinType.LEFT) {
            throw new IllegalArgumentException("a temporal join is INNER or LEFT, not " + type);
        }
        if (leftKeys.length != rightKeys.length || leftKeys.length == 0) {
            throw new IllegalArgumentException("a temporal join needs as many left as right keys, at least one");
        }
        this.keyFields = new int[][] {leftKeys.clone(), rightKeys.clone()};
        this.timeFields = new int[] {leftTimeField, rightTimeField};
        this.joined = new JoinedRows(leftArity, rightArity, residual);
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        state = new KeyedState(context.keyedStateStore());
        versions = state.mapState("versions");
        probes = state.mapState("probes");
        due = state.valueState("due");
        currentWatermark = OperatorWatermark.restore(context);
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        if (input == LEFT) {
            processProbe(kind, row);
        } else {
            processVersion(kind, row);
        }
    }

    private void processProbe(RowKind kind, Object[] row) {
        if (kind != RowKind.INSERT) {
            // the planner refuses updating left inputs
            throw new IllegalStateException("a temporal join's left input sent a " + kind + " row");
        }
        Long time = (Long) row[timeFields[LEFT]];
        RowKey key = RowKey.of(row, keyFields[LEFT]);
        if (time == null || JoinedRows.hasNull(key)) {
            // no time to look up at, or a NULL key: there is no version to find
            if (type == JoinType.LEFT) {
                output.emit(RowKind.INSERT, joined.padded(LEFT, row));
            }
            return;
        }
        if (time <= currentWatermark) {
            context.metrics().lateRowsDropped().increment();
            return;
        }
        state.setCurrentKey(key);
        List<Object[]> atTime = probes.get(KeyedState.NO_NAMESPACE, time);
        List<Object[]> updated = atTime == null ? new ArrayList<>() : new ArrayList<>(atTime);
        updated.add(row);
        probes.put(KeyedState.NO_NAMESPACE, time, updated);
        due.update(time, Boolean.TRUE);
    }

    private void processVersion(RowKind kind, Object[] row) {
        Long time = (Long) row[timeFields[1]];
        RowKey key = RowKey.of(row, keyFields[1]);
        if (kind == RowKind.UPDATE_BEFORE || time == null || JoinedRows.hasNull(key)) {
            return;
        }
        state.setCurrentKey(key);
        boolean live = kind != RowKind.DELETE;
        versions.put(KeyedState.NO_NAMESPACE, time, new Object[] {row, live});
        // a version behind the watermark is cleaned up with the next one
        due.update(Math.max(time, saturatedIncrement(currentWatermark)), Boolean.TRUE);
    }

    @Override
    public void processWatermark(long watermark) {
        if (watermark <= currentWatermark) {
            return;
        }
        currentWatermark = watermark;
        for (OptionalLong first = due.smallestNamespace(); first.isPresent() && first.getAsLong() <= watermark;
                first = due.smallestNamespace()) {
            due.drainNamespace(first.getAsLong(), (key, ignored) -> emitAndCleanUp());
        }
        output.emitWatermark(watermark);
    }

    /** For the current key: joins the left rows the watermark passed, then drops what no later row needs. */
    private void emitAndCleanUp() {
        TreeMap<Long, Object[]> byTime = new TreeMap<>(versions.entries(KeyedState.NO_NAMESPACE));
        TreeMap<Long, List<Object[]>> waiting = new TreeMap<>(probes.entries(KeyedState.NO_NAMESPACE));
        for (Map.Entry<Long, List<Object[]>> entry : waiting.headMap(currentWatermark, true).entrySet()) {
            Map.Entry<Long, Object[]> version = byTime.floorEntry(entry.getKey());
            Object[] valid = version == null || !(Boolean) version.getValue()[1] ? null
                    : (Object[]) version.getValue()[0];
            for (Object[] row : entry.getValue()) {
                emitJoined(row, valid);
            }
            probes.remove(KeyedState.NO_NAMESPACE, entry.getKey());
        }
        Long latestPassed = byTime.floorKey(currentWatermark);
        if (latestPassed == null) {
            return;
        }
        // a deletion is kept as well: a version arriving late, from before it, must not become valid again
        for (Long time : byTime.headMap(latestPassed, false).keySet()) {
            versions.remove(KeyedState.NO_NAMESPACE, time);
        }
    }

    private void emitJoined(Object[] row, Object[] version) {
        if (version != null) {
            Object[] result = joined.join(LEFT, row, version);
            if (joined.matches(result)) {
                output.emit(RowKind.INSERT, result);
                return;
            }
        }
        if (type == JoinType.LEFT) {
            output.emit(RowKind.INSERT, joined.padded(LEFT, row));
        }
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        return OperatorWatermark.snapshot(currentWatermark);
    }

    /** Buffered left rows and kept versions over all keys, for tests: how much state the watermark has left. */
    public int bufferedEntries() {
        int[] count = {0};
        probes.forEachKey(KeyedState.NO_NAMESPACE, (key, entries) -> entries.values().forEach(l -> count[0] += l.size()));
        versions.forEachKey(KeyedState.NO_NAMESPACE, (key, entries) -> count[0] += entries.size());
        return count[0];
    }

    private static long saturatedIncrement(long value) {
        return value == Long.MAX_VALUE ? value : value + 1;
    }
}
