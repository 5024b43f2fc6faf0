package io.sluice.executor.connector;

/**
 * Where a reader puts rows, per split. Event-time watermarks are generated per split (a file, a
 * Kafka partition), so a slow split holds back the watermark and a fast one cannot make another's
 * rows late.
 */
public interface SourceOutput {

    /** The output of one split; the same object is returned for the same id. */
    SplitOutput split(String splitId);

    interface SplitOutput {
        /** Emits one row of the table's physical schema. The array is owned by the runtime from now on. */
        void collect(Object[] row);

        /** The split has no more rows; it no longer holds back the watermark. */
        void finish();
    }
}
