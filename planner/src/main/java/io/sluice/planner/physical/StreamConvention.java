package io.sluice.planner.physical;

import org.apache.calcite.plan.Convention;

/** The calling convention of Sluice's physical stream operators. */
public final class StreamConvention {
    public static final Convention INSTANCE = new Convention.Impl("STREAM", StreamRel.class);

    private StreamConvention() {
    }
}
