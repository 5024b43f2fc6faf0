package io.sluice.executor.group;

import io.sluice.executor.aggregate.AccumulatorEntries;
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
import io.sluice.executor.state.MapState;
import io.sluice.executor.state.StateTtl;
import io.sluice.executor.state.ValueState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * GROUP BY over a stream without a window: keeps the aggregates of every group and, for each input
 * row, emits how the group's result row changed — {@code +I} for a new group, {@code -U} of the old
 * and {@code +U} of the new result for a changed one, {@code -D} when its last row was retracted.
 * A row that leaves the result unchanged emits nothing. Feeding an upsert sink keyed by the group
 * key, the operator leaves the {@code -U} out ({@link Options#upsert}).
 *
 * <p>Input may be updating: {@code +I}/{@code +U} rows are accumulated, {@code -U}/{@code -D} rows
 * retracted. Output row: {@code [key fields…, aggregates…]}.
 *
 * <p>State: per key, in the keyed state store (checkpointed, rescaled by key group, larger than
 * memory with RocksDB), the group value {@code [rows, last write, accumulator states…]}, and the
 * entries of accumulators that remember every value ({@link AccumulatorEntries}). With a state TTL a
 * group not written for longer than the TTL is gone: lazily when its key comes again, and by a
 * sweep over all groups once per TTL, so state stops growing.
 *
 * <p>Mini-batch ({@link MiniBatch}): rows are buffered per key and a key's rows are applied
 * together — its group is read once, written once, and it emits one change for the whole batch
 * (the result before the batch against the result after it). The batch is applied when it is full,
 * when its first row has waited the allowed latency, before a watermark is forwarded, before a
 * checkpoint (the buffer is never snapshotted: everything before the barrier must be in the keyed
 * state) and at the end of input. The operator has no timers, so the latency is only checked when
 * a row or a watermark arrives: on an input that goes quiet, a batch waits for the next one.
 */
public final class GroupAggregateOperator extends AbstractOperator {
    private static final int ROWS = 0;
    private static final int LAST_WRITE = 1;
    private static final int FIRST_ACCUMULATOR = 2;

    private final int[] keyFields;
    private final List<AggregateSpec> aggregates;
    private final boolean retractions;
    private final Options options;

    private KeyedState state;
    private ValueState<Object[]> groups;
    private AccumulatorEntries[] entries;
    private long nextSweep;
    private MiniBatchBuffer buffer;

    /** How a group aggregate runs beyond what it computes. */
    public record Options(StateTtl ttl, boolean upsert, MiniBatch miniBatch) {
        public static final Options DEFAULT = new Options(StateTtl.DISABLED, false, MiniBatch.DISABLED);

        public Options {
            Objects.requireNonNull(ttl, "ttl is null");
            Objects.requireNonNull(miniBatch, "miniBatch is null");
        }

        public Options withTtl(StateTtl ttl) {
            return new Options(ttl, upsert, miniBatch);
        }

        /** Without {@code -U} rows: the consumer upserts by the group key. */
        public Options withUpsert(boolean upsert) {
            return new Options(ttl, upsert, miniBatch);
        }

        public Options withMiniBatch(MiniBatch miniBatch) {
            return new Options(ttl, upsert, miniBatch);
        }
    }

    /**
     * @param retractions whether the input is updating: only then do accumulators keep what taking a
     *     value out needs (MIN/MAX keep every value), which an insert-only input never pays for
     */
    public GroupAggregateOperator(int[] keyFields, List<AggregateSpec> aggregates, boolean retractions) {
        this(keyFields, aggregates, retractions, Options.DEFAULT);
    }

    public GroupAggregateOperator(int[] keyFields, List<AggregateSpec> aggregates, boolean retractions,
            Options options) {
        this.keyFields = keyFields.clone();
        this.aggregates = List.copyOf(Objects.requireNonNull(aggregates, "aggregates is null"));
        this.retractions = retractions;
        this.options = Objects.requireNonNull(options, "options is null");
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        state = new KeyedState(context.keyedStateStore());
        groups = state.valueState("groups");
        MapState<Object, Object> values = state.mapState("values");
        entries = new AccumulatorEntries[aggregates.size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new AccumulatorEntries(values, i, 0);
        }
        nextSweep = Long.MAX_VALUE;
        buffer = options.miniBatch().enabled() ? new MiniBatchBuffer(options.miniBatch()) : null;
        if (options.ttl().isEnabled()) {
            // the sweep schedule survives a restore (the earliest one when several subtasks' are merged),
            // so a job restored often still sweeps
            for (byte[] restored : context.restoredState()) {
                if (restored.length == Long.BYTES) {
                    nextSweep = Math.min(nextSweep, java.nio.ByteBuffer.wrap(restored).getLong());
                }
            }
            if (nextSweep == Long.MAX_VALUE) {
                nextSweep = options.ttl().now() + options.ttl().ttl().toMillis();
            }
        }
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        RowKey key = RowKey.of(row, keyFields);
        if (buffer == null) {
            sweepExpiredGroupsIfDue();
            applyToGroup(key, List.of(new MiniBatchBuffer.BufferedRow(kind, row)));
            return;
        }
        // a copy, as the caller may reuse its array once this call returns
        buffer.add(key, kind, row.clone());
        if (buffer.isDue()) {
            flushMiniBatch();
        }
    }

    @Override
    public void processWatermark(long watermark) {
        flushMiniBatch();
        output.emitWatermark(watermark);
    }

    @Override
    public void finish() {
        flushMiniBatch();
    }

    private void flushMiniBatch() {
        if (buffer != null) {
            sweepExpiredGroupsIfDue();
            buffer.drain(this::applyToGroup);
        }
    }

    /**
     * Applies rows of one key to its group and emits how the group's result changed over all of them:
     * one change, or none when the result is the same as before.
     */
    private void applyToGroup(RowKey key, List<MiniBatchBuffer.BufferedRow> keyRows) {
        state.setCurrentKey(key);
        Object[] stored = liveGroup();
        long rows = stored == null ? 0 : ((Number) stored[ROWS]).longValue();
        Object[] keySource = keyRows.get(0).row();
        RetractableAccumulator[] accumulators = accumulators(stored);
        Object[] before = rows == 0 ? null : resultRow(keySource, accumulators);
        boolean touched = false;
        for (MiniBatchBuffer.BufferedRow buffered : keyRows) {
            boolean adds = buffered.kind() == RowKind.INSERT || buffered.kind() == RowKind.UPDATE_AFTER;
            if (!adds && rows == 0) {
                // a retraction of a row this group never counted (e.g. state expired): nothing to take back
                continue;
            }
            for (int i = 0; i < accumulators.length; i++) {
                change(aggregates.get(i), accumulators[i], buffered.row(), adds);
            }
            touched = true;
            rows += adds ? 1 : -1;
            if (rows == 0) {
                // the group is empty within the batch: start again from nothing, as a new group would
                dropGroup();
                accumulators = accumulators(null);
            }
        }
        if (!touched) {
            return;
        }
        if (rows == 0) {
            if (before != null) {
                output.emit(RowKind.DELETE, before);
            }
            return;
        }
        groups.update(toState(rows, accumulators));
        Object[] after = resultRow(keySource, accumulators);
        if (before == null) {
            output.emit(RowKind.INSERT, after);
        } else if (!Arrays.equals(before, after)) {
            if (!options.upsert()) {
                output.emit(RowKind.UPDATE_BEFORE, before);
            }
            output.emit(RowKind.UPDATE_AFTER, after);
        }
    }

    /** The current key's group value, or null when there is none or it has expired (then it is dropped). */
    private Object[] liveGroup() {
        Object[] stored = groups.get();
        if (stored != null && options.ttl().isExpired(((Number) stored[LAST_WRITE]).longValue())) {
            dropGroup();
            return null;
        }
        return stored;
    }

    private void dropGroup() {
        groups.clear();
        for (int i = 0; i < entries.length; i++) {
            RetractableAccumulators.clear(aggregates.get(i), entries[i]);
        }
    }

    /** Once per TTL, drops every expired group, so groups whose keys never come again do not stay. */
    private void sweepExpiredGroupsIfDue() {
        if (options.ttl().now() < nextSweep) {
            return;
        }
        List<RowKey> expired = new ArrayList<>();
        groups.forEachKey(KeyedState.NO_NAMESPACE, (key, value) -> {
            if (options.ttl().isExpired(((Number) value[LAST_WRITE]).longValue())) {
                expired.add(key);
            }
        });
        for (RowKey key : expired) {
            state.setCurrentKey(key);
            dropGroup();
        }
        nextSweep = options.ttl().now() + options.ttl().ttl().toMillis();
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
            accumulators[i] = retractions ? RetractableAccumulators.create(aggregates.get(i), entries[i])
                    : RetractableAccumulators.appendOnly(aggregates.get(i), entries[i]);
            if (stored != null) {
                accumulators[i].restore(stored[FIRST_ACCUMULATOR + i]);
            }
        }
        return accumulators;
    }

    private Object[] toState(long rows, RetractableAccumulator[] accumulators) {
        Object[] value = new Object[FIRST_ACCUMULATOR + accumulators.length];
        value[ROWS] = rows;
        value[LAST_WRITE] = options.ttl().isEnabled() ? options.ttl().now() : 0L;
        for (int i = 0; i < accumulators.length; i++) {
            value[FIRST_ACCUMULATOR + i] = accumulators[i].state();
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

    @Override
    public byte[] snapshotState(long checkpointId) {
        flushMiniBatch();
        sweepExpiredGroupsIfDue();
        return options.ttl().isEnabled() ? java.nio.ByteBuffer.allocate(Long.BYTES).putLong(nextSweep).array() : null;
    }

    /** Groups in this subtask's state, expired ones not swept yet included; a scan, for tests. */
    public int groupCount() {
        int[] count = {0};
        groups.forEachKey(KeyedState.NO_NAMESPACE, (key, value) -> count[0]++);
        return count[0];
    }

    /** Entries kept beside the group values by all groups; a scan, for tests. */
    public int entryCount() {
        int[] count = {0};
        MapState<Object, Object> values = state.mapState("values");
        // every namespace of the map is one aggregate's part: count the entries of each key
        for (int i = 0; i < entries.length; i++) {
            for (int part = 0; part <= 2; part++) { // FIRST/LAST_VALUE use parts 0 and 1, DISTINCT part 2
                values.forEachKey(namespace(i, part), (key, map) -> count[0] += map.size());
            }
        }
        return count[0];
    }

    private static byte[] namespace(int aggregate, int part) {
        return java.nio.ByteBuffer.allocate(Integer.BYTES + 1).putInt(aggregate).put((byte) part).array();
    }
}
