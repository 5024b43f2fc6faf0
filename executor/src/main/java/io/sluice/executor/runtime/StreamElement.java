package io.sluice.executor.runtime;

import io.sluice.executor.data.RowBatch;

/** What travels through a channel: rows, or a control element in-band with them. */
public sealed interface StreamElement {

    record Rows(RowBatch batch) implements StreamElement {
    }

    /** No row at or before this event time follows on this channel. */
    record Watermark(long timestamp) implements StreamElement {
    }

    /** The channel stopped (idle) or started again (active) producing rows; idle channels do not hold back the watermark. */
    record WatermarkStatus(boolean idle) implements StreamElement {
        public static final WatermarkStatus IDLE = new WatermarkStatus(true);
        public static final WatermarkStatus ACTIVE = new WatermarkStatus(false);
    }

    /**
     * Checkpoint {@code checkpointId}: every row before it is covered by the checkpoint, every row
     * after it is not. A task with several inputs aligns: it holds back a channel that delivered
     * the barrier until every other open channel has, then snapshots and passes the barrier on.
     */
    record Barrier(long checkpointId) implements StreamElement {
    }

    /** The channel's producer has finished; nothing follows. */
    enum EndOfInput implements StreamElement {
        INSTANCE
    }
}
