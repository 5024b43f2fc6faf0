package io.sluice.executor.runtime;

import io.sluice.executor.operators.Output;

/**
 * One parallel instance of a vertex, run on its own thread. Life cycle:
 * <pre>
 *   open chain -> process input until it ends -> final watermark -> finish chain -> end-of-input downstream
 *        \______________ failure or cancel: close chain, report _______________/
 * </pre>
 */
abstract class Task implements Runnable {
    protected final String name;
    protected final int subtaskIndex;
    protected final int parallelism;
    protected final OperatorChain chain;
    protected final TaskOutput output;
    protected final JobMetrics metrics;
    private final TaskListener listener;

    Task(String name, int subtaskIndex, int parallelism, OperatorChain chain, TaskOutput output,
            JobMetrics metrics, TaskListener listener) {
        this.name = name;
        this.subtaskIndex = subtaskIndex;
        this.parallelism = parallelism;
        this.chain = chain;
        this.output = output;
        this.metrics = metrics;
        this.listener = listener;
    }

    /** The first operator's input, or the task's output when the chain is empty. */
    protected Output chainInput() {
        return chain.input(output);
    }

    @Override
    public final void run() {
        Throwable failure = null;
        try {
            chain.open(output, subtaskIndex, parallelism, metrics);
            process();
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
