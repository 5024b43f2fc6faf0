package io.sluice.executor.connector;

/** A readable table. One {@link SourceReader} is made per parallel source subtask. */
public interface TableSource {

    /** True when the source ends (a file, a generator with a row count), false when it runs forever. */
    boolean isBounded();

    /**
     * The reader for one subtask. Each subtask reads a disjoint share of the table (its splits);
     * together the subtasks read all of it.
     */
    SourceReader createReader(int subtaskIndex, int parallelism);

    /** A short text for EXPLAIN, e.g. {@code filesystem[path=/data/bids, format=json]}. */
    String describe();
}
