package io.sluice.server;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.runtime.JobExecution;
import io.sluice.planner.PlannedJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Starts jobs under unique names and keeps them for SHOW JOBS and STOP JOB. Thread-safe. */
public final class JobManager {
    private final Map<String, RunningJob> jobs = new ConcurrentHashMap<>();
    private final List<RunningJob> order = new ArrayList<>();

    public synchronized RunningJob start(String requestedName, PlannedJob plan) {
        String name = requestedName;
        for (int n = 2; isActive(name); n++) {
            name = requestedName + "-" + n;
        }
        JobExecution execution = JobExecution.start(plan.graph());
        RunningJob job = new RunningJob(UUID.randomUUID().toString().replace("-", "").substring(0, 16), name, plan,
                execution, Instant.now());
        jobs.put(name, job);
        order.add(job);
        return job;
    }

    private boolean isActive(String name) {
        RunningJob existing = jobs.get(name);
        return existing != null && !existing.status().isTerminal();
    }

    public synchronized List<RunningJob> list() {
        return List.copyOf(order);
    }

    public RunningJob get(String nameOrId) {
        RunningJob job = jobs.get(nameOrId);
        if (job == null) {
            job = list().stream().filter(j -> j.id().equals(nameOrId)).findFirst().orElse(null);
        }
        if (job == null) {
            throw new SluiceException(ErrorCode.CATALOG_ERROR, "There is no job named '" + nameOrId + "'");
        }
        return job;
    }

    /** Cancels every job that still runs; used at shutdown. */
    public void cancelAll() {
        list().forEach(RunningJob::cancel);
    }
}
