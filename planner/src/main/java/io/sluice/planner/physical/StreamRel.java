package io.sluice.planner.physical;

import org.apache.calcite.rel.RelNode;

/** A physical stream operator: what runs, at which parallelism. */
public interface StreamRel extends RelNode {
    int parallelism();

    /**
     * The kinds of rows this node produces. By default a node passes on what its inputs produce:
     * it updates when any input does.
     */
    default ChangelogMode changelogMode() {
        for (org.apache.calcite.rel.RelNode input : getInputs()) {
            if (((StreamRel) input).changelogMode() != ChangelogMode.INSERT_ONLY) {
                return ChangelogMode.RETRACT;
            }
        }
        return ChangelogMode.INSERT_ONLY;
    }

    /** True when every row of the result is final: an insert that is never updated or deleted. */
    default boolean isInsertOnly() {
        return changelogMode() == ChangelogMode.INSERT_ONLY;
    }
}
