package io.sluice.executor.connector;

/** A writable table. One {@link SinkWriter} is made per parallel sink subtask. */
public interface TableSink {

    SinkWriter createWriter(int subtaskIndex, int parallelism);

    /** True when the sink can take updates and deletes (-U, +U, -D), not only inserts. */
    default boolean acceptsUpdates() {
        return false;
    }

    /**
     * True when the sink takes part in checkpoints (two-phase commit or idempotent writes), so that
     * with a replayable source every row is committed exactly once.
     */
    default boolean isExactlyOnce() {
        return false;
    }

    /** A short text for EXPLAIN. */
    String describe();
}
