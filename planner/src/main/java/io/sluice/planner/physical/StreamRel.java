package io.sluice.planner.physical;

import org.apache.calcite.rel.RelNode;

/** A physical stream operator: what runs, at which parallelism. */
public interface StreamRel extends RelNode {
    int parallelism();

    /** True when every row of the result is final: an insert that is never updated or deleted. */
    default boolean isInsertOnly() {
        return true;
    }
}
