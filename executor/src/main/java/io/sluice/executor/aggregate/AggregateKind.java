package io.sluice.executor.aggregate;

/** The aggregate functions the runtime computes. */
public enum AggregateKind {
    COUNT_STAR,
    COUNT,
    SUM,
    MIN,
    MAX,
    AVG
}
