package io.sluice.executor.runtime;

import io.sluice.executor.data.RowKind;
import io.sluice.executor.operators.Output;
import java.util.List;

/**
 * The output of a task's last operator: every outgoing edge gets every row. A chain ending in a
 * sink has no edges and this output is never called with rows.
 */
final class TaskOutput implements Output {
    private final List<RecordWriter> writers;

    TaskOutput(List<RecordWriter> writers) {
        this.writers = List.copyOf(writers);
    }

    @Override
    public void emit(RowKind kind, Object[] row) {
        try {
            for (RecordWriter writer : writers) {
                writer.emit(kind, row);
            }
        } catch (InterruptedException e) {
            throw new TaskCancelledException(e);
        }
    }

    @Override
    public void emitWatermark(long watermark) {
        broadcast(new StreamElement.Watermark(watermark));
    }

    void broadcast(StreamElement element) {
        try {
            for (RecordWriter writer : writers) {
                writer.broadcast(element);
            }
        } catch (InterruptedException e) {
            throw new TaskCancelledException(e);
        }
    }

    void flush() {
        try {
            for (RecordWriter writer : writers) {
                writer.flush();
            }
        } catch (InterruptedException e) {
            throw new TaskCancelledException(e);
        }
    }
}
