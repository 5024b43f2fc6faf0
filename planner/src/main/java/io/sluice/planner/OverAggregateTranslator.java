package io.sluice.planner;

import io.sluice.executor.aggregate.AggregateKind;
import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.over.OverFrame;
import io.sluice.executor.types.LogicalType;
import io.sluice.planner.calcite.TypeConversion;
import io.sluice.planner.physical.StreamCalc;
import io.sluice.planner.physical.StreamOverAggregate;
import io.sluice.planner.physical.StreamRel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowExclusion;

/**
 * {@code agg(x) OVER (PARTITION BY … ORDER BY rowtime ROWS|RANGE BETWEEN … PRECEDING AND CURRENT
 * ROW)} over an insert-only stream: one {@link StreamOverAggregate} hashed by the partition keys,
 * whose rows are the window's rows (input fields, then the aggregates), then the Calc above the
 * window. Every OVER aggregate of the query must share one window.
 */
final class OverAggregateTranslator {
    private final OverWindowTranslator context;

    OverAggregateTranslator(OverWindowTranslator context) {
        this.context = context;
    }

    StreamRel translateWithCalc(LogicalWindow window, RexProgram program) {
        return new StreamCalc(context.cluster, context.traits, translate(window), program);
    }

    StreamRel translate(LogicalWindow window) {
        if (window.groups.size() != 1) {
            throw Unsupported.because("OVER aggregates over different windows (PARTITION BY, ORDER BY or frame) in "
                    + "one SELECT are not supported yet: give them all the same window");
        }
        Window.Group group = window.groups.get(0);
        RelNode logicalInput = window.getInput();
        List<String> names = logicalInput.getRowType().getFieldNames();
        int timeField = timeField(group, logicalInput);
        OverFrame frame = frame(window, group);
        List<AggregateSpec> specs = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        int inputFields = names.size();
        List<String> outputNames = window.getRowType().getFieldNames();
        for (Window.RexWinAggCall call : group.aggCalls) {
            specs.add(spec(call, inputFields));
            String argument = call.getOperands().isEmpty() ? "*"
                    : names.get(((RexInputRef) call.getOperands().get(0)).getIndex());
            texts.add(call.getOperator().getName() + "(" + (call.distinct ? "DISTINCT " : "") + argument + ") AS "
                    + outputNames.get(inputFields + call.ordinal));
        }
        StreamRel input = context.translateInput.apply(logicalInput);
        if (!input.isInsertOnly()) {
            throw Unsupported.because("An OVER aggregation over an updating input (such as the result of a GROUP BY "
                    + "without a window) is not supported: its rows would change after their aggregates were emitted");
        }
        int[] keyFields = group.keys.toArray();
        return new StreamOverAggregate(context.cluster, context.traits, context.exchange(input, keyFields), keyFields,
                timeField, specs, texts, frame, window.getRowType());
    }

    private static int timeField(Window.Group group, RelNode input) {
        List<RelFieldCollation> order = group.orderKeys.getFieldCollations();
        String required = "An OVER window on a stream must be ordered by one time attribute ascending (a column "
                + "declared with WATERMARK FOR … in CREATE TABLE)";
        if (order.size() != 1 || order.get(0).getDirection().isDescending()) {
            throw Unsupported.because(required);
        }
        int field = order.get(0).getFieldIndex();
        if (!TimeAttributes.isRowtime(input, field)) {
            throw Unsupported.because(required + ": '" + input.getRowType().getFieldNames().get(field) + "' is not one");
        }
        return field;
    }

    private static OverFrame frame(LogicalWindow window, Window.Group group) {
        if (!group.upperBound.isCurrentRow() || group.exclude != RexWindowExclusion.EXCLUDE_NO_OTHER) {
            throw Unsupported.because("OVER windows on a stream support only frames that end at the CURRENT ROW "
                    + "(… PRECEDING AND CURRENT ROW), without EXCLUDE");
        }
        RexWindowBound lower = group.lowerBound;
        if (lower.isUnboundedPreceding()) {
            return group.isRows ? OverFrame.unboundedRows() : OverFrame.unboundedRange();
        }
        if (lower.isCurrentRow()) {
            return group.isRows ? OverFrame.rows(0) : OverFrame.range(0);
        }
        if (!lower.isPreceding()) {
            throw Unsupported.because("OVER windows on a stream cannot look at FOLLOWING rows");
        }
        long offset = offset(window, lower.getOffset());
        return group.isRows ? OverFrame.rows(offset) : OverFrame.range(offset);
    }

    /** A bound's offset: a row count for ROWS, milliseconds for RANGE (day-time intervals are in ms). */
    private static long offset(LogicalWindow window, RexNode offset) {
        RexLiteral literal = null;
        if (offset instanceof RexLiteral direct) {
            literal = direct;
        } else if (offset instanceof RexInputRef ref) {
            int inputFields = window.getInput().getRowType().getFieldCount();
            if (ref.getIndex() >= inputFields) {
                literal = window.constants.get(ref.getIndex() - inputFields);
            }
        }
        BigDecimal value = literal == null ? null : literal.getValueAs(BigDecimal.class);
        if (value == null || value.signum() < 0) {
            throw Unsupported.because("The PRECEDING bound of an OVER window must be a non-negative constant");
        }
        if (literal.getType().getSqlTypeName().getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.INTERVAL_YEAR_MONTH) {
            throw Unsupported.because("OVER windows on a stream need a day-time interval (SECOND, MINUTE, HOUR, DAY), "
                    + "not months or years");
        }
        return value.longValueExact();
    }

    private static AggregateSpec spec(Window.RexWinAggCall call, int inputFields) {
        String name = call.getOperator().getName();
        AggregateKind kind = switch (call.getOperator().getKind()) {
            case COUNT -> call.getOperands().isEmpty() ? AggregateKind.COUNT_STAR : AggregateKind.COUNT;
            case SUM, SUM0 -> AggregateKind.SUM;
            case MIN -> AggregateKind.MIN;
            case MAX -> AggregateKind.MAX;
            case AVG -> AggregateKind.AVG;
            default -> throw Unsupported.because("Aggregate function " + name + " in an OVER window is not supported yet");
        };
        if (call.getOperands().size() > 1) {
            throw Unsupported.because("Aggregate function " + name + " with several arguments is not supported yet");
        }
        int argIndex = -1;
        LogicalType argType = null;
        if (!call.getOperands().isEmpty()) {
            if (!(call.getOperands().get(0) instanceof RexInputRef ref) || ref.getIndex() >= inputFields) {
                throw Unsupported.because("The argument of " + name + " in an OVER window must be a column");
            }
            argIndex = ref.getIndex();
            argType = TypeConversion.toLogicalType(ref.getType(), name);
        }
        return new AggregateSpec(kind, argIndex, -1, call.distinct, argType, TypeConversion.toLogicalType(call.getType(), name));
    }
}
