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

    /** The channel's producer has finished; nothing follows. */
    enum EndOfInput implements StreamElement {
        INSTANCE
    }
}
