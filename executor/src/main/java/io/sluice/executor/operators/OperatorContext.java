package io.sluice.executor.operators;

import io.sluice.executor.runtime.JobMetrics;
import java.util.List;
import java.util.Objects;

/**
 * What the runtime tells an operator about where it runs, and the state it restores.
 */
public final class OperatorContext {
    private final String operatorName;
    private final int subtaskIndex;
    private final int parallelism;
    private final JobMetrics metrics;
    private final List<byte[]> restoredState;
    private final java.util.function.Supplier<io.sluice.executor.state.KeyedStateStore> keyedStore;
    private final java.time.Duration checkpointInterval;

    public OperatorContext(String operatorName, int subtaskIndex, int parallelism, JobMetrics metrics) {
        this(operatorName, subtaskIndex, parallelism, metrics, List.of(), () -> {
            throw new IllegalStateException("this operator runs without keyed state");
        });
    }

    public OperatorContext(String operatorName, int subtaskIndex, int parallelism, JobMetrics metrics,
            List<byte[]> restoredState, java.util.function.Supplier<io.sluice.executor.state.KeyedStateStore> keyedStore) {
        this(operatorName, subtaskIndex, parallelism, metrics, restoredState, keyedStore, java.time.Duration.ZERO);
    }

    public OperatorContext(String operatorName, int subtaskIndex, int parallelism, JobMetrics metrics,
            List<byte[]> restoredState, java.util.function.Supplier<io.sluice.executor.state.KeyedStateStore> keyedStore,
            java.time.Duration checkpointInterval) {
        this.operatorName = Objects.requireNonNull(operatorName, "operatorName is null");
        this.subtaskIndex = subtaskIndex;
        this.parallelism = parallelism;
        this.metrics = Objects.requireNonNull(metrics, "metrics is null");
        this.restoredState = List.copyOf(restoredState);
        this.keyedStore = Objects.requireNonNull(keyedStore, "keyedStore is null");
        this.checkpointInterval = Objects.requireNonNull(checkpointInterval, "checkpointInterval is null");
    }

    /** The job's checkpoint interval; zero when the job runs without checkpoints. */
    public java.time.Duration checkpointInterval() {
        return checkpointInterval;
    }

    public String operatorName() {
        return operatorName;
    }

    public int subtaskIndex() {
        return subtaskIndex;
    }

    public int parallelism() {
        return parallelism;
    }

    public JobMetrics metrics() {
        return metrics;
    }

    /**
     * The states this operator's {@link StreamOperator#snapshotState} returned in the checkpoint
     * being restored, of the old subtasks this one inherits (old j goes to new j mod parallelism).
     * Empty on a fresh start.
     */
    public List<byte[]> restoredState() {
        return restoredState;
    }

    /**
     * The operator's keyed state store, holding its key groups and restored from the checkpoint;
     * created on the first call (call it in {@code open}). The runtime snapshots it at checkpoints.
     */
    public io.sluice.executor.state.KeyedStateStore keyedStateStore() {
        return keyedStore.get();
    }
}
