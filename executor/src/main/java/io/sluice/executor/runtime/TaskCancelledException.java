package io.sluice.executor.runtime;

/** Unwinds a task thread that was interrupted because its job is being cancelled. */
final class TaskCancelledException extends RuntimeException {
    TaskCancelledException(InterruptedException cause) {
        super("task cancelled", cause);
        Thread.currentThread().interrupt();
    }
}
