package io.sluice.executor.window;

/** The window table functions of Flink SQL that assign each row to windows by its event time. */
public enum WindowKind {
    TUMBLE,
    HOP,
    CUMULATE
}
