package io.sluice.server;

import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.types.RowSchema;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sink of a SELECT: rows of every subtask go into one bounded queue that the client drains.
 * A full queue holds the job back, so a slow reader never makes the engine buffer without bound.
 */
public final class ResultCollector implements TableSink {
    private static final int CAPACITY = 4096;

    private final RowSchema schema;
    private final BlockingQueue<ResultRow> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicInteger openWriters = new AtomicInteger();
    private volatile boolean writersCreated;

    public ResultCollector(RowSchema schema) {
        this.schema = schema;
    }

    public RowSchema schema() {
        return schema;
    }

    /** A row of the result with its change kind. */
    public record ResultRow(RowKind kind, Object[] values) {
    }

    /**
     * The next row, or null when none arrived within the timeout. Call {@link #isDrained()} to tell
     * a pause from the end.
     */
    public ResultRow poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    /** True when every writer has finished and every row has been taken. */
    public boolean isDrained() {
        return writersCreated && openWriters.get() == 0 && queue.isEmpty();
    }

    @Override
    public SinkWriter createWriter(int subtaskIndex, int parallelism) {
        openWriters.incrementAndGet();
        writersCreated = true;
        return new SinkWriter() {
            private boolean done;

            @Override
            public void open(SinkContext context) {
            }

            @Override
            public void write(RowKind kind, Object[] row) throws InterruptedException {
                queue.put(new ResultRow(kind, row));
            }

            @Override
            public void finish() {
                end();
            }

            @Override
            public void close() {
                end();
            }

            private void end() {
                if (!done) {
                    done = true;
                    openWriters.decrementAndGet();
                }
            }
        };
    }

    @Override
    public boolean acceptsUpdates() {
        return true;
    }

    @Override
    public String describe() {
        return "collect[client]";
    }
}
