package io.sluice.connectors.jdbc;

import io.sluice.executor.connector.SinkContext;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Buffers rows (the last change per key, with a primary key) and writes them in one transaction
 * when {@code 'sink.buffer-flush.max-rows'} are buffered, every {@code 'sink.buffer-flush.interval'},
 * at {@link #finish()} and, unless the guarantee is {@code none}, at every checkpoint, so that
 * everything before a checkpoint is durable when it completes. After a crash the rows since the
 * last checkpoint are written again: with a primary key that rewrites the same rows, without one it
 * duplicates them.
 *
 * <p>The interval flush runs on a timer thread; every use of the buffer and the connection holds
 * the writer's lock, and a failure of the timer's flush is thrown by the next call of the task.
 */
final class AtLeastOnceJdbcWriter implements SinkWriter {
    private final JdbcSinkConfig config;
    private final TableStatements statements;
    private final ChangeBuffer buffer;
    private final Object lock = new Object();
    private JdbcSession session;
    private ScheduledExecutorService timer;
    private volatile RuntimeException timerFailure;

    AtLeastOnceJdbcWriter(JdbcSinkConfig config) {
        this.config = config;
        this.statements = config.statements();
        this.buffer = new ChangeBuffer(config.keyFields());
    }

    @Override
    public void open(SinkContext context) {
        session = new JdbcSession(config.connection(), config.maxRetries());
        session.connection();
        long intervalMillis = config.flushInterval().toMillis();
        if (intervalMillis > 0 && config.maxRows() != 1) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "jdbc-flush-" + config.connection().sluiceTable() + "-"
                        + context.subtaskIndex());
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::flushOnTimer, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void flushOnTimer() {
        synchronized (lock) {
            if (timerFailure != null) {
                return;
            }
            try {
                flush();
            } catch (RuntimeException e) {
                timerFailure = e;
            }
        }
    }

    @Override
    public void write(RowKind kind, Object[] row) {
        Change change = config.toChange(kind, row);
        synchronized (lock) {
            throwTimerFailure();
            if (change != null) {
                buffer.add(change);
            }
            if (config.maxRows() > 0 && buffer.size() >= config.maxRows()) {
                flush();
            }
        }
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        if (config.guarantee() != DeliveryGuarantee.NONE) {
            synchronized (lock) {
                throwTimerFailure();
                flush();
            }
        }
        return new byte[0];
    }

    @Override
    public void finish() {
        synchronized (lock) {
            throwTimerFailure();
            flush();
        }
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        List<Change> changes = buffer.changes();
        session.transaction("write " + changes.size() + " rows", connection -> {
            statements.execute(connection, changes);
            return null;
        });
        buffer.clear();
    }

    private void throwTimerFailure() {
        RuntimeException failure = timerFailure;
        if (failure != null) {
            throw new SluiceException(ErrorCode.EXTERNAL_ERROR, failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        synchronized (lock) {
            if (session != null) {
                session.close();
            }
        }
    }
}
