package io.sluice.executor.runtime;

import io.sluice.executor.checkpoint.FaultInjection;
import io.sluice.executor.connector.SourceContext;
import io.sluice.executor.connector.SourceOutput;
import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.graph.SourceSpec;
import io.sluice.executor.operators.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task that runs a connector's reader, appends computed columns, and generates watermarks per
 * split: the task's watermark is the minimum over its active splits, emitted periodically (or after
 * every row when the interval is zero). A split that stays silent longer than the idle timeout no
 * longer holds the watermark back; when every split is idle the task tells downstream it is idle.
 */
final class SourceTask extends Task implements SourceOutput, SourceContext {
    private static final Logger LOG = LoggerFactory.getLogger(SourceTask.class);
    private static final long NOTHING_AVAILABLE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int MALFORMED_WARNINGS_LOGGED = 10;

    private final SourceSpec spec;
    private final SourceReader reader;
    private final Map<String, Split> splits = new LinkedHashMap<>();
    private final long watermarkIntervalNanos;
    private final long idleTimeoutNanos;
    private Output downstream;
    private long currentWatermark = Long.MIN_VALUE;
    private long nextPeriodicWatermark;
    private boolean idle;
    private long malformedSeen;
    private final java.util.concurrent.atomic.AtomicLong requestedCheckpoint = new java.util.concurrent.atomic.AtomicLong(-1);
    private long handledCheckpoint = -1;
    private long rowsEmitted;
    /** Rows emitted since the last {@link #publishRowsIn()}: a shared counter per row costs more than the row's copy. */
    private long rowsNotCounted;
    /** The splits that emitted rows since the last {@link #markSplitsThatEmitted}. */
    private final java.util.List<Split> emittedInPoll = new java.util.ArrayList<>();

    SourceTask(TaskSetup setup, OperatorChain chain, TaskOutput output, SourceSpec spec) {
        super(setup, chain, output);
        this.spec = spec;
        this.reader = spec.source().createReader(subtaskIndex, parallelism);
        this.watermarkIntervalNanos = spec.watermarkInterval().toNanos();
        this.idleTimeoutNanos = spec.idleTimeout().toNanos();
    }

    @Override
    protected void process() throws Exception {
        downstream = chainInput();
        try (SourceReader r = reader) {
            r.open(this);
            nextPeriodicWatermark = System.nanoTime() + watermarkIntervalNanos;
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("source cancelled");
                }
                handleCheckpointRequest();
                handleCompletedCheckpoints();
                SourceReader.ReadStatus status;
                try {
                    status = r.pollNext(this);
                } finally {
                    publishRowsIn();
                }
                if (status == SourceReader.ReadStatus.END_OF_INPUT) {
                    break;
                }
                long now = System.nanoTime();
                markSplitsThatEmitted(now);
                if (spec.watermark() != null && watermarkIntervalNanos > 0 && now >= nextPeriodicWatermark) {
                    nextPeriodicWatermark = now + watermarkIntervalNanos;
                    emitWatermarkIfAdvanced(now);
                }
                if (status == SourceReader.ReadStatus.NOTHING_AVAILABLE) {
                    output.flush();
                    updateIdleness(now);
                    LockSupport.parkNanos(NOTHING_AVAILABLE_PAUSE_NANOS);
                }
            }
            // a bounded source has ended: everything it will ever say is said, so event time is complete
            downstream.emitWatermark(Long.MAX_VALUE);
            metrics.observeSourceWatermark(Long.MAX_VALUE);
            awaitFinalCheckpoint();
        }
    }

    /**
     * With checkpoints, a source at its end stays until the final checkpoint completes, so that
     * exactly-once sinks commit everything through a checkpoint before the job ends.
     */
    private void awaitFinalCheckpoint() throws Exception {
        if (coordinator == null) {
            return;
        }
        output.flush();
        coordinator.sourceReachedEnd();
        while (!coordinator.isReleased()) {
            if (Thread.interrupted()) {
                throw new InterruptedException("source cancelled");
            }
            handleCheckpointRequest();
            handleCompletedCheckpoints();
            LockSupport.parkNanos(NOTHING_AVAILABLE_PAUSE_NANOS);
        }
        handleCompletedCheckpoints();
    }

    /**
     * The splits that emitted rows in the last poll did so at {@code now} as far as idleness goes:
     * reading the clock once per poll instead of once per row (a poll is far shorter than an idle
     * timeout, and a later time only errs towards "not idle").
     */
    private void markSplitsThatEmitted(long now) {
        for (Split split : emittedInPoll) {
            split.lastRowNanos = now;
            split.emittedInPoll = false;
        }
        emittedInPoll.clear();
    }

    private void publishRowsIn() {
        if (rowsNotCounted > 0) {
            metrics.rowsIn().add(rowsNotCounted);
            rowsNotCounted = 0;
        }
    }

    /** Called by the coordinator's thread. */
    void requestCheckpoint(long checkpointId) {
        requestedCheckpoint.accumulateAndGet(checkpointId, Math::max);
    }

    private void handleCheckpointRequest() throws Exception {
        long requested = requestedCheckpoint.get();
        if (requested > handledCheckpoint) {
            handledCheckpoint = requested;
            checkpoint(requested, reader.snapshotState(requested), 0);
        }
    }

    @Override
    protected void notifyComplete(long checkpointId) throws Exception {
        reader.notifyCheckpointComplete(checkpointId);
        FaultInjection.checkpointCompleted();
        super.notifyComplete(checkpointId);
    }

    @Override
    public java.util.List<byte[]> restoredState() {
        return restore.sourceStates();
    }

    private void updateIdleness(long now) {
        if (spec.watermark() == null) {
            return;
        }
        boolean allIdle = true;
        for (Split split : splits.values()) {
            if (!split.finished && !split.isIdle(now, idleTimeoutNanos)) {
                allIdle = false;
                break;
            }
        }
        // a subtask without splits of an unbounded source never produces: idle at once, as in Flink
        if (allIdle != idle && (!splits.isEmpty() ? idleTimeoutNanos > 0 : !spec.source().isBounded())) {
            idle = allIdle;
            output.broadcast(allIdle ? StreamElement.WatermarkStatus.IDLE : StreamElement.WatermarkStatus.ACTIVE);
        }
        if (!allIdle) {
            emitWatermarkIfAdvanced(now);
        }
    }

    private void emitWatermarkIfAdvanced(long now) {
        long min = Long.MAX_VALUE;
        boolean anyActive = false;
        for (Split split : splits.values()) {
            if (!split.finished && !split.isIdle(now, idleTimeoutNanos)) {
                anyActive = true;
                min = Math.min(min, split.watermark);
            }
        }
        if (anyActive && min > currentWatermark) {
            currentWatermark = min;
            downstream.emitWatermark(min);
            metrics.observeSourceWatermark(min);
        }
    }

    @Override
    public SplitOutput split(String splitId) {
        return splits.computeIfAbsent(splitId, Split::new);
    }

    @Override
    public int subtaskIndex() {
        return subtaskIndex;
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public void skippedMalformedRecord(String where, String reason) {
        metrics.malformedRowsSkipped().increment();
        if (++malformedSeen <= MALFORMED_WARNINGS_LOGGED) {
            LOG.warn("Skipped malformed record at {}: {}{}", where, reason,
                    malformedSeen == MALFORMED_WARNINGS_LOGGED ? " (further ones are only counted)" : "");
        }
    }

    private final class Split implements SplitOutput {
        private final String id;
        private long watermark = Long.MIN_VALUE;
        private long lastRowNanos = System.nanoTime();
        private boolean emittedInPoll;
        private boolean finished;

        Split(String id) {
            this.id = id;
        }

        boolean isIdle(long now, long timeoutNanos) {
            return timeoutNanos > 0 && now - lastRowNanos > timeoutNanos;
        }

        @Override
        public void collect(Object[] row) {
            rowsNotCounted++;
            FaultInjection.failIfRequested(++rowsEmitted);
            Object[] full = spec.computedColumns() == null ? row : spec.computedColumns().apply(row);
            downstream.emit(RowKind.INSERT, full);
            if (spec.watermark() == null) {
                return;
            }
            if (watermarkIntervalNanos == 0) {
                // a watermark per row judges every split's idleness per row: each needs its latest row's time
                lastRowNanos = System.nanoTime();
            } else if (!emittedInPoll) {
                emittedInPoll = true;
                SourceTask.this.emittedInPoll.add(this);
            }
            if (idle) {
                idle = false;
                output.broadcast(StreamElement.WatermarkStatus.ACTIVE);
            }
            Object value = spec.watermark().eval(full);
            if (value != null) {
                watermark = Math.max(watermark, (Long) value);
                if (watermarkIntervalNanos == 0) {
                    emitWatermarkIfAdvanced(lastRowNanos);
                }
            }
        }

        @Override
        public void finish() {
            finished = true;
        }

        @Override
        public String toString() {
            return id;
        }
    }
}
