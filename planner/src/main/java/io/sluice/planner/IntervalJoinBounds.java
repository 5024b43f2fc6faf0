package io.sluice.planner;

import java.util.Optional;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * The time bounds of an interval join, read from its ON condition: conjuncts comparing a rowtime
 * attribute of the left input with one of the right, each plus or minus a constant day-time
 * interval, that bound {@code rightTime - leftTime} from below and from above. Time values are
 * epoch milliseconds and precision is milliseconds, so a strict bound is one millisecond tighter.
 *
 * @param leftTimeField the left input's time column
 * @param rightTimeField the right input's time column, as a field of the right input
 * @param lowerBound the smallest {@code rightTime - leftTime} of a match, in milliseconds
 * @param upperBound the largest, in milliseconds
 */
record IntervalJoinBounds(int leftTimeField, int rightTimeField, long lowerBound, long upperBound) {

    /** The bounds, when the join's condition has both a lower and an upper one on the same two rowtime columns. */
    static Optional<IntervalJoinBounds> of(Join join) {
        int leftCount = join.getLeft().getRowType().getFieldCount();
        Long lower = null;
        Long upper = null;
        int leftTime = -1;
        int rightTime = -1;
        for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
            Optional<Bound> found = Bound.of(conjunct, leftCount);
            if (found.isEmpty()) {
                continue;
            }
            Bound bound = found.get();
            if (!TimeAttributes.isRowtime(join.getLeft(), bound.leftField)
                    || !TimeAttributes.isRowtime(join.getRight(), bound.rightField - leftCount)) {
                continue;
            }
            if (leftTime < 0) {
                leftTime = bound.leftField;
                rightTime = bound.rightField;
            } else if (leftTime != bound.leftField || rightTime != bound.rightField) {
                continue; // bounds on another pair of time columns only filter, as the residual
            }
            if (bound.isLower) {
                lower = lower == null ? bound.value : Math.max(lower, bound.value);
            } else {
                upper = upper == null ? bound.value : Math.min(upper, bound.value);
            }
        }
        if (lower == null || upper == null || lower > upper) {
            return Optional.empty();
        }
        return Optional.of(new IntervalJoinBounds(leftTime, rightTime - leftCount, lower, upper));
    }

    /** One comparison read as {@code rightTime - leftTime >= value} (lower) or {@code <= value} (upper). */
    private record Bound(int leftField, int rightField, boolean isLower, long value) {

        static Optional<Bound> of(RexNode conjunct, int leftCount) {
            if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) {
                return Optional.empty();
            }
            SqlKind kind = call.getKind();
            if (kind != SqlKind.GREATER_THAN && kind != SqlKind.GREATER_THAN_OR_EQUAL && kind != SqlKind.LESS_THAN
                    && kind != SqlKind.LESS_THAN_OR_EQUAL) {
                return Optional.empty();
            }
            Optional<TimePlusOffset> a = TimePlusOffset.of(call.getOperands().get(0));
            Optional<TimePlusOffset> b = TimePlusOffset.of(call.getOperands().get(1));
            if (a.isEmpty() || b.isEmpty() || (a.get().field < leftCount) == (b.get().field < leftCount)) {
                return Optional.empty();
            }
            // as "x + cx  OP  y + cy" with x on the right side: right - left OP cy - cx
            boolean aIsRight = a.get().field >= leftCount;
            TimePlusOffset right = aIsRight ? a.get() : b.get();
            TimePlusOffset left = aIsRight ? b.get() : a.get();
            SqlKind op = aIsRight ? kind : kind.reverse();
            long value = left.offset - right.offset;
            return Optional.of(switch (op) {
                case GREATER_THAN_OR_EQUAL -> new Bound(left.field, right.field, true, value);
                case GREATER_THAN -> new Bound(left.field, right.field, true, value + 1);
                case LESS_THAN_OR_EQUAL -> new Bound(left.field, right.field, false, value);
                default -> new Bound(left.field, right.field, false, value - 1);
            });
        }
    }

    /** A column plus (or minus) a constant day-time interval, in milliseconds. */
    private record TimePlusOffset(int field, long offset) {

        static Optional<TimePlusOffset> of(RexNode expr) {
            if (expr instanceof RexInputRef ref) {
                return Optional.of(new TimePlusOffset(ref.getIndex(), 0));
            }
            if (!(expr instanceof RexCall call) || call.getOperands().size() != 2
                    || (call.getKind() != SqlKind.PLUS && call.getKind() != SqlKind.MINUS)) {
                return Optional.empty();
            }
            RexNode first = call.getOperands().get(0);
            RexNode second = call.getOperands().get(1);
            if (call.getKind() == SqlKind.PLUS && interval(first) != null) {
                RexNode swap = first;
                first = second;
                second = swap;
            }
            Long interval = interval(second);
            if (!(first instanceof RexInputRef ref) || interval == null) {
                return Optional.empty();
            }
            return Optional.of(new TimePlusOffset(ref.getIndex(), call.getKind() == SqlKind.PLUS ? interval : -interval));
        }

        /** Milliseconds of a day-time interval literal; null for anything else (months have no fixed length). */
        private static Long interval(RexNode expr) {
            return expr instanceof RexLiteral literal && literal.getType().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME
                    ? literal.getValueAs(Long.class) : null;
        }
    }
}
