package io.sluice.executor.aggregate;

/** The aggregate functions the runtime computes. */
public enum AggregateKind {
    COUNT_STAR,
    COUNT,
    SUM,
    MIN,
    MAX,
    AVG,
    /** {@code LISTAGG(x [, separator])}: the non-null values in arrival order, joined by the separator. */
    LISTAGG,
    /** The first non-null value to arrive. */
    FIRST_VALUE,
    /** The last non-null value to arrive. */
    LAST_VALUE
}
