package io.sluice.connectors.nexmark;

import io.sluice.executor.connector.SourceContext;
import io.sluice.executor.connector.SourceOutput;
import io.sluice.executor.connector.SourceReader;
import java.util.List;
import io.sluice.connectors.RowThrottle;
import java.util.function.LongSupplier;

/**
 * One subtask's share of a Nexmark table, in ordinal order and so in event-time order: one split,
 * whose watermark follows {@code dateTime}. With a wall-clock limit, a token bucket that holds at
 * most a second of rows throttles it, as in datagen; the throttle starts afresh on restore.
 */
final class NexmarkReader implements SourceReader {
    static final int MAX_ROWS_PER_POLL = 256;

    private final String tableName;
    private final NexmarkTable table;
    private final NexmarkOptions options;
    private final int[] projection;
    private final boolean projects;
    private final int subtaskIndex;
    private final int parallelism;
    private final long totalRows;
    private final RowThrottle throttle;
    private final String splitId;

    private NexmarkGenerator generator;
    private long seed;
    /** This subtask's ordinals made so far: the next one is {@code subtaskIndex + emitted * parallelism}. */
    private long emitted;
    private boolean finished;

    NexmarkReader(String tableName, NexmarkTable table, NexmarkOptions options, int[] projection, int subtaskIndex,
            int parallelism, long totalRows, double rowsPerSecond, LongSupplier nanoClock) {
        this.tableName = tableName;
        this.table = table;
        this.options = options;
        this.projection = projection;
        this.projects = !isIdentity(projection, table.columns().size());
        this.subtaskIndex = subtaskIndex;
        this.parallelism = parallelism;
        this.totalRows = totalRows;
        this.throttle = new RowThrottle(rowsPerSecond, nanoClock);
        this.splitId = "nexmark-" + table.sqlName() + "-" + subtaskIndex;
    }

    private static boolean isIdentity(int[] projection, int columns) {
        if (projection.length != columns) {
            return false;
        }
        for (int i = 0; i < projection.length; i++) {
            if (projection[i] != i) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void open(SourceContext context) {
        List<byte[]> restored = context.restoredState();
        if (restored.isEmpty()) {
            seed = options.seed();
            emitted = 0;
        } else {
            NexmarkState state = NexmarkState.restore(restored, subtaskIndex, parallelism,
                    "Table '" + tableName + "': the nexmark state of the checkpoint");
            seed = state.seed();
            emitted = state.emitted();
        }
        generator = new NexmarkGenerator(seed, options.baseTime(), options.rate());
        throttle.start();
    }

    @Override
    public ReadStatus pollNext(SourceOutput output) {
        if (finished) {
            return ReadStatus.END_OF_INPUT;
        }
        SourceOutput.SplitOutput split = output.split(splitId);
        if (!hasNext()) {
            split.finish();
            finished = true;
            return ReadStatus.END_OF_INPUT;
        }
        long due = throttle.allowed(MAX_ROWS_PER_POLL);
        if (due <= 0) {
            return ReadStatus.NOTHING_AVAILABLE;
        }
        long made = 0;
        while (made < due && hasNext()) {
            long ordinal = subtaskIndex + emitted * parallelism;
            Object[] row = generator.generate(table, table.eventNumber(ordinal));
            split.collect(projects ? project(row) : row);
            emitted++;
            made++;
        }
        throttle.used(made);
        if (!hasNext()) {
            split.finish();
            finished = true;
        }
        return ReadStatus.MORE_AVAILABLE;
    }

    private boolean hasNext() {
        return totalRows < 0 || subtaskIndex + emitted * parallelism < totalRows;
    }

    private Object[] project(Object[] row) {
        Object[] projected = new Object[projection.length];
        for (int i = 0; i < projection.length; i++) {
            projected[i] = row[projection[i]];
        }
        return projected;
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        return new NexmarkState(seed, subtaskIndex, parallelism, emitted).encode();
    }

    @Override
    public void close() {
    }
}
