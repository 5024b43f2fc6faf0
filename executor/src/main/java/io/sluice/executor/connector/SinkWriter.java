package io.sluice.executor.connector;

import io.sluice.executor.data.RowKind;

/**
 * Writes one sink subtask's rows. Called by a single thread: {@code open}, {@code write} for each
 * row, {@code finish} once when the input has ended (make everything written durable and
 * visible), and {@code close} always, also on failure (release resources, publish nothing more).
 */
public interface SinkWriter extends AutoCloseable {

    void open(SinkContext context) throws Exception;

    void write(RowKind kind, Object[] row) throws Exception;

    void finish() throws Exception;

    @Override
    void close() throws Exception;
}
