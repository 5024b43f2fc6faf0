package io.sluice.planner;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.logical.LogicalCorrelate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalSnapshot;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * Calcite converts {@code JOIN t FOR SYSTEM_TIME AS OF o.ts AS r ON cond} into a correlate whose
 * right side filters a snapshot of {@code t} by {@code cond}, with the left columns as correlation
 * variables. This rewrite turns that back into a {@link LogicalTemporalJoin} whose condition reads
 * both inputs, before any other rewrite, and checks that the time looked up at is the left side's
 * event-time attribute.
 */
final class TemporalJoinRewrite extends RelHomogeneousShuttle {
    private TemporalJoinRewrite() {
    }

    static RelNode rewrite(RelNode plan) {
        return plan.accept(new TemporalJoinRewrite());
    }

    @Override
    public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        if (!(visited instanceof LogicalCorrelate correlate)) {
            return visited;
        }
        RelNode right = correlate.getRight();
        RexNode condition = null;
        if (right instanceof LogicalFilter filter) {
            condition = filter.getCondition();
            right = filter.getInput();
        }
        if (!(right instanceof LogicalSnapshot snapshot)) {
            return visited;
        }
        int leftTimeField = leftTimeField(correlate, snapshot.getPeriod());
        RexBuilder rexBuilder = correlate.getCluster().getRexBuilder();
        RexNode joinCondition = condition == null ? rexBuilder.makeLiteral(true)
                : condition.accept(new Decorrelate(correlate, rexBuilder));
        return new LogicalTemporalJoin(correlate.getCluster(), correlate.getTraitSet(), correlate.getLeft(),
                snapshot.getInput(), correlate.getJoinType(), joinCondition, leftTimeField, correlate.getRowType());
    }

    /** The left column the versions are looked up at: it must be the left side's event-time attribute. */
    private static int leftTimeField(LogicalCorrelate correlate, RexNode period) {
        String looksUpAt = "an expression";
        if (period instanceof RexFieldAccess access
                && access.getReferenceExpr() instanceof RexCorrelVariable variable
                && variable.id.equals(correlate.getCorrelationId())) {
            int field = access.getField().getIndex();
            if (TimeAttributes.isRowtime(correlate.getLeft(), field)) {
                return field;
            }
            looksUpAt = "column '" + access.getField().getName() + "', which is no event-time attribute";
        }
        throw Unsupported.because("A temporal join (FOR SYSTEM_TIME AS OF) must look versions up at the "
                + "event-time attribute (a WATERMARK column) of its left side, not at " + looksUpAt
                + ": only event-time temporal joins are supported, not processing-time temporal joins or lookup joins");
    }

    /** Left columns read as correlation variables become input refs; right columns move behind the left ones. */
    private static final class Decorrelate extends RexShuttle {
        private final CorrelationId id;
        private final int leftCount;
        private final RexBuilder rexBuilder;

        Decorrelate(LogicalCorrelate correlate, RexBuilder rexBuilder) {
            this.id = correlate.getCorrelationId();
            this.leftCount = correlate.getLeft().getRowType().getFieldCount();
            this.rexBuilder = rexBuilder;
        }

        @Override
        public RexNode visitFieldAccess(RexFieldAccess access) {
            if (access.getReferenceExpr() instanceof RexCorrelVariable variable && variable.id.equals(id)) {
                return rexBuilder.makeInputRef(access.getType(), access.getField().getIndex());
            }
            return super.visitFieldAccess(access);
        }

        @Override
        public RexNode visitInputRef(RexInputRef ref) {
            return rexBuilder.makeInputRef(ref.getType(), ref.getIndex() + leftCount);
        }
    }
}
