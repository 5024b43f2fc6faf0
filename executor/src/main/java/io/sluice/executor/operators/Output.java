package io.sluice.executor.operators;

import io.sluice.executor.data.RowKind;

/**
 * Where an operator puts its results: the next operator of the chain, or the task's channels.
 * Rows handed to {@code emit} must not be modified afterwards; they may be read by several
 * downstream operators.
 */
public interface Output {
    void emit(RowKind kind, Object[] row);

    /** Event time has advanced: no row with an event time at or before {@code watermark} follows. */
    void emitWatermark(long watermark);
}
