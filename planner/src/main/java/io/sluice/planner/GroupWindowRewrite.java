package io.sluice.planner;

import io.sluice.planner.calcite.GroupWindowSyntax;
import io.sluice.planner.calcite.WindowTableFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Plans Flink's group-window syntax as the window table function syntax, so both run on the same
 * window aggregation:
 *
 * <pre>
 *   Project(b, $WINDOW_END($1))               Project(b, $2)
 *     Aggregate(group {b, $1}, COUNT())    →    Project(b, ws, cnt, we, wt)
 *       Project(b, $SESSION(ts, gap))              Aggregate(group {b, ws, we, wt}, COUNT())
 *         input                                      Project(b, ws, we, wt)
 *                                                      TableFunctionScan(SESSION(DESCRIPTOR(ts), gap))
 *                                                        input
 * </pre>
 *
 * The group key of the window becomes window_start; window_end and window_time are grouped by too
 * (they follow from window_start within one window) and carried past the aggregate, where the
 * window properties {@link GroupWindowSyntax} made of TUMBLE_END, SESSION_ROWTIME, … read them.
 * SESSION here has no PARTITION BY: its sessions are per grouping key, as in Flink.
 */
final class GroupWindowRewrite {
    private final RexBuilder rexBuilder;
    private final RelOptCluster cluster;

    private GroupWindowRewrite(RelOptCluster cluster) {
        this.cluster = cluster;
        this.rexBuilder = cluster.getRexBuilder();
    }

    static RelNode rewrite(RelNode plan) {
        if (!containsGroupWindowCalls(plan)) {
            return plan;
        }
        RelNode rewritten = plan.accept(new GroupWindowRewrite(plan.getCluster()).shuttle());
        if (containsGroupWindowCalls(rewritten)) {
            throw Unsupported.because("Group window functions (TUMBLE/HOP/SESSION in GROUP BY, and TUMBLE_START, "
                    + "TUMBLE_END, TUMBLE_ROWTIME and the like) are supported in the SELECT list and HAVING clause "
                    + "of the query that groups by the window, over a time attribute column");
        }
        return rewritten;
    }

    private RelShuttleImpl shuttle() {
        return new RelShuttleImpl() {
            @Override
            public RelNode visit(LogicalProject project) {
                RelNode input = project.getInput();
                LogicalFilter having = input instanceof LogicalFilter filter
                        && filter.getInput() instanceof LogicalAggregate ? filter : null;
                RelNode below = having != null ? having.getInput() : input;
                if (!(below instanceof LogicalAggregate aggregate) || windowKey(aggregate) < 0) {
                    return super.visit(project);
                }
                Windowed windowed = windowed(withVisitedInput((LogicalAggregate) below));
                RelNode newInput = having == null ? windowed.node()
                        : LogicalFilter.create(windowed.node(), having.getCondition().accept(windowed.properties()));
                List<RexNode> projects = new ArrayList<>();
                for (RexNode expr : project.getProjects()) {
                    projects.add(expr.accept(windowed.properties()));
                }
                return LogicalProject.create(newInput, project.getHints(), projects,
                        project.getRowType().getFieldNames(), project.getVariablesSet());
            }

            @Override
            public RelNode visit(LogicalAggregate aggregate) {
                if (windowKey(aggregate) < 0) {
                    return super.visit(aggregate);
                }
                // no window property reads it: keep only the aggregate's own columns
                Windowed windowed = windowed(withVisitedInput(aggregate));
                List<RexNode> fields = new ArrayList<>();
                for (int i = 0; i < aggregate.getRowType().getFieldCount(); i++) {
                    fields.add(rexBuilder.makeInputRef(windowed.node(), i));
                }
                return LogicalProject.create(windowed.node(), List.of(), fields,
                        aggregate.getRowType().getFieldNames(), Set.of());
            }

            /** Group windows of subqueries below are rewritten first. */
            private LogicalAggregate withVisitedInput(LogicalAggregate aggregate) {
                return (LogicalAggregate) aggregate.copy(aggregate.getTraitSet(),
                        List.of(aggregate.getInput().accept(this)));
            }
        };
    }

    /** The position in the group set of the aggregate's group window key, or -1. */
    private static int windowKey(LogicalAggregate aggregate) {
        if (!(aggregate.getInput() instanceof LogicalProject project)) {
            return -1;
        }
        int position = 0;
        for (int field : aggregate.getGroupSet()) {
            if (project.getProjects().get(field) instanceof RexCall call
                    && GroupWindowSyntax.isGroupWindow(call.getOperator())) {
                return position;
            }
            position++;
        }
        return -1;
    }

    /**
     * The aggregation over the window table function, with window_end and window_time appended to
     * the aggregate's columns, and the shuttle that reads the window properties from them.
     */
    private record Windowed(RelNode node, RexShuttle properties) {
    }

    private Windowed windowed(LogicalAggregate aggregate) {
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
            throw Unsupported.construct("GROUPING SETS, ROLLUP and CUBE");
        }
        LogicalProject project = (LogicalProject) aggregate.getInput();
        int keyPosition = windowKey(aggregate);
        int keyField = aggregate.getGroupSet().nth(keyPosition);
        for (int field : aggregate.getGroupSet()) {
            if (field != keyField && project.getProjects().get(field) instanceof RexCall call
                    && GroupWindowSyntax.isGroupWindow(call.getOperator())) {
                throw Unsupported.because("A GROUP BY may have one group window (TUMBLE, HOP or SESSION), not several");
            }
        }
        RexCall groupCall = (RexCall) project.getProjects().get(keyField);
        LogicalTableFunctionScan windows = windowTable(project.getInput(), groupCall);

        // the aggregate's input, over the windows: the window key becomes window_start; end and time follow
        int windowStart = project.getInput().getRowType().getFieldCount();
        List<RexNode> inputs = new ArrayList<>(project.getProjects());
        List<String> names = new ArrayList<>(project.getRowType().getFieldNames());
        inputs.set(keyField, rexBuilder.makeInputRef(windows, windowStart));
        inputs.add(rexBuilder.makeInputRef(windows, windowStart + 1));
        inputs.add(rexBuilder.makeInputRef(windows, windowStart + 2));
        names.add("$window_end");
        names.add("$window_time");
        LogicalProject windowedInput = LogicalProject.create(windows, project.getHints(), inputs, names,
                project.getVariablesSet());
        int inputCount = project.getRowType().getFieldCount();
        ImmutableBitSet groupSet = aggregate.getGroupSet().union(ImmutableBitSet.of(inputCount, inputCount + 1));
        LogicalAggregate windowed = LogicalAggregate.create(windowedInput, aggregate.getHints(), groupSet, null,
                aggregate.getAggCallList());

        // back to the aggregate's columns, then window_end and window_time
        int groupCount = aggregate.getGroupCount();
        int aggregateCount = aggregate.getAggCallList().size();
        List<RexNode> fields = new ArrayList<>();
        List<String> fieldNames = new ArrayList<>(aggregate.getRowType().getFieldNames());
        for (int i = 0; i < groupCount; i++) {
            fields.add(rexBuilder.makeInputRef(windowed, i));
        }
        for (int i = 0; i < aggregateCount; i++) {
            fields.add(rexBuilder.makeInputRef(windowed, groupCount + 2 + i));
        }
        fields.add(rexBuilder.makeInputRef(windowed, groupCount));
        fields.add(rexBuilder.makeInputRef(windowed, groupCount + 1));
        fieldNames.add("$window_end");
        fieldNames.add("$window_time");
        RelNode node = LogicalProject.create(windowed, List.of(), fields, fieldNames, Set.of());
        int endField = groupCount + aggregateCount;
        return new Windowed(node, properties(node, keyPosition, endField, endField + 1));
    }

    /** TUMBLE/HOP/SESSION(DESCRIPTOR(time), intervals…) over the input the group call reads. */
    private LogicalTableFunctionScan windowTable(RelNode input, RexCall groupCall) {
        SqlOperator group = groupCall.getOperator();
        String name = group == SqlStdOperatorTable.TUMBLE_OLD ? "TUMBLE" : group == SqlStdOperatorTable.HOP_OLD
                ? "HOP" : "SESSION";
        WindowTableFunction function = name.equals("TUMBLE") ? WindowTableFunction.TUMBLE
                : name.equals("HOP") ? WindowTableFunction.HOP : WindowTableFunction.SESSION;
        int intervals = name.equals("HOP") ? 2 : 1;
        List<RexNode> operands = groupCall.getOperands();
        if (!(operands.get(0) instanceof RexInputRef time)) {
            throw Unsupported.because(name + " in GROUP BY needs a time attribute column as its first argument, not "
                    + operands.get(0));
        }
        if (operands.size() != 1 + intervals) {
            throw Unsupported.because(name + " in GROUP BY takes a time column and " + (intervals == 2
                    ? "two intervals (slide, size)" : "one interval") + "; an alignment argument is not supported");
        }
        List<RexNode> arguments = new ArrayList<>();
        arguments.add(rexBuilder.makeCall(SqlStdOperatorTable.DESCRIPTOR, time));
        for (RexNode interval : operands.subList(1, operands.size())) {
            if (!(interval instanceof RexLiteral)) {
                throw Unsupported.because(name + " in GROUP BY needs literal intervals, not " + interval);
            }
            arguments.add(interval);
        }
        RelDataTypeFactory typeFactory = cluster.getTypeFactory();
        RelDataType bound = typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3);
        RelDataType windowTime = typeFactory.createSqlType(
                time.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                        ? SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE : SqlTypeName.TIMESTAMP, 3);
        RelDataType rowType = typeFactory.builder()
                .addAll(input.getRowType().getFieldList())
                .add("window_start", bound)
                .add("window_end", bound)
                .add("window_time", windowTime)
                .uniquify()
                .build();
        RexNode call = rexBuilder.makeCall(rowType, function, arguments);
        return LogicalTableFunctionScan.create(cluster, List.of(input), call, null, rowType, null);
    }

    /**
     * Reads $WINDOW_START/END/ROWTIME of the window key at {@code keyField} from the windowed node's
     * fields; other references keep their types (the window key's may have become NOT NULL).
     */
    private RexShuttle properties(RelNode node, int keyField, int endField, int timeField) {
        return new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return typed(rexBuilder.makeInputRef(node, ref.getIndex()), ref.getType());
            }

            @Override
            public RexNode visitCall(RexCall call) {
                SqlOperator operator = call.getOperator();
                int field = operator == GroupWindowSyntax.WINDOW_START ? keyField
                        : operator == GroupWindowSyntax.WINDOW_END ? endField
                        : operator == GroupWindowSyntax.WINDOW_ROWTIME ? timeField : -1;
                if (field < 0 || !(call.getOperands().get(0) instanceof RexInputRef ref) || ref.getIndex() != keyField) {
                    return super.visitCall(call);
                }
                return typed(rexBuilder.makeInputRef(node, field), call.getType());
            }
        };
    }

    private RexNode typed(RexNode value, RelDataType type) {
        return value.getType().equals(type) ? value : rexBuilder.makeCast(type, value);
    }

    /** Whether the plan holds group window calls ({@code $TUMBLE(…)}) or window properties. */
    private static boolean containsGroupWindowCalls(RelNode plan) {
        boolean[] found = {false};
        RexVisitorImpl<Void> finder = new RexVisitorImpl<>(true) {
            @Override
            public Void visitCall(RexCall call) {
                SqlOperator operator = call.getOperator();
                found[0] |= GroupWindowSyntax.isGroupWindow(operator) || operator == GroupWindowSyntax.WINDOW_START
                        || operator == GroupWindowSyntax.WINDOW_END || operator == GroupWindowSyntax.WINDOW_ROWTIME;
                return super.visitCall(call);
            }
        };
        new RelVisitor() {
            @Override
            public void visit(RelNode node, int ordinal, RelNode parent) {
                node.accept(new RexShuttle() {
                    @Override
                    public RexNode visitCall(RexCall call) {
                        call.accept(finder);
                        return call;
                    }
                });
                super.visit(node, ordinal, parent);
            }
        }.go(plan);
        return found[0];
    }
}
