package io.sluice.planner;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * {@code left JOIN versioned FOR SYSTEM_TIME AS OF left.rowtime ON condition}, as Calcite's
 * correlate over a snapshot becomes before the logical rewrite. Deliberately not a {@code Join}: the
 * rewrite's filter rules would push conditions on the versioned side below the join, which would
 * filter versions instead of joined rows and so pick another version.
 */
final class LogicalTemporalJoin extends BiRel {
    private final JoinRelType joinType;
    private final RexNode condition;
    private final int leftTimeField;

    /**
     * @param condition the ON condition over the left columns, then the right columns
     * @param leftTimeField the left rowtime column the versions are looked up at
     */
    LogicalTemporalJoin(RelOptCluster cluster, RelTraitSet traits, RelNode left, RelNode right, JoinRelType joinType,
            RexNode condition, int leftTimeField, RelDataType rowType) {
        super(cluster, traits, left, right);
        this.joinType = Objects.requireNonNull(joinType, "joinType is null");
        this.condition = Objects.requireNonNull(condition, "condition is null");
        this.leftTimeField = leftTimeField;
        this.rowType = Objects.requireNonNull(rowType, "rowType is null");
    }

    JoinRelType joinType() {
        return joinType;
    }

    RexNode condition() {
        return condition;
    }

    int leftTimeField() {
        return leftTimeField;
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new LogicalTemporalJoin(getCluster(), traitSet, inputs.get(0), inputs.get(1), joinType, condition,
                leftTimeField, rowType);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw)
                .item("joinType", joinType.lowerName)
                .item("condition", condition)
                .item("asOf", left.getRowType().getFieldNames().get(leftTimeField));
    }
}
