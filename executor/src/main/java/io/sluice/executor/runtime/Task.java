package io.sluice.executor.runtime;

import io.sluice.executor.checkpoint.TaskSnapshot;
import io.sluice.executor.operators.Output;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One parallel instance of a vertex, run on its own thread. Life cycle:
 * <pre>
 *   open chain (restoring state) -> process input until it ends -> final watermark -> finish chain
 *        -> end-of-input downstream
 *        \______________ failure or cancel: close chain, report _______________/
 * </pre>
 * With checkpoints, a task snapshots its chain when a barrier has arrived on every open input
 * (sources: when the coordinator asks), acknowledges to the coordinator, and passes the barrier on.
 * Completion notifications arrive from the coordinator's thread and are handled on the task's own.
 */
abstract class Task implements Runnable {
    protected final String name;
    protected final int vertex;
    protected final int subtaskIndex;
    protected final int parallelism;
    protected final OperatorChain chain;
    protected final TaskOutput output;
    protected final JobMetrics metrics;
    protected final TaskRestore restore;
    protected final CheckpointCoordinator coordinator;
    private final StateEnvironment state;
    private final TaskListener listener;
    private final ConcurrentLinkedQueue<Long> completedCheckpoints = new ConcurrentLinkedQueue<>();

    Task(TaskSetup setup, OperatorChain chain, TaskOutput output) {
        this.name = setup.name();
        this.vertex = setup.vertex();
        this.subtaskIndex = setup.subtaskIndex();
        this.parallelism = setup.parallelism();
        this.metrics = setup.metrics();
        this.restore = setup.restore();
        this.coordinator = setup.coordinator();
        this.state = setup.state();
        this.listener = setup.listener();
        this.chain = chain;
        this.output = output;
    }

    /** Who the task is and what it is connected to. {@code coordinator} is null without checkpoints. */
    record TaskSetup(String name, int vertex, int subtaskIndex, int parallelism, JobMetrics metrics,
            TaskRestore restore, CheckpointCoordinator coordinator, StateEnvironment state, TaskListener listener) {
    }

    /** The first operator's input, or the task's output when the chain is empty. */
    protected Output chainInput() {
        return chain.input(output);
    }

    @Override
    public final void run() {
        Throwable failure = null;
        try {
            chain.open(output, subtaskIndex, parallelism, metrics, restore, state);
            process();
            handleCompletedCheckpoints();
            chain.finish();
            output.broadcast(StreamElement.EndOfInput.INSTANCE);
        } catch (Throwable t) {
            failure = unwrap(t);
        }
        failure = chain.close(failure);
        listener.taskEnded(this, failure);
    }

    /** Reads input and drives the chain until all input has ended, including the final watermark. */
    protected abstract void process() throws Exception;

    /** Called by the coordinator's thread: checkpoint {@code id} is complete. */
    final void checkpointComplete(long id) {
        completedCheckpoints.add(id);
    }

    /** Passes completion notifications to the operators, on the task thread; only the newest matters. */
    protected final void handleCompletedCheckpoints() throws Exception {
        long newest = -1;
        for (Long id = completedCheckpoints.poll(); id != null; id = completedCheckpoints.poll()) {
            newest = Math.max(newest, id);
        }
        if (newest >= 0) {
            notifyComplete(newest);
            coordinator.notificationHandled(this, newest);
        }
    }

    protected void notifyComplete(long checkpointId) throws Exception {
        chain.notifyCheckpointComplete(checkpointId);
    }

    /**
     * Snapshots the chain (and a source's positions), acknowledges, and passes the barrier
     * downstream. {@code alignmentNanos}: how long input was held back waiting for this barrier.
     */
    protected final void checkpoint(long checkpointId, byte[] sourceState, long alignmentNanos) throws Exception {
        long start = System.nanoTime();
        // operator states first: an operator may write cached state into its keyed store there
        List<byte[]> operatorStates = chain.snapshotOperatorStates(checkpointId);
        OperatorChain.KeyedSnapshots keyed = chain.snapshotKeyedStates(checkpointId);
        TaskSnapshot snapshot = new TaskSnapshot(vertex, subtaskIndex, sourceState, operatorStates, keyed.descriptions());
        TaskCheckpointCost cost = new TaskCheckpointCost(alignmentNanos, System.nanoTime() - start, keyed.writtenBytes(),
                keyed.totalBytes());
        coordinator.acknowledge(checkpointId, snapshot, cost);
        output.broadcast(new StreamElement.Barrier(checkpointId));
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof OperatorChain.OperatorException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public String toString() {
        return name + " (" + (subtaskIndex + 1) + "/" + parallelism + ")";
    }

    interface TaskListener {
        /** Called once per task, on its thread; {@code failure} is null when it finished normally. */
        void taskEnded(Task task, Throwable failure);
    }
}
