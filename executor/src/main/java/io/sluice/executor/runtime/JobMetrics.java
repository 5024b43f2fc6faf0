package io.sluice.executor.runtime;

import io.sluice.executor.checkpoint.CheckpointStats;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** The counters of one job run, read by progress reports and SHOW JOBS. Thread-safe. */
public final class JobMetrics {
    private final LongAdder rowsIn = new LongAdder();
    private final LongAdder rowsOut = new LongAdder();
    private final LongAdder lateRowsDropped = new LongAdder();
    private final LongAdder malformedRowsSkipped = new LongAdder();
    private final AtomicLong sinkWatermark = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong sourceWatermark = new AtomicLong(Long.MIN_VALUE);
    private final AtomicReference<CheckpointStats> lastCheckpoint = new AtomicReference<>();
    private final LongAdder completedCheckpoints = new LongAdder();
    private final LongAdder restarts = new LongAdder();

    /** Rows read by all sources. */
    public LongAdder rowsIn() {
        return rowsIn;
    }

    /** Rows written to all sinks. */
    public LongAdder rowsOut() {
        return rowsOut;
    }

    public LongAdder lateRowsDropped() {
        return lateRowsDropped;
    }

    public LongAdder malformedRowsSkipped() {
        return malformedRowsSkipped;
    }

    public void observeSinkWatermark(long watermark) {
        sinkWatermark.accumulateAndGet(watermark, Math::max);
    }

    public void observeSourceWatermark(long watermark) {
        sourceWatermark.accumulateAndGet(watermark, Math::max);
    }

    public void checkpointCompleted(CheckpointStats stats) {
        lastCheckpoint.set(stats);
        completedCheckpoints.increment();
    }

    /** The newest complete checkpoint of this job (of any run sharing these metrics), if any yet. */
    public Optional<CheckpointStats> lastCheckpoint() {
        return Optional.ofNullable(lastCheckpoint.get());
    }

    /** The id of the newest complete checkpoint, 0 when none yet. */
    public long lastCheckpointId() {
        return lastCheckpoint().map(CheckpointStats::id).orElse(0L);
    }

    /** Checkpoints completed since the job started (across restarts). */
    public long completedCheckpoints() {
        return completedCheckpoints.sum();
    }

    /** How often the job was restarted from a checkpoint after a failure. */
    public LongAdder restarts() {
        return restarts;
    }

    /** The highest watermark a sink has seen, or Long.MIN_VALUE when none yet. */
    public long sinkWatermark() {
        return sinkWatermark.get();
    }

    /** The highest watermark a source has emitted, or Long.MIN_VALUE when none yet. */
    public long sourceWatermark() {
        return sourceWatermark.get();
    }
}
