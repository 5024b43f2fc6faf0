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
import io.sluice.executor.state.ListState;
import io.sluice.executor.state.ValueState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * GROUP BY keys, window_start, window_end over SESSION windows: the rows of one key that follow
 * each other within the gap form a session, emitted once, when the watermark passes its end.
 *
 * <p>A row at time t makes the session [t, t + gap). Sessions of one key that overlap or touch
 * ([s1, e1) and [s2, e2) with s1 <= e2 and s2 <= e1, Flink's rule) merge into one, so a row that
 * arrives out of order can bridge two sessions that were apart. A session fires when the watermark
 * reaches its last millisecond, end - 1; its row is
 * {@code [keys…, window_start, window_end, window_time, aggregates…]} with window_start the time of
 * its first row, window_end the time of its last row plus the gap and window_time window_end - 1.
 * Output is insert-only. A row that joins no open session and whose own session the watermark has
 * already passed is late: dropped and counted, as are rows without a time.
 *
 * <p>Why the rows are kept rather than accumulators: merging two sessions means merging their
 * aggregates, and our {@link Accumulator}s can take values but cannot merge with each other (a
 * DISTINCT count, an AVG of decimals, a MIN with retraction would each need their own merge). So a
 * session keeps its input rows — only the columns the planner projects for the aggregation: time,
 * keys and aggregate arguments — in keyed list state, and its aggregates are computed once, when it
 * fires. Merging moves the rows of the later sessions to the list of the earliest one. The cost is
 * state proportional to the rows of the open sessions instead of to their number; revisit when
 * accumulators can merge.
 *
 * <p>State, all keyed by the grouping key (checkpointed by the runtime, rescaled by key group, on
 * heap or RocksDB): {@code sessions} holds a key's values and its open sessions as (id, start, end);
 * {@code rows} holds each session's rows, namespaced by the session's id. The id is the time of the
 * row that opened the session: it stays inside the session as the session grows, so no two open
 * sessions of a key share it. Which keys have a session ending when is indexed in memory, rebuilt
 * from {@code sessions} when the operator opens, so a watermark finds the due sessions without
 * scanning state. The operator's own state is its watermark, so rows late before a restore are
 * late after it.
 */
public final class SessionWindowAggregateOperator extends AbstractOperator {
    private final long gap;
    private final int timeField;
    private final int[] keyFields;
    private final List<AggregateSpec> aggregates;

    private KeyedState state;
    private ValueState<Object[]> sessions;
    private ListState<Object[]> rows;
    private final TreeMap<Long, Set<RowKey>> keysByEnd = new TreeMap<>();
    private long currentWatermark = Long.MIN_VALUE;

    /** An open session of one key: rows are in namespace {@code id}; the window is [start, end). */
    private record Session(long id, long start, long end) {
        boolean touches(long otherStart, long otherEnd) {
            return start <= otherEnd && otherStart <= end;
        }
    }

    /**
     * @param gap the inactivity gap in milliseconds
     * @param timeField the input field holding the event time (epoch milliseconds)
     * @param keyFields the grouping key fields
     * @param aggregates the aggregate calls over the input rows
     */
    public SessionWindowAggregateOperator(long gap, int timeField, int[] keyFields, List<AggregateSpec> aggregates) {
        if (gap <= 0) {
            throw new IllegalArgumentException("session gap must be positive: " + gap);
        }
        this.gap = gap;
        this.timeField = timeField;
        this.keyFields = keyFields.clone();
        this.aggregates = List.copyOf(aggregates);
    }

    @Override
    public void open(OperatorContext context, Output output) throws Exception {
        super.open(context, output);
        state = new KeyedState(context.keyedStateStore());
        sessions = state.valueState("sessions");
        rows = state.listState("rows");
        // one scan at restore: afterwards due sessions are found through the index
        sessions.forEachKey(KeyedState.NO_NAMESPACE, (key, stored) -> {
            for (Session session : sessionsOf(stored)) {
                index(session.end(), key);
            }
        });
        currentWatermark = OperatorWatermark.restore(context);
    }

    @Override
    public void processElement(int input, RowKind kind, Object[] row) {
        if (kind != RowKind.INSERT) {
            // the planner only builds window aggregates over insert-only input
            throw new IllegalStateException("a session window aggregate received a " + kind + " row");
        }
        Object time = row[timeField];
        if (time == null) {
            context.metrics().lateRowsDropped().increment();
            return;
        }
        long start = (Long) time;
        long end = start + gap;
        RowKey key = RowKey.of(row, keyFields);
        state.setCurrentKey(key);
        Object[] stored = sessions.get();
        List<Session> open = stored == null ? new ArrayList<>() : sessionsOf(stored);
        List<Session> touched = new ArrayList<>();
        for (Session session : open) {
            if (session.touches(start, end)) {
                touched.add(session);
            }
        }
        if (touched.isEmpty() && isFired(end)) {
            context.metrics().lateRowsDropped().increment();
            return;
        }
        Session target = touched.isEmpty() ? new Session(start, start, end) : merge(key, touched, start, end);
        open.removeAll(touched);
        open.add(target);
        rows.add(target.id(), row);
        index(target.end(), key);
        sessions.update(toStored(stored == null ? keyValues(row) : (Object[]) stored[0], open));
    }

    /**
     * Makes one session of the new row's window and the sessions it touches, keeping the id (and
     * the rows in place) of the earliest; the others' rows move to it.
     */
    private Session merge(RowKey key, List<Session> touched, long start, long end) {
        Session survivor = touched.get(0);
        for (Session session : touched) {
            if (session.start() < survivor.start()) {
                survivor = session;
            }
        }
        long mergedStart = start;
        long mergedEnd = end;
        for (Session session : touched) {
            mergedStart = Math.min(mergedStart, session.start());
            mergedEnd = Math.max(mergedEnd, session.end());
            unindex(session.end(), key);
            if (session != survivor) {
                for (Object[] moved : rows.get(session.id())) {
                    rows.add(survivor.id(), moved);
                }
                rows.clear(session.id());
            }
        }
        return new Session(survivor.id(), mergedStart, mergedEnd);
    }

    private boolean isFired(long sessionEnd) {
        return sessionEnd - 1 <= currentWatermark;
    }

    @Override
    public void processWatermark(long watermark) {
        if (watermark <= currentWatermark) {
            return;
        }
        currentWatermark = watermark;
        while (!keysByEnd.isEmpty() && isFired(keysByEnd.firstKey())) {
            Map.Entry<Long, Set<RowKey>> due = keysByEnd.pollFirstEntry();
            for (RowKey key : due.getValue()) {
                fire(key, due.getKey());
            }
        }
        output.emitWatermark(watermark);
    }

    /** Emits and forgets the session of {@code key} that ends at {@code end}. */
    private void fire(RowKey key, long end) {
        state.setCurrentKey(key);
        Object[] stored = sessions.get();
        List<Session> open = sessionsOf(stored);
        Session session = open.stream().filter(s -> s.end() == end).findFirst()
                .orElseThrow(() -> new IllegalStateException("no session of " + key + " ends at " + end));
        Accumulator[] accumulators = new Accumulator[aggregates.size()];
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i] = aggregates.get(i).createAccumulator();
        }
        for (Object[] row : rows.get(session.id())) {
            for (int i = 0; i < accumulators.length; i++) {
                aggregates.get(i).accumulate(accumulators[i], row);
            }
        }
        rows.clear(session.id());
        open.remove(session);
        if (open.isEmpty()) {
            sessions.clear();
        } else {
            sessions.update(toStored((Object[]) stored[0], open));
        }
        emit((Object[]) stored[0], session, accumulators);
    }

    private void emit(Object[] keyValues, Session session, Accumulator[] accumulators) {
        Object[] result = new Object[keyValues.length + 3 + accumulators.length];
        System.arraycopy(keyValues, 0, result, 0, keyValues.length);
        int pos = keyValues.length;
        result[pos++] = session.start();
        result[pos++] = session.end();
        result[pos++] = session.end() - 1;
        for (Accumulator accumulator : accumulators) {
            result[pos++] = accumulator.result();
        }
        output.emit(RowKind.INSERT, result);
    }

    private void index(long end, RowKey key) {
        keysByEnd.computeIfAbsent(end, e -> new LinkedHashSet<>()).add(key);
    }

    private void unindex(long end, RowKey key) {
        Set<RowKey> keys = keysByEnd.get(end);
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
            keysByEnd.remove(end);
        }
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        return OperatorWatermark.snapshot(currentWatermark);
    }

    /** Open sessions of all keys; for tests. */
    public int openSessionCount() {
        return keysByEnd.values().stream().mapToInt(Set::size).sum();
    }

    /** The stored form: {@code [key values, id, start, end, id, start, end, …]}. */
    private static Object[] toStored(Object[] keyValues, List<Session> open) {
        Object[] stored = new Object[1 + 3 * open.size()];
        stored[0] = keyValues;
        int pos = 1;
        for (Session session : open) {
            stored[pos++] = session.id();
            stored[pos++] = session.start();
            stored[pos++] = session.end();
        }
        return stored;
    }

    private static List<Session> sessionsOf(Object[] stored) {
        List<Session> open = new ArrayList<>();
        for (int pos = 1; pos < stored.length; pos += 3) {
            open.add(new Session((Long) stored[pos], (Long) stored[pos + 1], (Long) stored[pos + 2]));
        }
        return open;
    }

    private Object[] keyValues(Object[] row) {
        Object[] values = new Object[keyFields.length];
        for (int i = 0; i < keyFields.length; i++) {
            values[i] = row[keyFields[i]];
        }
        return values;
    }
}
