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
 * A join of two insert-only streams of windowed rows on equal window_start and window_end: each
 * window's rows are joined once, when the watermark passes its end, and then forgotten. The keys
 * include the window_start pair; the window_end pair is the window's namespace.
 */
public final class StreamWindowJoin extends StreamJoinBase {
    private final int leftWindowEnd;
    private final int rightWindowEnd;

    public StreamWindowJoin(RelOptCluster cluster, RelTraitSet traits, RelNode left, RelNode right,
            JoinType joinType, int[] leftKeys, int[] rightKeys, RexNode residual, RelDataType rowType,
            int parallelism, int leftWindowEnd, int rightWindowEnd) {
        super(cluster, traits, left, right, joinType, leftKeys, rightKeys, residual, rowType, parallelism);
        this.leftWindowEnd = leftWindowEnd;
        this.rightWindowEnd = rightWindowEnd;
    }

    public int leftWindowEnd() {
        return leftWindowEnd;
    }

    public int rightWindowEnd() {
        return rightWindowEnd;
    }

    @Override
    public ChangelogMode changelogMode() {
        return ChangelogMode.INSERT_ONLY;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamWindowJoin(getCluster(), traitSet, inputs.get(0), inputs.get(1), joinType(), leftKeys(),
                rightKeys(), residual(), rowType, parallelism(), leftWindowEnd, rightWindowEnd);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = joinedInputType().getFieldNames();
        String leftEnd = names.get(leftWindowEnd);
        String rightEnd = names.get(left.getRowType().getFieldCount() + rightWindowEnd);
        return explainEnd(super.explainTerms(pw)
                .item("window", leftEnd + " = " + rightEnd)
                .item("emit", "when watermark passes window end"));
    }
}
