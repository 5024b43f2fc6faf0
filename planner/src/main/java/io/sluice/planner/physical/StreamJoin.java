package io.sluice.planner.physical;

import io.sluice.executor.join.JoinType;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * A regular equi-join of two changelogs, both inputs hashed by their keys: every row of both sides
 * is kept. Insert-only only when it is an inner join of insert-only inputs; otherwise rows are
 * taken back as the inputs change or (outer joins) as NULL-padded rows find a partner.
 */
public final class StreamJoin extends StreamJoinBase {

    public StreamJoin(RelOptCluster cluster, RelTraitSet traits, RelNode left, RelNode right, JoinType joinType,
            int[] leftKeys, int[] rightKeys, RexNode residual, RelDataType rowType, int parallelism) {
        super(cluster, traits, left, right, joinType, leftKeys, rightKeys, residual, rowType, parallelism);
    }

    @Override
    public ChangelogMode changelogMode() {
        boolean insertOnlyInputs = ((StreamRel) left).isInsertOnly() && ((StreamRel) right).isInsertOnly();
        return joinType() == JoinType.INNER && insertOnlyInputs ? ChangelogMode.INSERT_ONLY : ChangelogMode.RETRACT;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamJoin(getCluster(), traitSet, inputs.get(0), inputs.get(1), joinType(), leftKeys(),
                rightKeys(), residual(), rowType, parallelism());
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return explainEnd(super.explainTerms(pw));
    }
}
