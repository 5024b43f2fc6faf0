package io.sluice.executor.runtime;

import io.sluice.executor.checkpoint.CheckpointConfig;
import io.sluice.executor.checkpoint.CompletedCheckpoint;
import java.util.Objects;
import java.util.Optional;

/**
 * How one run of a job executes: its checkpoints, the checkpoint it starts from, and the metrics
 * it adds to (shared by the runs of one job across restarts).
 */
public record ExecutionOptions(CheckpointConfig checkpoints, Optional<CompletedCheckpoint> restoreFrom,
        JobMetrics metrics) {
    public ExecutionOptions {
        Objects.requireNonNull(checkpoints, "checkpoints is null");
        Objects.requireNonNull(restoreFrom, "restoreFrom is null");
        Objects.requireNonNull(metrics, "metrics is null");
    }

    public static ExecutionOptions withoutCheckpoints() {
        return new ExecutionOptions(CheckpointConfig.disabled(), Optional.empty(), new JobMetrics());
    }
}
