package io.sluice.planner;

import io.sluice.executor.window.WindowKind;
import io.sluice.executor.window.WindowSpec;
import io.sluice.planner.calcite.WindowTableFunction;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Exchange;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * A window table function call as the runtime needs it: the time column and either the window
 * spec (TUMBLE, HOP, CUMULATE) or the gap of a SESSION window with its PARTITION BY columns.
 *
 * @param kind the window table function
 * @param spec the windows a row belongs to; null for SESSION
 * @param sessionGap the inactivity gap closing a session in milliseconds; 0 unless SESSION
 * @param timeField the time column, a field of the function's input table
 * @param partitionKeys SESSION's PARTITION BY columns, fields of the input table
 */
record WindowCall(WindowKind kind, WindowSpec spec, long sessionGap, int timeField, List<Integer> partitionKeys) {

    WindowCall {
        partitionKeys = List.copyOf(partitionKeys);
    }

    static boolean isWindow(TableFunctionScan scan) {
        return scan.getCall() instanceof RexCall call && call.getOperator() instanceof WindowTableFunction;
    }

    boolean isSession() {
        return kind == WindowKind.SESSION;
    }

    /**
     * Sessions are built per grouping key, so a PARTITION BY column that is not grouped by would
     * make sessions of a different key than the user asked for: refused, as Flink does.
     *
     * @param groupedColumns input table columns the aggregation groups by (besides the window)
     */
    void requirePartitionKeysGrouped(List<Integer> groupedColumns, RelDataType tableType) {
        for (int key : partitionKeys) {
            if (!groupedColumns.contains(key)) {
                String column = tableType.getFieldNames().get(key);
                throw Unsupported.because("The SESSION window is partitioned by '" + column
                        + "', so the window aggregation must group by it too: GROUP BY " + column
                        + ", window_start, window_end");
            }
        }
    }

    static WindowCall of(TableFunctionScan scan) {
        RexCall call = (RexCall) scan.getCall();
        WindowKind kind = ((WindowTableFunction) call.getOperator()).windowKind();
        int timeField = -1;
        List<Long> intervals = new ArrayList<>();
        List<Integer> partitionKeys = partitionKeysOf(scan);
        for (RexNode operand : call.getOperands()) {
            if (operand instanceof RexCall descriptor && descriptor.getKind() == SqlKind.DESCRIPTOR) {
                timeField = ((RexInputRef) descriptor.getOperands().get(0)).getIndex();
            } else if (operand instanceof RexLiteral literal) {
                intervals.add(literal.getValueAs(Long.class));
            } else if (!(operand instanceof RexInputRef)) {
                throw Unsupported.because(kind + " needs literal intervals, not " + operand);
            }
        }
        int required = kind == WindowKind.TUMBLE || kind == WindowKind.SESSION ? 1 : 2;
        if (timeField < 0 || intervals.size() < required) {
            throw Unsupported.because("Cannot read the arguments of " + call);
        }
        if (kind == WindowKind.SESSION) {
            if (intervals.get(0) <= 0) {
                throw Unsupported.because("SESSION gap must be positive: " + intervals.get(0) + " ms");
            }
            return new WindowCall(kind, null, intervals.get(0), timeField, partitionKeys);
        }
        long offset = intervals.size() > required ? intervals.get(intervals.size() - 1) : 0;
        WindowSpec spec;
        try {
            spec = switch (kind) {
                case TUMBLE -> WindowSpec.tumble(intervals.get(0), offset);
                case HOP -> WindowSpec.hop(intervals.get(0), intervals.get(1), offset);
                case CUMULATE -> WindowSpec.cumulate(intervals.get(0), intervals.get(1), offset);
                case SESSION -> throw new IllegalStateException("handled above");
            };
        } catch (IllegalArgumentException e) {
            throw Unsupported.because(kind + ": " + e.getMessage());
        }
        if (kind == WindowKind.HOP && spec.size() % spec.step() != 0) {
            throw Unsupported.because("HOP size must be a whole multiple of the slide, as in Flink");
        }
        return new WindowCall(kind, spec, 0, timeField, List.of());
    }

    /**
     * The table the function reads. Calcite turns {@code TABLE t PARTITION BY k} into a hash
     * exchange on k over t; the window aggregate hashes by its own keys, which must include k.
     */
    static RelNode tableInput(TableFunctionScan scan) {
        RelNode input = scan.getInput(0);
        return input instanceof Exchange exchange ? exchange.getInput() : input;
    }

    private static List<Integer> partitionKeysOf(TableFunctionScan scan) {
        return scan.getInputs().size() == 1 && scan.getInput(0) instanceof Exchange exchange
                ? exchange.getDistribution().getKeys() : List.of();
    }
}
