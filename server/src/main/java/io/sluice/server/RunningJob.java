package io.sluice.server;

import io.sluice.executor.runtime.JobRunner;
import io.sluice.executor.runtime.JobMetrics;
import io.sluice.executor.runtime.JobResult;
import io.sluice.executor.runtime.JobStatus;
import io.sluice.planner.PlannedJob;
import java.time.Instant;
import java.util.Objects;

/** A job submitted by a statement: its name, plan and the execution running it. */
public final class RunningJob {
    private final String id;
    private final String name;
    private final PlannedJob plan;
    private final JobRunner execution;
    private final Instant startTime;

    RunningJob(String id, String name, PlannedJob plan, JobRunner execution, Instant startTime,
            java.util.Optional<Long> restoredCheckpoint) {
        this.id = Objects.requireNonNull(id, "id is null");
        this.name = Objects.requireNonNull(name, "name is null");
        this.plan = Objects.requireNonNull(plan, "plan is null");
        this.execution = Objects.requireNonNull(execution, "execution is null");
        this.startTime = Objects.requireNonNull(startTime, "startTime is null");
        this.restoredCheckpoint = Objects.requireNonNull(restoredCheckpoint, "restoredCheckpoint is null");
    }

    private final java.util.Optional<Long> restoredCheckpoint;

    /** The checkpoint this run resumed from, if it resumed. */
    public java.util.Optional<Long> restoredCheckpoint() {
        return restoredCheckpoint;
    }

    /** True when the job checkpoints: it can stop with a savepoint and resume. */
    public boolean isCheckpointing() {
        return execution.isCheckpointing();
    }

    /** True between a failure and the restart from the latest checkpoint. */
    public boolean isRestarting() {
        return execution.isRestarting();
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public PlannedJob plan() {
        return plan;
    }

    public JobStatus status() {
        return execution.status();
    }

    public JobMetrics metrics() {
        return execution.metrics();
    }

    public Instant startTime() {
        return startTime;
    }

    public boolean isBounded() {
        return plan.bounded();
    }

    public void cancel() {
        execution.cancel();
    }

    /**
     * Takes a savepoint and stops the job, waiting at most {@code timeout}; returns the savepoint's
     * directory, from which {@code SET 'execution.savepoint.path'} resumes it (at any parallelism).
     */
    public java.nio.file.Path stopWithSavepoint(java.time.Duration timeout) {
        try {
            return execution.stopWithSavepoint().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof io.sluice.executor.error.SluiceException s) {
                throw s;
            }
            throw new io.sluice.executor.error.SluiceException(io.sluice.executor.error.ErrorCode.JOB_FAILED,
                    "Job '" + name + "' could not take a savepoint: " + cause.getMessage(), cause);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new io.sluice.executor.error.SluiceException(io.sluice.executor.error.ErrorCode.JOB_FAILED,
                    "Job '" + name + "' did not complete a savepoint within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.sluice.executor.error.SluiceException(io.sluice.executor.error.ErrorCode.JOB_FAILED,
                    "Interrupted while job '" + name + "' took a savepoint");
        }
    }

    public JobResult await() throws InterruptedException {
        return execution.await();
    }

    public java.util.concurrent.CompletableFuture<JobResult> completion() {
        return execution.completion();
    }
}
