package io.sluice.executor.connector;

import io.sluice.executor.data.RowKind;

/**
 * Writes one sink subtask's rows. Called by a single thread: {@code open}, {@code write} for each
 * row, {@code finish} once when the input has ended (make everything written durable and
 * visible), and {@code close} always, also on failure (release resources, publish nothing more).
 *
 * <p>Exactly-once sinks (DESIGN.md §5) also take part in checkpoints. Rows written between the
 * barriers of checkpoints N-1 and N belong to transaction N:
 * <ol>
 *   <li>{@code snapshotState(N)} pre-commits N (flush, make durable but not visible) and returns
 *       what is needed to commit N later, together with any older transactions not committed yet;</li>
 *   <li>{@code notifyCheckpointComplete(N)} commits N and every earlier pending one (notifications
 *       can be lost; completing N covers everything before N);</li>
 *   <li>after a crash, {@code open} receives the state of the restored checkpoint in
 *       {@link SinkContext#restoredState()}: it commits what that state recorded (commit is
 *       idempotent: it may be committed already) and aborts or deletes anything newer.</li>
 * </ol>
 */
public interface SinkWriter extends AutoCloseable {

    void open(SinkContext context) throws Exception;

    void write(RowKind kind, Object[] row) throws Exception;

    void finish() throws Exception;

    /** Pre-commits the rows since the previous checkpoint; see the class comment. */
    default byte[] snapshotState(long checkpointId) throws Exception {
        return new byte[0];
    }

    /** Commits every pre-committed transaction up to and including {@code checkpointId}. */
    default void notifyCheckpointComplete(long checkpointId) throws Exception {
    }

    @Override
    void close() throws Exception;
}
