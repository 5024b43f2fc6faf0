package io.sluice.executor.runtime;

import io.sluice.executor.checkpoint.CheckpointStorage;
import io.sluice.executor.checkpoint.CompletedCheckpoint;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.graph.JobGraph;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job to its end across failures: each run is a {@link JobExecution}; when one fails and the
 * restart strategy allows, the next starts from the latest complete checkpoint. A failure caused by
 * the user's input or SQL (a malformed record, say) fails the job at once: running it again would
 * fail the same way. A job that ends normally with checkpoints is marked finished in its directory
 * and is not resumed again.
 */
public final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final JobGraph graph;
    private final ExecutionOptions options;
    private final RestartStrategy restartStrategy;
    private final CompletableFuture<JobResult> completion = new CompletableFuture<>();
    private final Thread supervisor;
    private volatile JobExecution current;
    private volatile boolean cancelled;
    private volatile boolean restarting;

    private JobRunner(JobGraph graph, ExecutionOptions options, RestartStrategy restartStrategy) {
        this.graph = graph;
        this.options = options;
        this.restartStrategy = restartStrategy;
        this.supervisor = new Thread(this::supervise, graph.name() + ": supervisor");
        this.supervisor.setDaemon(true);
    }

    /**
     * Starts the job. {@code options.restoreFrom()} is the checkpoint to start from (a savepoint, or
     * the latest checkpoint of an earlier process); later restarts use the newest complete one.
     */
    public static JobRunner start(JobGraph graph, ExecutionOptions options, RestartStrategy restartStrategy)
            throws IOException {
        JobRunner runner = new JobRunner(graph, options, restartStrategy);
        runner.current = JobExecution.start(graph, options);
        runner.supervisor.start();
        return runner;
    }

    private void supervise() {
        int restarts = 0;
        try {
            while (true) {
                JobResult result = current.await();
                if (result.status() != JobStatus.FAILED || cancelled) {
                    finish(result);
                    return;
                }
                Throwable failure = result.failure().orElseThrow();
                if (!isRestartable(failure) || !restartStrategy.allowsRestart(restarts)) {
                    finish(result);
                    return;
                }
                restarting = true;
                java.time.Duration delay = restartStrategy.delayBefore(restarts);
                LOG.warn("Job '{}' failed ({}); restarting from its latest checkpoint in {} ms (restart {})",
                        graph.name(), failure.getMessage(), delay.toMillis(), restarts + 1);
                Thread.sleep(delay.toMillis());
                if (cancelled) {
                    finish(new JobResult(JobStatus.CANCELED, Optional.empty()));
                    return;
                }
                restarts++;
                options.metrics().restarts().increment();
                Optional<CompletedCheckpoint> latest = options.checkpoints().jobDirectory().isPresent()
                        ? new CheckpointStorage(options.checkpoints().jobDirectory().get()).latest()
                        : Optional.empty();
                current = JobExecution.start(graph, new ExecutionOptions(options.checkpoints(),
                        latest.or(options::restoreFrom), options.metrics()));
                restarting = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(new JobResult(JobStatus.CANCELED, Optional.empty()));
        } catch (IOException | RuntimeException e) {
            finish(new JobResult(JobStatus.FAILED, Optional.of(e)));
        }
    }

    private boolean isRestartable(Throwable failure) {
        return !(failure instanceof SluiceException s && s.isUserError()) && options.checkpoints().enabled();
    }

    private void finish(JobResult result) {
        if (result.status() == JobStatus.FINISHED && options.checkpoints().enabled()) {
            try {
                new CheckpointStorage(options.checkpoints().jobDirectory().orElseThrow()).markFinished();
            } catch (IOException e) {
                result = new JobResult(JobStatus.FAILED, Optional.of(new SluiceException(ErrorCode.EXTERNAL_ERROR,
                        "Job '" + graph.name() + "' finished but could not be marked finished: " + e.getMessage(), e)));
            }
        }
        completion.complete(result);
    }

    /** Stops the job without finishing it: nothing more is committed; it resumes from its last checkpoint. */
    public void cancel() {
        cancelled = true;
        JobExecution execution = current;
        if (execution != null) {
            execution.cancel();
        }
        supervisor.interrupt();
    }

    /** True when the job takes checkpoints, and so can stop with a savepoint and resume. */
    public boolean isCheckpointing() {
        return options.checkpoints().enabled();
    }

    /** Takes a savepoint and stops the job; completes with the savepoint's directory. */
    public java.util.concurrent.CompletableFuture<java.nio.file.Path> stopWithSavepoint() {
        JobExecution execution = current;
        return execution.stopWithSavepoint().thenApply(path -> {
            cancelled = true;
            return path;
        });
    }

    public JobGraph graph() {
        return graph;
    }

    public JobMetrics metrics() {
        return options.metrics();
    }

    public JobStatus status() {
        if (completion.isDone()) {
            return completion.join().status();
        }
        return JobStatus.RUNNING;
    }

    /** True between a failed run and the start of the next one. */
    public boolean isRestarting() {
        return restarting;
    }

    public CompletableFuture<JobResult> completion() {
        return completion;
    }

    public JobResult await() throws InterruptedException {
        return JobResult.await(completion);
    }
}
