package io.sluice.connectors.datagen;

import io.sluice.executor.connector.SourceContext;
import io.sluice.executor.connector.SourceOutput;
import io.sluice.executor.connector.SourceReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import io.sluice.connectors.RowThrottle;
import java.util.function.LongSupplier;

/**
 * One subtask's generated rows, throttled by a token bucket that fills at the subtask's share of
 * {@code rows-per-second} and holds at most one second of rows, so a reader that was held back by
 * backpressure catches up by at most a second's worth.
 *
 * <p>Row {@code g} is a pure function of the seed and {@code g}: its random values come from a
 * generator seeded with both, so a reader restored from a checkpoint, on any subtask, emits the same
 * rows the interrupted one would have. The state is a {@link DataGenState}; the throttle starts
 * afresh on restore.
 */
final class DataGenReader implements SourceReader {
    static final int MAX_ROWS_PER_POLL = 256;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final String tableName;
    private final FieldGenerator[] generators;
    private final int subtaskIndex;
    private final int parallelism;
    private final long totalRows;
    private final RowThrottle throttle;
    private final long freshSeed;
    private final String splitId;

    private long seed;
    private final ArrayDeque<IndexProgression> work = new ArrayDeque<>();
    /** Indexes of the head of {@link #work} already emitted. */
    private long headTaken;
    private boolean finished;

    DataGenReader(String tableName, FieldGenerator[] generators, int subtaskIndex, int parallelism, long totalRows,
            double rowsPerSecond, long freshSeed, LongSupplier nanoClock) {
        this.tableName = tableName;
        this.generators = generators;
        this.subtaskIndex = subtaskIndex;
        this.parallelism = parallelism;
        this.totalRows = totalRows;
        this.throttle = new RowThrottle(rowsPerSecond, nanoClock);
        this.freshSeed = freshSeed;
        this.splitId = "datagen-" + subtaskIndex;
    }

    @Override
    public void open(SourceContext context) {
        List<byte[]> restored = context.restoredState();
        DataGenState state = restored.isEmpty()
                ? DataGenState.fresh(freshSeed, subtaskIndex, parallelism)
                : DataGenState.restore(restored, subtaskIndex, parallelism,
                        "Table '" + tableName + "': the datagen state of the checkpoint");
        seed = state.seed();
        work.clear();
        work.addAll(state.remaining());
        headTaken = 0;
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
        long nowMillis = System.currentTimeMillis();
        long emitted = 0;
        while (emitted < due && hasNext()) {
            IndexProgression head = work.peekFirst();
            long rowIndex = head.start() + headTaken * head.step();
            headTaken++;
            split.collect(generate(rowIndex, nowMillis));
            emitted++;
        }
        throttle.used(emitted);
        if (!hasNext()) {
            split.finish();
            finished = true;
        }
        return ReadStatus.MORE_AVAILABLE;
    }

    /** Drops used-up progressions; false when no index below the table's total is left. */
    private boolean hasNext() {
        while (true) {
            IndexProgression head = work.peekFirst();
            boolean usedUp = !head.isUnbounded() && headTaken >= head.count();
            boolean pastEnd = totalRows >= 0 && head.start() + headTaken * head.step() >= totalRows;
            if (!usedUp && !pastEnd) {
                return true;
            }
            if (head.isUnbounded()) {
                return false; // the unbounded tail stays, for the state
            }
            work.pollFirst();
            headTaken = 0;
        }
    }

    private Object[] generate(long rowIndex, long nowMillis) {
        SplittableRandom random = new SplittableRandom(mix64(seed + rowIndex * GOLDEN_GAMMA));
        Object[] row = new Object[generators.length];
        for (int f = 0; f < generators.length; f++) {
            row[f] = generators[f].generate(rowIndex, random, nowMillis);
        }
        return row;
    }

    /** Stafford's variant 13 of the MurmurHash3 finalizer, as SplittableRandom uses. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        List<IndexProgression> remaining = new ArrayList<>(work);
        remaining.set(0, remaining.get(0).skip(headTaken));
        return new DataGenState(seed, subtaskIndex, parallelism, remaining).encode();
    }

    @Override
    public void close() {
    }
}
