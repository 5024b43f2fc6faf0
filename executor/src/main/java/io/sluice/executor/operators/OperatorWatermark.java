package io.sluice.executor.operators;

import java.nio.ByteBuffer;

/**
 * The watermark an event-time operator has reached, as its own (non-keyed) checkpoint state: a
 * restored operator must not fire again what it fired before the checkpoint, nor take as on time a
 * row it would then have dropped as late.
 */
public final class OperatorWatermark {
    private OperatorWatermark() {
    }

    /** The state of {@link StreamOperator#snapshotState} for {@code watermark}. */
    public static byte[] snapshot(long watermark) {
        return ByteBuffer.allocate(Long.BYTES).putLong(watermark).array();
    }

    /**
     * The watermark to resume from: {@link Long#MIN_VALUE} on a fresh start; on rescale several old
     * watermarks are inherited, and the smallest is the one all of them passed.
     */
    public static long restore(OperatorContext context) {
        if (context.restoredState().isEmpty()) {
            return Long.MIN_VALUE;
        }
        long restored = Long.MAX_VALUE;
        for (byte[] bytes : context.restoredState()) {
            restored = Math.min(restored, ByteBuffer.wrap(bytes).getLong());
        }
        return restored;
    }
}
