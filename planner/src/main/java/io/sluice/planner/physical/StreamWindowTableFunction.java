package io.sluice.planner.physical;

import io.sluice.executor.window.WindowSpec;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;

/** A window table function read as rows: each row once per window, with the window columns appended. */
public final class StreamWindowTableFunction extends SingleRel implements StreamRel {
    private final WindowSpec window;
    private final int timeField;

    public StreamWindowTableFunction(RelOptCluster cluster, RelTraitSet traits, RelNode input, WindowSpec window,
            int timeField, RelDataType rowType) {
        super(cluster, traits, input);
        this.window = window;
        this.timeField = timeField;
        this.rowType = rowType;
    }

    public WindowSpec window() {
        return window;
    }

    public int timeField() {
        return timeField;
    }

    @Override
    public int parallelism() {
        return ((StreamRel) input).parallelism();
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamWindowTableFunction(getCluster(), traitSet, sole(inputs), window, timeField, rowType);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw)
                .item("window", window + " ON " + input.getRowType().getFieldNames().get(timeField))
                .item("parallelism", parallelism())
                .item("changelogMode", changelogMode());
    }
}
