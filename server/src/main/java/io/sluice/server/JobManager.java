package io.sluice.server;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.checkpoint.CheckpointStorage;
import io.sluice.executor.checkpoint.CompletedCheckpoint;
import io.sluice.executor.runtime.ExecutionOptions;
import io.sluice.executor.runtime.JobMetrics;
import io.sluice.executor.runtime.JobRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
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

    private final Path temporaryStateRoot;

    JobManager(Path temporaryStateRoot) {
        this.temporaryStateRoot = temporaryStateRoot;
    }

    /** The name a job started now under {@code requestedName} gets: unique among running jobs. */
    public synchronized String uniqueName(String requestedName) {
        String name = requestedName;
        for (int n = 2; isActive(name); n++) {
            name = requestedName + "-" + n;
        }
        return name;
    }

    /**
     * The directory of a job's checkpoints: under the state directory when one is set (so the job
     * resumes there), else under a temporary one, emptied for each run.
     */
    Path jobDirectory(String jobName, ExecutionSettings settings) throws IOException {
        Path root = settings.stateDir().orElse(temporaryStateRoot);
        Path directory = root.resolve("jobs").resolve(jobName.replaceAll("[^A-Za-z0-9_.,=-]", "_"));
        if (settings.stateDir().isEmpty()) {
            CheckpointStorage.deleteRecursively(directory);
        }
        return directory;
    }

    /** The message to show instead of running a job that already ran to its end in this state directory. */
    Optional<String> finishedEarlier(String jobName, ExecutionSettings settings) throws IOException {
        if (settings.stateDir().isEmpty()) {
            return Optional.empty();
        }
        Path directory = jobDirectory(jobName, settings);
        if (!new CheckpointStorage(directory).isFinished()) {
            return Optional.empty();
        }
        return Optional.of("[INFO] Job '" + jobName + "' already ran to its end with this state directory; it is "
                + "not run again. To run it afresh, delete " + directory + " or use another --state-dir.");
    }

    /** Starts a job, resuming from the latest checkpoint in its directory if there is one. */
    public synchronized RunningJob start(String name, PlannedJob plan, Map<String, String> sessionSettings) {
        try {
            ExecutionSettings settings = ExecutionSettings.from(sessionSettings);
            Path jobDirectory = jobDirectory(name, settings);
            Optional<CompletedCheckpoint> restore = settings.savepointPath().isPresent()
                    ? Optional.of(CheckpointStorage.read(settings.savepointPath().get()))
                    : settings.stateDir().isPresent() ? new CheckpointStorage(jobDirectory).latest() : Optional.empty();
            JobRunner runner = JobRunner.start(plan.graph(), new ExecutionOptions(settings.checkpointConfig(jobDirectory),
                    restore, new JobMetrics()), settings.restartStrategy());
            RunningJob job = new RunningJob(UUID.randomUUID().toString().replace("-", "").substring(0, 16), name, plan,
                    runner, Instant.now(), restore.map(CompletedCheckpoint::id));
            jobs.put(name, job);
            order.add(job);
            return job;
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.EXTERNAL_ERROR, "Cannot start job '" + name + "': " + e.getMessage(), e);
        }
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
