package io.sluice.executor.connector;

/**
 * Reads one subtask's splits. Called by a single thread: {@code open}, then {@code pollNext}
 * repeatedly until it returns {@link ReadStatus#END_OF_INPUT}, then {@code close} (always, also on
 * failure). Between two {@code pollNext} calls the runtime may call {@code snapshotState} (a
 * checkpoint) and {@code notifyCheckpointComplete}.
 *
 * <p>Replay contract: a reader restored from the state it returned for checkpoint N emits exactly
 * the rows that followed that snapshot, in the same order per split.
 */
public interface SourceReader extends AutoCloseable {

    void open(SourceContext context) throws Exception;

    /**
     * Emits some rows (a few hundred at most) through the split outputs and says whether more may
     * follow. It must not block for long: return {@link ReadStatus#NOTHING_AVAILABLE} instead and
     * the runtime calls again shortly.
     */
    ReadStatus pollNext(SourceOutput output) throws Exception;

    /**
     * The read positions of this subtask's splits at this point of the stream (file and offset,
     * generator count…), as bytes the reader understands. Rows emitted before this call are covered
     * by checkpoint {@code checkpointId}; rows after it are not.
     */
    default byte[] snapshotState(long checkpointId) throws Exception {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be checkpointed");
    }

    /** Checkpoint {@code checkpointId} and every earlier one are durable. May be skipped for some ids. */
    default void notifyCheckpointComplete(long checkpointId) throws Exception {
    }

    @Override
    void close() throws Exception;

    enum ReadStatus {
        MORE_AVAILABLE,
        NOTHING_AVAILABLE,
        END_OF_INPUT
    }
}
