package io.sluice.executor.testing;

import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.data.RowKind;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A sink that keeps what its writers were given, with the writing subtask, and counts their life-cycle calls. Thread-safe. */
public final class CollectingSink implements TableSink {
    private final ConcurrentLinkedQueue<Written> written = new ConcurrentLinkedQueue<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final Hooks hooks;

    /** A row as a writer got it. */
    public record Written(int subtask, RowKind kind, List<Object> fields) {
    }

    /** What a test does inside the writers' calls, on their threads: be slow, fail, observe. */
    public interface Hooks {
        default void beforeWrite(int subtask, RowKind kind, Object[] row) throws Exception {
        }

        default void onFinish(int subtask) throws Exception {
        }
    }

    public CollectingSink() {
        this(new Hooks() { });
    }

    public CollectingSink(Hooks hooks) {
        this.hooks = hooks;
    }

    public List<Written> written() {
        return List.copyOf(written);
    }

    /** The fields of every row written, in no particular order across subtasks. */
    public List<List<Object>> rows() {
        return written.stream().map(Written::fields).toList();
    }

    public int size() {
        return written.size();
    }

    public int openedWriters() {
        return opened.get();
    }

    public int finishedWriters() {
        return finished.get();
    }

    public int closedWriters() {
        return closed.get();
    }

    @Override
    public SinkWriter createWriter(int subtaskIndex, int parallelism) {
        return new SinkWriter() {
            @Override
            public void open(SinkContext context) {
                opened.incrementAndGet();
            }

            @Override
            public void write(RowKind kind, Object[] row) throws Exception {
                hooks.beforeWrite(subtaskIndex, kind, row);
                written.add(new Written(subtaskIndex, kind, Arrays.asList(row.clone())));
            }

            @Override
            public void finish() throws Exception {
                hooks.onFinish(subtaskIndex);
                finished.incrementAndGet();
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    @Override
    public boolean acceptsUpdates() {
        return true;
    }

    @Override
    public String describe() {
        return "collecting";
    }
}
