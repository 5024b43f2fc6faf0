package io.sluice.executor.runtime;

import io.sluice.executor.checkpoint.CheckpointStorage;
import io.sluice.executor.checkpoint.CompletedCheckpoint;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.graph.JobEdge;
import io.sluice.executor.graph.JobGraph;
import io.sluice.executor.graph.JobVertex;
import io.sluice.executor.graph.Partitioning;
import io.sluice.executor.state.StateBackends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a {@link JobGraph}: a thread per task, wired by bounded channels. The first task
 * failure cancels the others; the run ends when every task has ended.
 */
public final class JobExecution {
    /** Batches a channel holds before its producer waits: the bound that makes backpressure. */
    static final int CHANNEL_CAPACITY = 8;

    private final JobGraph graph;
    private final ExecutionOptions options;
    private final JobMetrics metrics;
    private final CheckpointCoordinator coordinator;
    private final StateEnvironment state;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger runningTasks = new AtomicInteger();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final CompletableFuture<JobResult> completion = new CompletableFuture<>();
    private volatile boolean cancelRequested;
    private volatile JobStatus status = JobStatus.RUNNING;

    private JobExecution(JobGraph graph, ExecutionOptions options) throws IOException {
        this.graph = graph;
        this.options = options;
        this.metrics = options.metrics();
        CheckpointStorage storage = null;
        if (options.checkpoints().enabled()) {
            storage = new CheckpointStorage(options.checkpoints().jobDirectory().orElseThrow());
            this.coordinator = new CheckpointCoordinator(graph, options.checkpoints(), storage, storage.highestId(),
                    metrics, this::failFromCoordinator);
        } else {
            this.coordinator = null;
        }
        // open stores live in a directory of this run only; what outlives it is in the checkpoints
        Path workingDirectory = options.checkpoints().jobDirectory().isPresent()
                ? options.checkpoints().jobDirectory().get().resolve("work").resolve(java.util.UUID.randomUUID().toString())
                : Files.createTempDirectory("sluice-work-");
        this.state = new StateEnvironment(StateBackends.of(options.checkpoints().stateBackend()), workingDirectory,
                storage, options.checkpoints().interval());
    }

    /** Builds every task and starts their threads, without checkpoints. */
    public static JobExecution start(JobGraph graph) {
        try {
            return start(graph, ExecutionOptions.withoutCheckpoints());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds every task (restoring the given checkpoint, if any) and starts their threads and checkpoints. */
    public static JobExecution start(JobGraph graph, ExecutionOptions options) throws IOException {
        options.restoreFrom().ifPresent(checkpoint -> checkCompatible(graph, checkpoint));
        JobExecution execution = new JobExecution(graph, options);
        execution.build();
        execution.threads.forEach(Thread::start);
        if (execution.coordinator != null) {
            execution.coordinator.start();
        }
        return execution;
    }

    /** State is matched to operators by position: the restored job must have the same vertices. */
    private static void checkCompatible(JobGraph graph, CompletedCheckpoint checkpoint) {
        List<String> names = graph.vertices().stream().map(JobVertex::name).toList();
        List<String> restored = checkpoint.vertices().stream().map(CompletedCheckpoint.VertexInfo::name).toList();
        if (!names.equals(restored)) {
            throw new SluiceException(ErrorCode.VALIDATION_ERROR, "Checkpoint " + checkpoint.id() + " of job '"
                    + checkpoint.jobName() + "' was taken from a different pipeline " + restored
                    + " and cannot be restored into " + names);
        }
    }

    private void failFromCoordinator(Throwable failure) {
        if (firstFailure.compareAndSet(null, failure)) {
            interruptAll();
        }
    }

    private void build() {
        int vertexCount = graph.vertices().size();
        InputGate[][] gates = new InputGate[vertexCount][];
        int[][][] channelInputs = new int[vertexCount][][];
        // for each edge: the index of its first channel in the target gates
        int[] edgeChannelOffset = new int[graph.edges().size()];
        for (JobVertex vertex : graph.vertices()) {
            int channels = 0;
            List<Integer> inputs = new ArrayList<>();
            for (int e = 0; e < graph.edges().size(); e++) {
                JobEdge edge = graph.edges().get(e);
                if (edge.target() != vertex.id()) {
                    continue;
                }
                edgeChannelOffset[e] = channels;
                int senders = edge.partitioning().kind() == Partitioning.Kind.FORWARD
                        ? 1 : graph.vertices().get(edge.source()).parallelism();
                for (int i = 0; i < senders; i++) {
                    inputs.add(edge.targetInput());
                }
                channels += senders;
            }
            gates[vertex.id()] = new InputGate[vertex.parallelism()];
            channelInputs[vertex.id()] = new int[vertex.parallelism()][];
            for (int s = 0; s < vertex.parallelism(); s++) {
                gates[vertex.id()][s] = channels == 0 ? null : new InputGate(channels, CHANNEL_CAPACITY);
                channelInputs[vertex.id()][s] = inputs.stream().mapToInt(Integer::intValue).toArray();
            }
        }
        for (JobVertex vertex : graph.vertices()) {
            for (int s = 0; s < vertex.parallelism(); s++) {
                List<RecordWriter> writers = new ArrayList<>();
                for (int e = 0; e < graph.edges().size(); e++) {
                    JobEdge edge = graph.edges().get(e);
                    if (edge.source() == vertex.id()) {
                        writers.add(new RecordWriter(edge.partitioning(),
                                targetsOf(edge, s, gates[edge.target()], edgeChannelOffset[e]), s));
                    }
                }
                Task task = createTask(vertex, s, new TaskOutput(writers), gates[vertex.id()][s],
                        channelInputs[vertex.id()][s]);
                if (coordinator != null) {
                    coordinator.register(task);
                }
                Thread thread = new Thread(task, graph.name() + ": " + task);
                thread.setDaemon(true);
                threads.add(thread);
                runningTasks.incrementAndGet();
            }
        }
    }

    private static List<RecordWriter.ChannelTarget> targetsOf(JobEdge edge, int subtask, InputGate[] targetGates,
            int channelOffset) {
        List<RecordWriter.ChannelTarget> targets = new ArrayList<>();
        switch (edge.partitioning().kind()) {
            case FORWARD -> targets.add(new RecordWriter.ChannelTarget(targetGates[subtask], channelOffset));
            case SINGLETON -> targets.add(new RecordWriter.ChannelTarget(targetGates[0], channelOffset + subtask));
            case HASH, REBALANCE -> {
                for (InputGate gate : targetGates) {
                    targets.add(new RecordWriter.ChannelTarget(gate, channelOffset + subtask));
                }
            }
        }
        return targets;
    }

    private Task createTask(JobVertex vertex, int subtask, TaskOutput output, InputGate gate, int[] channelInputs) {
        OperatorChain chain = new OperatorChain(vertex.chain(), subtask, vertex.parallelism());
        TaskRestore restore = new TaskRestore(options.restoreFrom(), vertex.id(), subtask, vertex.parallelism());
        Task.TaskSetup setup = new Task.TaskSetup(vertex.name(), vertex.id(), subtask, vertex.parallelism(), metrics,
                restore, coordinator, state, this::taskEnded);
        if (vertex.source().isPresent()) {
            return new SourceTask(setup, chain, output, vertex.source().get());
        }
        return new OperatorTask(setup, chain, output, gate, channelInputs);
    }

    private void taskEnded(Task task, Throwable failure) {
        if (failure != null && !cancelRequested && firstFailure.compareAndSet(null, failure)) {
            if (coordinator != null) {
                coordinator.stop();
            }
            interruptAll();
        }
        if (runningTasks.decrementAndGet() == 0) {
            if (coordinator != null) {
                coordinator.stop();
            }
            try {
                CheckpointStorage.deleteRecursively(state.workingDirectory());
            } catch (IOException e) {
                // left for the operating system: it holds no state a restart needs
            }
            Throwable cause = firstFailure.get();
            status = cause != null ? JobStatus.FAILED : cancelRequested ? JobStatus.CANCELED : JobStatus.FINISHED;
            completion.complete(new JobResult(status, Optional.ofNullable(cause)));
        }
    }

    private void interruptAll() {
        for (Thread thread : threads) {
            if (thread != Thread.currentThread()) {
                thread.interrupt();
            }
        }
    }

    /** Stops every task without finishing: nothing more is emitted or committed. */
    public void cancel() {
        if (status.isTerminal()) {
            return;
        }
        cancelRequested = true;
        if (coordinator != null) {
            coordinator.stop();
        }
        interruptAll();
    }

    /**
     * Takes a savepoint, then cancels the job: every sink has committed what the savepoint covers.
     * The savepoint is copied to {@link io.sluice.executor.checkpoint.CheckpointConfig#savepointPath}
     * ({@code <job dir>/savepoints/savepoint-<id>} by default), which checkpoint retention never
     * prunes; the job resumes from it with {@code execution.savepoint.path}.
     */
    public java.util.concurrent.CompletableFuture<Path> stopWithSavepoint() {
        if (coordinator == null) {
            return java.util.concurrent.CompletableFuture.failedFuture(new SluiceException(ErrorCode.VALIDATION_ERROR,
                    "Job '" + graph.name() + "' takes no checkpoints, so it cannot take a savepoint: set "
                            + "'execution.checkpointing.interval' or run with --state-dir"));
        }
        // not on the task thread that completes the savepoint: cancel() interrupts every task thread
        return coordinator.triggerSavepoint().thenApplyAsync(checkpoint -> {
            try {
                Path target = options.checkpoints().savepointPath(checkpoint.id());
                copyTree(checkpoint.directory(), target);
                cancel();
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot store the savepoint: " + e.getMessage(), e);
            }
        });
    }

    // hard links where the file system allows (RocksDB files never change once written), else copies
    private static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    try {
                        Files.createLink(target, source);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(source, target);
                    }
                }
            }
        }
    }

    public JobGraph graph() {
        return graph;
    }

    public JobMetrics metrics() {
        return metrics;
    }

    public JobStatus status() {
        return status;
    }

    public CompletableFuture<JobResult> completion() {
        return completion;
    }

    /** Waits for the run to end. */
    public JobResult await() throws InterruptedException {
        return JobResult.await(completion);
    }
}
