package io.sluice.executor.operators;

/** Makes one operator instance per parallel subtask, and names it in plans and thread names. */
public interface OperatorFactory {
    StreamOperator create(int subtaskIndex, int parallelism);

    String name();
}
