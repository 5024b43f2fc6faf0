package io.sluice.executor.connector;

/** What the runtime tells a sink writer. */
public interface SinkContext {
    int subtaskIndex();

    int parallelism();
}
