package io.sluice.planner.physical;

import org.apache.calcite.rel.RelNode;

/** A physical stream operator: what runs, at which parallelism. */
public interface StreamRel extends RelNode {
    int parallelism();

    /**
     * The kinds of rows this node produces. By default a node passes on what its inputs produce:
     * it updates when any input does (upserts only when no input retracts).
     */
    default ChangelogMode changelogMode() {
        ChangelogMode mode = ChangelogMode.INSERT_ONLY;
        for (org.apache.calcite.rel.RelNode input : getInputs()) {
            ChangelogMode inputMode = ((StreamRel) input).changelogMode();
            if (inputMode == ChangelogMode.RETRACT) {
                return ChangelogMode.RETRACT;
            }
            if (inputMode == ChangelogMode.UPSERT) {
                mode = ChangelogMode.UPSERT;
            }
        }
        return mode;
    }

    /** True when every row of the result is final: an insert that is never updated or deleted. */
    default boolean isInsertOnly() {
        return changelogMode() == ChangelogMode.INSERT_ONLY;
    }
}
