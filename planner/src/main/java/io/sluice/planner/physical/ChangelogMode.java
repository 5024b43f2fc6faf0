package io.sluice.planner.physical;

/**
 * Which kinds of rows a plan node produces, shown in EXPLAIN as Flink shows it: {@code I} for
 * inserts, {@code UB}/{@code UA} for the old and new row of an update, {@code D} for deletes.
 */
public enum ChangelogMode {
    /** Every row is final: only inserts. */
    INSERT_ONLY("I"),
    /** Rows are inserted, updated (old row retracted, new row added) and deleted. */
    RETRACT("I,UB,UA,D"),
    /**
     * Rows are inserted, updated and deleted by a unique key the consumer upserts by: no old row of
     * an update is sent. The key is the upsert sink's primary key (see {@code StreamSink#upsertKey}).
     */
    UPSERT("I,UA,D");

    private final String text;

    ChangelogMode(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
