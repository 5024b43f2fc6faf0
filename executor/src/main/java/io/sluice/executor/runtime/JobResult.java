package io.sluice.executor.runtime;

import java.util.Objects;
import java.util.Optional;

/** How a job run ended, and its failure when it failed. */
public record JobResult(JobStatus status, Optional<Throwable> failure) {
    public JobResult {
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(failure, "failure is null");
    }

    /** Waits for a job's completion, which always completes normally. */
    static JobResult await(java.util.concurrent.CompletableFuture<JobResult> completion) throws InterruptedException {
        try {
            return completion.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("job completion cannot fail", e);
        }
    }
}
