package io.sluice.executor.runtime;

/**
 * The life of a job run:
 * <pre>
 *   RUNNING -> FINISHED      all input ended and every sink finished
 *           -> FAILED        a task failed
 *           -> CANCELED      cancel() was called
 * </pre>
 */
public enum JobStatus {
    RUNNING,
    FINISHED,
    FAILED,
    CANCELED;

    public boolean isTerminal() {
        return this != RUNNING;
    }
}
