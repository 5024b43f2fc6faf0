package io.sluice.cli;

import io.sluice.executor.runtime.JobMetrics;
import io.sluice.executor.runtime.JobResult;
import io.sluice.executor.runtime.JobStatus;
import io.sluice.server.RunningJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The jobs this client started: reports how each ends as it happens, waits for them, and sums
 * them up. Thread-safe: jobs end on their own threads.
 */
final class JobTracker {
    private final Consumer<String> messages;
    private final Consumer<Throwable> stackTraces;
    private final boolean verbose;
    private final boolean announceFinished;
    private final List<Tracked> jobs = new CopyOnWriteArrayList<>();
    private final AtomicBoolean anyFailed = new AtomicBoolean();

    /**
     * @param messages where reports of jobs ending go, from any thread
     * @param announceFinished also report jobs that finish (the shell does; the runner sums up at the end)
     */
    JobTracker(Consumer<String> messages, Consumer<Throwable> stackTraces, boolean verbose, boolean announceFinished) {
        this.messages = messages;
        this.stackTraces = stackTraces;
        this.verbose = verbose;
        this.announceFinished = announceFinished;
    }

    private static final class Tracked {
        final RunningJob job;
        final boolean query;
        volatile Instant end;
        /** Completes once the job's end has been recorded and reported: wait on this, not the job. */
        volatile CompletableFuture<?> reported;

        Tracked(RunningJob job, boolean query) {
            this.job = job;
            this.query = query;
        }
    }

    /**
     * Follows a job. The failure of a query (SELECT) is not reported here: its caller reports it
     * after the rows that arrived, where it belongs.
     */
    void track(RunningJob job, boolean query) {
        Tracked tracked = new Tracked(job, query);
        tracked.reported = job.completion().whenComplete((result, error) -> {
            tracked.end = Instant.now();
            if (result == null) {
                return;
            }
            if (result.status() == JobStatus.FAILED) {
                anyFailed.set(true);
                if (!query) {
                    reportFailure(job, result.failure().orElse(null));
                }
            } else if (result.status() == JobStatus.FINISHED && announceFinished && !query) {
                messages.accept("[INFO] Job '" + job.name() + "' has finished: " + counters(job.metrics()) + ".");
            }
        });
        jobs.add(tracked);
    }

    void reportFailure(RunningJob job, Throwable failure) {
        anyFailed.set(true);
        if (failure == null) {
            messages.accept("[ERROR] Job '" + job.name() + "' failed.");
            return;
        }
        boolean internal = ErrorMessages.isInternal(failure);
        messages.accept("[ERROR] Job '" + job.name() + "' failed: " + ErrorMessages.message(failure)
                + (internal && !verbose ? ErrorMessages.VERBOSE_HINT : ""));
        if (internal && verbose) {
            stackTraces.accept(failure);
        }
    }

    boolean anyFailed() {
        return anyFailed.get();
    }

    boolean isEmpty() {
        return jobs.isEmpty();
    }

    /** Jobs still running, queries (SELECT) included when asked. */
    List<RunningJob> running(boolean includeQueries) {
        List<RunningJob> running = new ArrayList<>();
        for (Tracked tracked : jobs) {
            if (!tracked.job.status().isTerminal() && (includeQueries || !tracked.query)) {
                running.add(tracked.job);
            }
        }
        return running;
    }

    /** Waits until every job has ended; false when {@code stop} said to stop waiting first. */
    boolean awaitAll(BooleanSupplier stop) throws InterruptedException {
        for (Tracked tracked : jobs) {
            while (!awaitEnd(tracked, 100)) {
                if (stop.getAsBoolean()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Cancels what still runs and waits a little for it to end; returns how many were running. */
    /**
     * Stops the running jobs gracefully where they checkpoint: a savepoint, everything before it
     * committed, and the same command resumes them; the others are cancelled. Returns true when
     * every running job stopped with a savepoint.
     */
    boolean stopRunning(Duration patience) throws InterruptedException {
        boolean allSaved = true;
        List<Tracked> cancel = new ArrayList<>();
        for (Tracked tracked : jobs.stream().filter(t -> !t.job.status().isTerminal()).toList()) {
            if (!tracked.job.isCheckpointing()) {
                cancel.add(tracked);
                allSaved = false;
                continue;
            }
            try {
                java.nio.file.Path savepoint = tracked.job.stopWithSavepoint(patience);
                messages.accept("[INFO] Job '" + tracked.job.name() + "' stopped with a savepoint at " + savepoint
                        + "; run the same command again to resume it.");
            } catch (RuntimeException e) {
                messages.accept("[WARN] Job '" + tracked.job.name() + "' could not stop with a savepoint ("
                        + e.getMessage() + "); cancelling it: it resumes from its latest checkpoint.");
                cancel.add(tracked);
                allSaved = false;
            }
        }
        cancel.forEach(t -> t.job.cancel());
        for (Tracked tracked : jobs) {
            awaitEnd(tracked, patience.toMillis());
        }
        return allSaved;
    }

    int cancelRunning(Duration patience) throws InterruptedException {
        List<Tracked> running = jobs.stream().filter(t -> !t.job.status().isTerminal()).toList();
        running.forEach(t -> t.job.cancel());
        long deadline = System.nanoTime() + patience.toNanos();
        for (Tracked tracked : running) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || !awaitEnd(tracked, left)) {
                break;
            }
        }
        return running.size();
    }

    private static boolean awaitEnd(Tracked tracked, long millis) throws InterruptedException {
        try {
            tracked.reported.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    /** One line per job: how it ended, its counters and how long it ran. */
    List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (Tracked tracked : jobs) {
            RunningJob job = tracked.job;
            Instant end = tracked.end != null ? tracked.end : Instant.now();
            double seconds = Duration.between(job.startTime(), end).toMillis() / 1000.0;
            lines.add(String.format(Locale.ROOT, "[%s] %s after %.1f s: %s", job.name(), statusWord(job),
                    seconds, counters(job.metrics())));
        }
        return lines;
    }

    private static String statusWord(RunningJob job) {
        JobResult result = job.completion().getNow(null);
        JobStatus status = result == null ? job.status() : result.status();
        return switch (status) {
            case RUNNING -> "still running";
            case FINISHED -> "finished";
            case FAILED -> "failed";
            case CANCELED -> "cancelled";
        };
    }

    static String counters(JobMetrics metrics) {
        StringBuilder text = new StringBuilder()
                .append("rows in ").append(number(metrics.rowsIn().sum()))
                .append(", rows out ").append(number(metrics.rowsOut().sum()));
        long late = metrics.lateRowsDropped().sum();
        if (late > 0) {
            text.append(", late rows dropped ").append(number(late));
        }
        long malformed = metrics.malformedRowsSkipped().sum();
        if (malformed > 0) {
            text.append(", malformed rows skipped ").append(number(malformed));
        }
        long checkpoints = metrics.completedCheckpoints();
        if (checkpoints > 0) {
            text.append(", checkpoints ").append(number(checkpoints));
        }
        return text.toString();
    }

    static String number(long value) {
        return String.format(Locale.US, "%,d", value);
    }
}
