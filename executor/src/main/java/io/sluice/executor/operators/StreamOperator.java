package io.sluice.executor.operators;

import io.sluice.executor.data.RowKind;

/**
 * One step of a streaming pipeline, run by a single task thread.
 *
 * <p>Call order: {@code open}; then any interleaving of {@code processElement} and
 * {@code processWatermark}; then {@code finish} once when every input has ended (after a final
 * watermark of {@link Long#MAX_VALUE} for event-time inputs); {@code close} always last, also after
 * a failure. Batches are the unit of hand-over between threads; inside a chain, rows pass one at a
 * time by direct calls, so an operator never sees a queue and never blocks on output.
 *
 * <p>Watermarks reach an operator already combined: a task with several inputs passes on the
 * minimum over its active inputs. An operator forwards the watermark (after emitting what it
 * released) with {@link Output#emitWatermark}.
 */
public interface StreamOperator {

    void open(OperatorContext context, Output output) throws Exception;

    /** One input row; {@code input} is the index of the logical input (0 for single-input operators). */
    void processElement(int input, RowKind kind, Object[] row) throws Exception;

    default void processWatermark(long watermark) throws Exception {
        output().emitWatermark(watermark);
    }

    /** All input has been seen: emit what remains. */
    default void finish() throws Exception {
    }

    default void close() throws Exception {
    }

    /**
     * The operator's own (non-keyed) state at a checkpoint barrier: everything before the barrier is
     * in it. Keyed state in {@link OperatorContext#keyedState()} is snapshotted by the runtime.
     * Returns null when the operator has no such state.
     */
    default byte[] snapshotState(long checkpointId) throws Exception {
        return null;
    }

    /** Checkpoint {@code checkpointId} and every earlier one are complete; notifications may be skipped. */
    default void notifyCheckpointComplete(long checkpointId) throws Exception {
    }

    /** The output given to {@code open}; used by the default watermark forwarding. */
    Output output();
}
