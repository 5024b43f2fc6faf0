package io.sluice.executor.window;

/**
 * The window table functions of Flink SQL. TUMBLE, HOP and CUMULATE assign each row to windows by
 * its event time alone ({@link WindowSpec}); a SESSION window depends on the rows around it (rows
 * closer than the gap form one session), so it is built by {@link SessionWindowAggregateOperator}.
 */
public enum WindowKind {
    TUMBLE,
    HOP,
    CUMULATE,
    SESSION
}
