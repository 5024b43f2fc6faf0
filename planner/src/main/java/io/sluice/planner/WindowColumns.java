package io.sluice.planner;

import java.util.Optional;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

/**
 * Finds where a column comes from when it is a window table function's window_start, window_end or
 * window_time, passed on unchanged: through projections and filters (also renamed), and through the
 * grouping columns of a window aggregate — one grouped by both window_start and window_end, which
 * keeps them, though its output type does not say so. A window join needs both inputs' window
 * columns to know which rows share a window; an aggregate grouped by them is a window aggregate.
 */
final class WindowColumns {
    enum Role { START, END, TIME }

    /** A window column: which window table function produced it, and whether it is the start or the end. */
    record WindowColumn(TableFunctionScan window, Role role) {
    }

    private WindowColumns() {
    }

    static Optional<WindowColumn> of(RelNode node, int field) {
        if (node instanceof LogicalCalc calc) {
            RexNode expr = calc.getProgram().expandLocalRef(calc.getProgram().getProjectList().get(field));
            return expr instanceof RexInputRef ref ? of(calc.getInput(), ref.getIndex()) : Optional.empty();
        }
        if (node instanceof LogicalProject project) {
            return project.getProjects().get(field) instanceof RexInputRef ref
                    ? of(project.getInput(), ref.getIndex()) : Optional.empty();
        }
        if (node instanceof LogicalFilter filter) {
            return of(filter.getInput(), field);
        }
        if (node instanceof Aggregate aggregate && groupsByWindow(aggregate)) {
            return field < aggregate.getGroupCount()
                    ? of(aggregate.getInput(), aggregate.getGroupSet().nth(field)) : Optional.empty();
        }
        if (node instanceof TableFunctionScan scan && WindowCall.isWindow(scan)) {
            int windowStart = scan.getInput(0).getRowType().getFieldCount();
            if (field == windowStart) {
                return Optional.of(new WindowColumn(scan, Role.START));
            }
            if (field == windowStart + 1) {
                return Optional.of(new WindowColumn(scan, Role.END));
            }
            if (field == windowStart + 2) {
                return Optional.of(new WindowColumn(scan, Role.TIME));
            }
            return field < windowStart ? of(scan.getInput(0), field) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The input fields of an aggregate's window_start and window_end, when it groups by both of one
     * window: such an aggregate emits each window once, when the watermark passes its end.
     */
    static Optional<int[]> windowGroupFields(Aggregate aggregate) {
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
            return Optional.empty();
        }
        RelNode input = aggregate.getInput();
        for (int start : aggregate.getGroupSet()) {
            Optional<WindowColumn> startColumn = of(input, start).filter(c -> c.role() == Role.START);
            if (startColumn.isEmpty()) {
                continue;
            }
            for (int end : aggregate.getGroupSet()) {
                Optional<WindowColumn> endColumn = of(input, end);
                if (endColumn.isPresent() && endColumn.get().role() == Role.END
                        && endColumn.get().window() == startColumn.get().window()) {
                    return Optional.of(new int[] {start, end});
                }
            }
        }
        return Optional.empty();
    }

    static boolean groupsByWindow(Aggregate aggregate) {
        return windowGroupFields(aggregate).isPresent();
    }
}
