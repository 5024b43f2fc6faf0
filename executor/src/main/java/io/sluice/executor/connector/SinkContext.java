package io.sluice.executor.connector;

/** What the runtime tells a sink writer. */
public interface SinkContext {
    int subtaskIndex();

    int parallelism();

    /**
     * A name for this sink that stays the same across restarts of the same job (job name and sink
     * table), for naming files and transactions deterministically.
     */
    default String stableSinkId() {
        return "sink";
    }

    /**
     * The states {@link SinkWriter#snapshotState} returned in the checkpoint being restored, of the
     * old subtasks this one inherits: old subtask j goes to new subtask j mod parallelism, so with
     * an unchanged parallelism it is just this subtask's own. Empty on a fresh start.
     */
    default java.util.List<byte[]> restoredState() {
        return java.util.List.of();
    }

    /**
     * The job's checkpoint interval, or empty when the job runs without checkpoints: then nothing
     * calls {@link SinkWriter#snapshotState}, and an exactly-once sink has no transaction boundary.
     */
    default java.util.Optional<java.time.Duration> checkpointInterval() {
        return java.util.Optional.empty();
    }
}
