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
 * An event-time temporal join: each row of the insert-only left side is joined, once the watermark
 * passes its time, with the version of the right (versioned) side valid at that time, both inputs
 * hashed by the versioned side's primary key. The output is insert-only; the left time column stays
 * a time attribute, the right one does not.
 */
public final class StreamTemporalJoin extends StreamJoinBase {
    private final int leftTimeField;
    private final int rightTimeField;

    /** @param leftKeys the left columns equal to the right side's primary key, {@code rightKeys} */
    public StreamTemporalJoin(RelOptCluster cluster, RelTraitSet traits, RelNode left, RelNode right,
            JoinType joinType, int[] leftKeys, int[] rightKeys, RexNode residual, RelDataType rowType,
            int parallelism, int leftTimeField, int rightTimeField) {
        super(cluster, traits, left, right, joinType, leftKeys, rightKeys, residual, rowType, parallelism);
        this.leftTimeField = leftTimeField;
        this.rightTimeField = rightTimeField;
    }

    public int leftTimeField() {
        return leftTimeField;
    }

    public int rightTimeField() {
        return rightTimeField;
    }

    @Override
    public ChangelogMode changelogMode() {
        return ChangelogMode.INSERT_ONLY;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamTemporalJoin(getCluster(), traitSet, inputs.get(0), inputs.get(1), joinType(), leftKeys(),
                rightKeys(), residual(), rowType, parallelism(), leftTimeField, rightTimeField);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = joinedInputType().getFieldNames();
        String leftTime = names.get(leftTimeField);
        String rightTime = names.get(left.getRowType().getFieldCount() + rightTimeField);
        return explainEnd(super.explainTerms(pw).item("versionAsOf", rightTime + " <= " + leftTime));
    }
}
