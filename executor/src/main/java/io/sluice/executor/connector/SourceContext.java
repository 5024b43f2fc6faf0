package io.sluice.executor.connector;

/** What the runtime tells a reader and lets it report. */
public interface SourceContext {
    int subtaskIndex();

    int parallelism();

    /**
     * Counts a malformed record that the table's options say to skip; {@code where} names the
     * record (file and line, partition and offset) for the log.
     */
    void skippedMalformedRecord(String where, String reason);
}
