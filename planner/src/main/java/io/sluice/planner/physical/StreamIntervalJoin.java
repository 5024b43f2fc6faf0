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
 * A join of two insert-only streams whose condition bounds their event times:
 * {@code lowerBound <= rightTime - leftTime <= upperBound}. Rows are buffered only while a row of
 * the other side can still match them, and the output is insert-only (outer rows are padded when
 * the watermark passes their interval). Both time columns stay time attributes; the output
 * watermark is held back by the larger bound.
 */
public final class StreamIntervalJoin extends StreamJoinBase {
    private final int leftTimeField;
    private final int rightTimeField;
    private final long lowerBound;
    private final long upperBound;

    public StreamIntervalJoin(RelOptCluster cluster, RelTraitSet traits, RelNode left, RelNode right,
            JoinType joinType, int[] leftKeys, int[] rightKeys, RexNode residual, RelDataType rowType,
            int parallelism, int leftTimeField, int rightTimeField, long lowerBound, long upperBound) {
        super(cluster, traits, left, right, joinType, leftKeys, rightKeys, residual, rowType, parallelism);
        this.leftTimeField = leftTimeField;
        this.rightTimeField = rightTimeField;
        this.lowerBound = lowerBound;
        this.upperBound = upperBound;
    }

    public int leftTimeField() {
        return leftTimeField;
    }

    public int rightTimeField() {
        return rightTimeField;
    }

    public long lowerBound() {
        return lowerBound;
    }

    public long upperBound() {
        return upperBound;
    }

    @Override
    public ChangelogMode changelogMode() {
        return ChangelogMode.INSERT_ONLY;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamIntervalJoin(getCluster(), traitSet, inputs.get(0), inputs.get(1), joinType(), leftKeys(),
                rightKeys(), residual(), rowType, parallelism(), leftTimeField, rightTimeField, lowerBound,
                upperBound);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = joinedInputType().getFieldNames();
        String leftTime = names.get(leftTimeField);
        String rightTime = names.get(left.getRowType().getFieldCount() + rightTimeField);
        return explainEnd(super.explainTerms(pw)
                .item("interval", lowerBound + "ms <= " + rightTime + " - " + leftTime + " <= " + upperBound + "ms"));
    }
}
