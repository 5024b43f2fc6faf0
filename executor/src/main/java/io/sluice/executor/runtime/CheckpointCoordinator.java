package io.sluice.executor.runtime;

import io.sluice.executor.checkpoint.ByteSizes;
import io.sluice.executor.checkpoint.CheckpointConfig;
import io.sluice.executor.checkpoint.CheckpointStats;
import io.sluice.executor.checkpoint.CheckpointStorage;
import io.sluice.executor.checkpoint.CompletedCheckpoint;
import io.sluice.executor.checkpoint.FaultInjection;
import io.sluice.executor.checkpoint.TaskSnapshot;
import io.sluice.executor.graph.JobGraph;
import io.sluice.executor.graph.JobVertex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triggers checkpoints at the sources every interval, collects every task's snapshot, and makes
 * the checkpoint complete by writing its metadata atomically; then tells every task it is complete.
 * One checkpoint is in flight at a time.
 *
 * <p>At the end of bounded input the sources wait for a final checkpoint, taken when every source
 * has reached its end: exactly-once sinks commit their last rows through it, so a crash after the
 * end never replays rows a sink already made visible.
 */
final class CheckpointCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointCoordinator.class);

    private final JobGraph graph;
    private final CheckpointConfig config;
    private final CheckpointStorage storage;
    private final JobMetrics metrics;
    private final Consumer<Throwable> failJob;
    private final List<Task> tasks = new ArrayList<>();
    private final List<SourceTask> sources = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private long lastId;
    private Pending pending;
    private int sourcesAtEnd;
    private boolean finalRequested;
    private volatile boolean released;
    private volatile boolean stopped;
    private java.util.concurrent.CompletableFuture<CompletedCheckpoint> savepointRequest;
    private SavepointInFlight savepointInFlight;

    /** A savepoint whose checkpoint is complete, waiting until every task has handled that completion. */
    private record SavepointInFlight(CompletedCheckpoint checkpoint,
            java.util.concurrent.CompletableFuture<CompletedCheckpoint> result, java.util.Set<Task> handled) {
    }

    CheckpointCoordinator(JobGraph graph, CheckpointConfig config, CheckpointStorage storage, long lastId,
            JobMetrics metrics, Consumer<Throwable> failJob) {
        this.graph = graph;
        this.config = config;
        this.storage = storage;
        this.lastId = lastId;
        this.metrics = metrics;
        this.failJob = failJob;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, graph.name() + ": checkpoint coordinator");
            thread.setDaemon(true);
            return thread;
        });
    }

    void register(Task task) {
        tasks.add(task);
        if (task instanceof SourceTask source) {
            sources.add(source);
        }
    }

    void start() {
        long interval = config.interval().toMillis();
        timer.scheduleWithFixedDelay(() -> trigger(false), interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop() {
        stopped = true;
        timer.shutdownNow();
        synchronized (this) {
            IllegalStateException stoppedBefore = new IllegalStateException("the job stopped before the savepoint completed");
            if (savepointRequest != null) {
                savepointRequest.completeExceptionally(stoppedBefore);
            }
            if (pending != null && pending.savepoint != null) {
                pending.savepoint.completeExceptionally(stoppedBefore);
            }
            if (savepointInFlight != null) {
                savepointInFlight.result().completeExceptionally(stoppedBefore);
            }
        }
    }

    /** Sources at their end wait for this: the final checkpoint is complete. */
    boolean isReleased() {
        return released;
    }

    synchronized void sourceReachedEnd() {
        sourcesAtEnd++;
        if (sourcesAtEnd == sources.size()) {
            finalRequested = true;
            trigger(true);
        }
    }

    /**
     * Takes a checkpoint now (after the one in flight) and completes with it once every task has
     * been told it is complete, so sinks have committed everything before it.
     */
    synchronized java.util.concurrent.CompletableFuture<CompletedCheckpoint> triggerSavepoint() {
        if (savepointRequest == null) {
            savepointRequest = new java.util.concurrent.CompletableFuture<>();
        }
        java.util.concurrent.CompletableFuture<CompletedCheckpoint> result = savepointRequest;
        trigger(false);
        return result;
    }

    /** Called by a task after it passed completion of {@code id} (or a later one) to its operators. */
    synchronized void notificationHandled(Task task, long id) {
        SavepointInFlight savepoint = savepointInFlight;
        if (savepoint != null && id >= savepoint.checkpoint().id() && savepoint.handled().add(task)
                && savepoint.handled().size() == tasks.size()) {
            savepointInFlight = null;
            savepoint.result().complete(savepoint.checkpoint());
        }
    }

    private synchronized void trigger(boolean isFinal) {
        if (stopped || pending != null || (finalRequested && !isFinal && savepointRequest == null)) {
            return;
        }
        long id = ++lastId;
        pending = new Pending(id, isFinal, System.nanoTime(), savepointRequest);
        savepointRequest = null;
        for (SourceTask source : sources) {
            source.requestCheckpoint(id);
        }
    }

    /** A task's snapshot for checkpoint {@code id}; the last one completes the checkpoint. */
    synchronized void acknowledge(long id, TaskSnapshot snapshot, TaskCheckpointCost cost) {
        if (stopped || pending == null || pending.id != id) {
            return;
        }
        pending.snapshots.add(snapshot);
        pending.add(cost);
        if (pending.snapshots.size() < tasks.size()) {
            return;
        }
        Pending done = pending;
        try {
            List<CompletedCheckpoint.VertexInfo> vertices = new ArrayList<>();
            for (JobVertex vertex : graph.vertices()) {
                vertices.add(new CompletedCheckpoint.VertexInfo(vertex.name(), vertex.parallelism()));
            }
            CompletedCheckpoint checkpoint = new CompletedCheckpoint(id, graph.name(), System.currentTimeMillis(),
                    done.savepoint != null, vertices, done.snapshots, storage.checkpointDirectory(id));
            if (done.savepoint != null) {
                savepointInFlight = new SavepointInFlight(checkpoint, done.savepoint, new java.util.HashSet<>());
            }
            FaultInjection.crashIfRequested("before-metadata", id);
            long metadataBytes = storage.commit(checkpoint);
            FaultInjection.crashIfRequested("after-metadata", id);
            storage.prune(config.retained(), id + 1);
            CheckpointStats stats = done.stats(metadataBytes);
            metrics.checkpointCompleted(stats);
            log(stats, done.isFinal);
        } catch (IOException | RuntimeException e) {
            pending = null;
            if (done.savepoint != null) {
                done.savepoint.completeExceptionally(e);
            }
            failJob.accept(new IOException("Checkpoint " + id + " of job '" + graph.name() + "' could not be written: "
                    + e.getMessage(), e));
            return;
        }
        pending = null;
        for (Task task : tasks) {
            task.checkpointComplete(id);
        }
        if (done.isFinal) {
            released = true;
        } else if (savepointRequest != null) {
            trigger(false);
        } else if (finalRequested) {
            trigger(true);
        }
    }

    private void log(CheckpointStats stats, boolean isFinal) {
        LOG.info("Checkpoint {} of job '{}' complete in {} ms{}: {} written, {} in total (RocksDB files of earlier "
                + "checkpoints are hard links: in the total, not written), max alignment {} ms, max task snapshot {} ms",
                stats.id(), graph.name(), stats.durationMillis(),
                stats.savepoint() ? " (savepoint)" : isFinal ? " (final)" : "",
                ByteSizes.format(stats.writtenBytes()), ByteSizes.format(stats.totalBytes()),
                stats.maxAlignmentMillis(), stats.maxSnapshotMillis());
    }

    private static final class Pending {
        private final long id;
        private final boolean isFinal;
        private final long startNanos;
        private final java.util.concurrent.CompletableFuture<CompletedCheckpoint> savepoint;
        private final List<TaskSnapshot> snapshots = new ArrayList<>();
        private long writtenBytes;
        private long totalBytes;
        private long maxAlignmentNanos;
        private long maxSnapshotNanos;

        void add(TaskCheckpointCost cost) {
            writtenBytes += cost.writtenBytes();
            totalBytes += cost.totalBytes();
            maxAlignmentNanos = Math.max(maxAlignmentNanos, cost.alignmentNanos());
            maxSnapshotNanos = Math.max(maxSnapshotNanos, cost.snapshotNanos());
        }

        /** Complete: the metadata file is written, and counts in both sizes. */
        CheckpointStats stats(long metadataBytes) {
            return new CheckpointStats(id, java.time.Instant.now(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), writtenBytes + metadataBytes,
                    totalBytes + metadataBytes, TimeUnit.NANOSECONDS.toMillis(maxAlignmentNanos),
                    TimeUnit.NANOSECONDS.toMillis(maxSnapshotNanos), savepoint != null);
        }

        Pending(long id, boolean isFinal, long startNanos,
                java.util.concurrent.CompletableFuture<CompletedCheckpoint> savepoint) {
            this.id = id;
            this.isFinal = isFinal;
            this.startNanos = startNanos;
            this.savepoint = savepoint;
        }
    }
}
