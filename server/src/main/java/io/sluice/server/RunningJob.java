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

    public JobResult await() throws InterruptedException {
        return execution.await();
    }

    public java.util.concurrent.CompletableFuture<JobResult> completion() {
        return execution.completion();
    }
}
