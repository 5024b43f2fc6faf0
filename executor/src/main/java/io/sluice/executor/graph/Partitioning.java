package io.sluice.executor.graph;

import java.util.Arrays;

/** How an edge spreads rows over the subtasks of its target. */
public record Partitioning(Kind kind, int[] keyFields) {

    public enum Kind {
        /** Subtask i sends to subtask i; both ends have the same parallelism. */
        FORWARD,
        /** Rows go to the subtask that owns their key's key group. */
        HASH,
        /** Rows go round-robin to all subtasks. */
        REBALANCE,
        /** Every row goes to one subtask: the global aggregate or single sink. */
        SINGLETON
    }

    public static final Partitioning FORWARD = new Partitioning(Kind.FORWARD, new int[0]);
    public static final Partitioning REBALANCE = new Partitioning(Kind.REBALANCE, new int[0]);
    public static final Partitioning SINGLETON = new Partitioning(Kind.SINGLETON, new int[0]);

    public Partitioning {
        keyFields = keyFields.clone();
    }

    public static Partitioning hash(int[] keyFields) {
        return new Partitioning(Kind.HASH, keyFields);
    }

    @Override
    public int[] keyFields() {
        return keyFields.clone();
    }

    @Override
    public String toString() {
        return kind == Kind.HASH ? "HASH" + Arrays.toString(keyFields) : kind.name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Partitioning that && kind == that.kind && Arrays.equals(keyFields, that.keyFields);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(keyFields);
    }
}
