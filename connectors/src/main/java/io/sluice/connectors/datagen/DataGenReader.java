package io.sluice.connectors.datagen;

import io.sluice.executor.connector.SourceContext;
import io.sluice.executor.connector.SourceOutput;
import io.sluice.executor.connector.SourceReader;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * One subtask's generated rows, throttled by a token bucket that fills at the subtask's share of
 * {@code rows-per-second} and holds at most one second of rows, so a reader that was held back by
 * backpressure catches up by at most a second's worth.
 */
final class DataGenReader implements SourceReader {
    static final int MAX_ROWS_PER_POLL = 256;

    private final FieldGenerator[] generators;
    private final int subtaskIndex;
    private final int parallelism;
    private final long rows;
    private final double rowsPerNano;
    private final double capacity;
    private final Long seed;
    private final LongSupplier nanoClock;
    private final String splitId;

    private SplittableRandom random;
    private long emitted;
    private double tokens;
    private long lastRefill;
    private boolean finished;

    DataGenReader(FieldGenerator[] generators, int subtaskIndex, int parallelism, long rows, double rowsPerSecond,
            Long seed, LongSupplier nanoClock) {
        this.generators = generators;
        this.subtaskIndex = subtaskIndex;
        this.parallelism = parallelism;
        this.rows = rows;
        this.rowsPerNano = rowsPerSecond / 1e9;
        this.capacity = Math.max(1.0, rowsPerSecond);
        this.seed = seed;
        this.nanoClock = nanoClock;
        this.splitId = "datagen-" + subtaskIndex;
    }

    @Override
    public void open(SourceContext context) {
        random = seed == null ? new SplittableRandom() : new SplittableRandom(seed);
        tokens = 1.0;
        lastRefill = nanoClock.getAsLong();
    }

    @Override
    public ReadStatus pollNext(SourceOutput output) {
        if (finished) {
            return ReadStatus.END_OF_INPUT;
        }
        SourceOutput.SplitOutput split = output.split(splitId);
        if (rows >= 0 && emitted >= rows) {
            split.finish();
            finished = true;
            return ReadStatus.END_OF_INPUT;
        }
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * rowsPerNano);
        lastRefill = now;
        long due = Math.min((long) tokens, MAX_ROWS_PER_POLL);
        if (rows >= 0) {
            due = Math.min(due, rows - emitted);
        }
        if (due <= 0) {
            return ReadStatus.NOTHING_AVAILABLE;
        }
        long nowMillis = System.currentTimeMillis();
        for (long i = 0; i < due; i++) {
            long rowIndex = subtaskIndex + emitted * parallelism;
            Object[] row = new Object[generators.length];
            for (int f = 0; f < generators.length; f++) {
                row[f] = generators[f].generate(rowIndex, random, nowMillis);
            }
            split.collect(row);
            emitted++;
        }
        tokens -= due;
        if (rows >= 0 && emitted >= rows) {
            split.finish();
            finished = true;
        }
        return ReadStatus.MORE_AVAILABLE;
    }

    @Override
    public void close() {
    }
}
