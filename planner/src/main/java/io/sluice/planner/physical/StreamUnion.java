package io.sluice.planner.physical;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;

/** UNION ALL of streams: rows of every input, in arrival order; the watermark is the minimum of the inputs'. */
public final class StreamUnion extends AbstractRelNode implements StreamRel {
    private final List<RelNode> inputs;
    private final int parallelism;

    public StreamUnion(RelOptCluster cluster, RelTraitSet traits, List<RelNode> inputs, RelDataType rowType,
            int parallelism) {
        super(cluster, traits);
        this.inputs = List.copyOf(inputs);
        this.rowType = rowType;
        this.parallelism = parallelism;
    }

    @Override
    public List<RelNode> getInputs() {
        return inputs;
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> newInputs) {
        return new StreamUnion(getCluster(), traitSet, newInputs, rowType, parallelism);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        super.explainTerms(pw);
        for (int i = 0; i < inputs.size(); i++) {
            pw.input("input#" + i, inputs.get(i));
        }
        return pw.item("all", true).item("parallelism", parallelism)
                .item("changelogMode", changelogMode());
    }
}
