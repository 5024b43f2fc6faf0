package io.sluice.planner;

import io.sluice.planner.calcite.CatalogSchema;
import io.sluice.planner.calcite.WindowTableFunction;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Exchange;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

/**
 * Decides whether a column is an event-time attribute: a table's WATERMARK column passed through
 * unchanged, the window_time of a window table function, or the window_time or window_end of a
 * window aggregation. Windows and interval joins need one, because only such a column is covered by
 * the watermarks that close the windows and clean the joins' state.
 */
final class TimeAttributes {
    private TimeAttributes() {
    }

    static boolean isRowtime(RelNode node, int field) {
        if (node instanceof TableScan scan) {
            CatalogSchema.SourceTable table = scan.getTable().unwrap(CatalogSchema.SourceTable.class);
            String name = node.getRowType().getFieldNames().get(field);
            return table != null && table.table().watermark().map(w -> w.column().equals(name)).orElse(false);
        }
        if (node instanceof LogicalCalc calc) {
            RexNode expr = calc.getProgram().expandLocalRef(calc.getProgram().getProjectList().get(field));
            return expr instanceof RexInputRef ref && isRowtime(calc.getInput(), ref.getIndex());
        }
        if (node instanceof LogicalProject project) {
            return project.getProjects().get(field) instanceof RexInputRef ref && isRowtime(project.getInput(), ref.getIndex());
        }
        if (node instanceof LogicalFilter filter) {
            return isRowtime(filter.getInput(), field);
        }
        if (node instanceof TableFunctionScan scan && scan.getCall() instanceof RexCall call
                && call.getOperator() instanceof WindowTableFunction && scan.getInputs().size() == 1) {
            int inputFields = scan.getInput(0).getRowType().getFieldCount();
            return field < inputFields ? isRowtime(scan.getInput(0), field) : field == inputFields + 2;
        }
        if (node instanceof org.apache.calcite.rel.core.Join join) {
            // only an interval join keeps time attributes: a regular join's rows come at any time
            return JoinTranslator.isRowtime(join, field);
        }
        if (node instanceof LogicalTemporalJoin join) {
            // the versioned side's time columns only say when a version started
            return field == join.leftTimeField();
        }
        if (node instanceof Exchange exchange) {
            return isRowtime(exchange.getInput(), field);
        }
        if (node instanceof Aggregate aggregate) {
            return isWindowTimeKey(aggregate, field);
        }
        if (node instanceof LogicalUnion union) {
            return union.getInputs().stream().allMatch(input -> isRowtime(input, field));
        }
        return false;
    }

    /**
     * The window_time and window_end of a window aggregation (grouped by them, as the group-window
     * function {@code TUMBLE_ROWTIME} or a later join on window_end does) stay time attributes: the
     * aggregation emits each window before the watermark passes its window_time, so a later window,
     * or an interval join bounded by window_end, can be built on them. window_end is one millisecond
     * after window_time, so it is never behind the watermark either.
     */
    private static boolean isWindowTimeKey(Aggregate aggregate, int field) {
        if (field >= aggregate.getGroupCount() || !WindowColumns.groupsByWindow(aggregate)) {
            return false;
        }
        return WindowColumns.of(aggregate.getInput(), aggregate.getGroupSet().nth(field))
                .map(column -> column.role() != WindowColumns.Role.START)
                .orElse(false);
    }
}
