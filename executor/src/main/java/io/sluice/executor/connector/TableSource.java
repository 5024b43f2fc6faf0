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

    /**
     * True when a reader restored from its snapshot replays exactly what followed it: the source
     * can take part in an exactly-once pipeline.
     */
    default boolean isReplayable() {
        return false;
    }

    /**
     * This source, told that only the columns {@code needed} (positions in the table's row) are
     * read downstream: a source may then leave the other columns null rather than decode them.
     * Returns this source when it decodes every column anyway.
     */
    default TableSource projected(java.util.BitSet needed) {
        return this;
    }

    /** A short text for EXPLAIN, e.g. {@code filesystem[path=/data/bids, format=json]}. */
    String describe();
}
