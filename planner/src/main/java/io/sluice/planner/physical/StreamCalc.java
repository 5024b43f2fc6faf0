package io.sluice.planner.physical;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexProgram;

/** Filters and projects rows with one compiled program; chained to its input. */
public final class StreamCalc extends SingleRel implements StreamRel {
    private final RexProgram program;

    public StreamCalc(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexProgram program) {
        super(cluster, traits, input);
        this.program = program;
    }

    public RexProgram program() {
        return program;
    }

    @Override
    public int parallelism() {
        return ((StreamRel) input).parallelism();
    }

    @Override
    protected RelDataType deriveRowType() {
        return program.getOutputRowType();
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamCalc(getCluster(), traitSet, sole(inputs), program);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        String condition = RexFormatter.condition(program);
        return super.explainTerms(pw)
                .item("select", RexFormatter.projections(program))
                .itemIf("where", condition == null ? "" : condition, condition != null)
                .item("parallelism", parallelism())
                .item("changelogMode", changelogMode());
    }
}
