package io.sluice.planner;

import io.sluice.executor.window.WindowKind;
import io.sluice.executor.window.WindowSpec;
import io.sluice.planner.calcite.WindowTableFunction;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/** A window table function call as the runtime needs it: the window spec and the time column. */
record WindowCall(WindowSpec spec, int timeField) {

    static boolean isWindow(TableFunctionScan scan) {
        return scan.getCall() instanceof RexCall call && call.getOperator() instanceof WindowTableFunction;
    }

    static WindowCall of(TableFunctionScan scan) {
        RexCall call = (RexCall) scan.getCall();
        WindowKind kind = ((WindowTableFunction) call.getOperator()).windowKind();
        int timeField = -1;
        List<Long> intervals = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
            if (operand instanceof RexCall descriptor && descriptor.getKind() == SqlKind.DESCRIPTOR) {
                timeField = ((RexInputRef) descriptor.getOperands().get(0)).getIndex();
            } else if (operand instanceof RexLiteral literal) {
                intervals.add(literal.getValueAs(Long.class));
            } else if (!(operand instanceof RexInputRef)) {
                throw Unsupported.because(kind + " needs literal intervals, not " + operand);
            }
        }
        if (timeField < 0 || intervals.size() < (kind == WindowKind.TUMBLE ? 1 : 2)) {
            throw Unsupported.because("Cannot read the arguments of " + call);
        }
        long offset = intervals.size() > (kind == WindowKind.TUMBLE ? 1 : 2) ? intervals.get(intervals.size() - 1) : 0;
        WindowSpec spec;
        try {
            spec = switch (kind) {
                case TUMBLE -> WindowSpec.tumble(intervals.get(0), offset);
                case HOP -> WindowSpec.hop(intervals.get(0), intervals.get(1), offset);
                case CUMULATE -> WindowSpec.cumulate(intervals.get(0), intervals.get(1), offset);
            };
        } catch (IllegalArgumentException e) {
            throw Unsupported.because(kind + ": " + e.getMessage());
        }
        if (kind == WindowKind.HOP && spec.size() % spec.step() != 0) {
            throw Unsupported.because("HOP size must be a whole multiple of the slide, as in Flink");
        }
        return new WindowCall(spec, timeField);
    }
}
