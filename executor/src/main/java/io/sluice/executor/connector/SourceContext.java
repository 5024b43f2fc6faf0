package io.sluice.executor.connector;

/** What the runtime tells a reader and lets it report. */
public interface SourceContext {
    int subtaskIndex();

    int parallelism();

    /**
     * The states that {@link SourceReader#snapshotState} returned in the checkpoint being restored:
     * this subtask's own when the parallelism is unchanged, else the states of every old subtask,
     * from which the reader takes the splits it now owns. Empty on a fresh start.
     */
    default java.util.List<byte[]> restoredState() {
        return java.util.List.of();
    }

    /**
     * Counts a malformed record that the table's options say to skip; {@code where} names the
     * record (file and line, partition and offset) for the log.
     */
    void skippedMalformedRecord(String where, String reason);
}
