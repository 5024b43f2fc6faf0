package io.sluice.planner;

import io.sluice.executor.error.SluiceException;
import io.sluice.executor.rank.RankRange;
import io.sluice.executor.rank.SortOrder;
import io.sluice.planner.physical.StreamCalc;
import io.sluice.planner.physical.StreamRank;
import io.sluice.planner.physical.StreamRel;
import io.sluice.planner.physical.StreamWindowRank;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * {@code SELECT … FROM (SELECT …, ROW_NUMBER() OVER (PARTITION BY … ORDER BY …) AS rn FROM t) WHERE
 * rn <= N}: a Calc whose condition bounds the ROW_NUMBER of the window below it. Picks how it runs:
 * <ul>
 *   <li>partitioned by window_start and window_end of a window table function or window aggregate:
 *       a top-N per window, emitted when the window ends (insert-only);</li>
 *   <li>rank 1 ordered by a time attribute, over an insert-only input: a deduplication — the first
 *       row (ascending; insert-only) or the last row (descending; updating);</li>
 *   <li>otherwise a top-N that updates its result as rows come (and go).</li>
 * </ul>
 * The rank conditions become the operator's rank range; the rest of the Calc runs after it.
 */
final class RankTranslator {
    private final OverWindowTranslator context;
    private final RexBuilder rexBuilder;

    RankTranslator(OverWindowTranslator context) {
        this.context = context;
        this.rexBuilder = context.cluster.getRexBuilder();
    }

    static SluiceException unbounded() {
        return Unsupported.because("ROW_NUMBER() on a stream needs a filter on its result that bounds it, such as "
                + "WHERE rn <= 10 (top-N) or WHERE rn = 1 (deduplication): without one every row would be kept "
                + "and renumbered forever");
    }

    StreamRel translate(LogicalCalc calc, LogicalWindow window) {
        Window.Group group = onlyRowNumber(window);
        RelNode logicalInput = window.getInput();
        int rankField = logicalInput.getRowType().getFieldCount();
        RexProgram program = calc.getProgram();

        long start = 1;
        long end = Long.MAX_VALUE;
        List<RexNode> otherConditions = new ArrayList<>();
        if (program.getCondition() != null) {
            for (RexNode conjunct : RelOptUtil.conjunctions(program.expandLocalRef(program.getCondition()))) {
                long[] bound = rankBound(conjunct, rankField);
                if (bound == null) {
                    otherConditions.add(conjunct);
                } else {
                    start = Math.max(start, bound[0]);
                    end = Math.min(end, bound[1]);
                }
            }
        }
        if (end == Long.MAX_VALUE) {
            throw unbounded();
        }
        if (end < start) {
            throw Unsupported.because("The filter on ROW_NUMBER() keeps no rank (from " + start + " to " + end + ")");
        }
        RankRange range = new RankRange(start, end);
        List<RexNode> projects = new ArrayList<>();
        program.getProjectList().forEach(ref -> projects.add(program.expandLocalRef(ref)));
        ImmutableBitSet used = RelOptUtil.InputFinder.bits(projects, RexUtil.composeConjunction(rexBuilder, otherConditions));
        boolean outputRankNumber = used.get(rankField);
        RelDataType rankType = outputRankNumber ? window.getRowType() : logicalInput.getRowType();

        List<RelFieldCollation> collations = group.orderKeys.getFieldCollations();
        if (collations.isEmpty()) {
            throw Unsupported.because("ROW_NUMBER() on a stream needs an ORDER BY in its OVER clause");
        }
        SortOrder order = OverWindowTranslator.sortOrder(collations);
        String orderText = OverWindowTranslator.orderText(collations, logicalInput.getRowType().getFieldNames());
        int[] keyFields = group.keys.toArray();
        StreamRel input = context.translateInput.apply(logicalInput);

        StreamRel rank;
        int windowEnd = windowEndKey(logicalInput, keyFields);
        if (windowEnd >= 0) {
            if (!input.isInsertOnly()) {
                throw new IllegalStateException("a window's rows updating: " + input);
            }
            rank = new StreamWindowRank(context.cluster, context.traits, context.exchange(input, keyFields), windowEnd,
                    keyFields, order, orderText, range, outputRankNumber, rankType);
        } else {
            StreamRank.Strategy strategy = StreamRank.Strategy.TOP_N;
            int timeField = -1;
            if (range.start() == 1 && range.end() == 1 && collations.size() == 1 && input.isInsertOnly()
                    && TimeAttributes.isRowtime(logicalInput, collations.get(0).getFieldIndex())) {
                timeField = collations.get(0).getFieldIndex();
                strategy = collations.get(0).getDirection().isDescending()
                        ? StreamRank.Strategy.LAST_ROW : StreamRank.Strategy.FIRST_ROW;
            }
            rank = new StreamRank(context.cluster, context.traits, context.exchange(input, keyFields), strategy,
                    keyFields, order, orderText, timeField, range, outputRankNumber, rankType);
        }

        RexProgramBuilder post = new RexProgramBuilder(rankType, rexBuilder);
        for (int i = 0; i < projects.size(); i++) {
            post.addProject(projects.get(i), calc.getRowType().getFieldNames().get(i));
        }
        if (!otherConditions.isEmpty()) {
            post.addCondition(RexUtil.composeConjunction(rexBuilder, otherConditions));
        }
        RexProgram postProgram = post.getProgram();
        if (postProgram.isTrivial() && rankType.getFieldNames().equals(calc.getRowType().getFieldNames())) {
            return rank;
        }
        return new StreamCalc(context.cluster, context.traits, rank, postProgram);
    }

    private static Window.Group onlyRowNumber(LogicalWindow window) {
        if (window.groups.size() != 1 || window.groups.get(0).aggCalls.size() != 1) {
            throw Unsupported.because("ROW_NUMBER() together with other OVER aggregates in one SELECT is not "
                    + "supported yet: rank in a subquery, aggregate outside it");
        }
        Window.Group group = window.groups.get(0);
        SqlKind kind = group.aggCalls.get(0).getOperator().getKind();
        if (kind != SqlKind.ROW_NUMBER) {
            throw Unsupported.because(group.aggCalls.get(0).getOperator().getName()
                    + "() on a stream is not supported yet: use ROW_NUMBER()");
        }
        return group;
    }

    /**
     * The ranks {@code conjunct} keeps, as {@code [start, end]}, when it compares the rank with an
     * integer literal ({@code rn <= 10}, {@code 1 = rn}, {@code rn > 2}); null for anything else.
     */
    private static long[] rankBound(RexNode conjunct, int rankField) {
        if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) {
            return null;
        }
        SqlKind kind = call.getKind();
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        if (isRank(right, rankField) && right != left) {
            RexNode swap = left;
            left = right;
            right = swap;
            kind = kind.reverse();
        }
        if (!isRank(left, rankField) || !(right instanceof RexLiteral literal)) {
            return null;
        }
        BigDecimal value = literal.getValueAs(BigDecimal.class);
        if (value == null || value.stripTrailingZeros().scale() > 0) {
            return null;
        }
        long n = value.longValueExact();
        return switch (kind) {
            case LESS_THAN_OR_EQUAL -> new long[] {1, n};
            case LESS_THAN -> new long[] {1, n - 1};
            case EQUALS -> new long[] {n, n};
            case GREATER_THAN_OR_EQUAL -> new long[] {n, Long.MAX_VALUE};
            case GREATER_THAN -> new long[] {n + 1, Long.MAX_VALUE};
            default -> null;
        };
    }

    private static boolean isRank(RexNode node, int rankField) {
        RexNode stripped = RexUtil.removeCast(node);
        return stripped instanceof RexInputRef ref && ref.getIndex() == rankField;
    }

    /** The key field that is window_end when the keys hold both window_start and window_end of one window; else -1. */
    private static int windowEndKey(RelNode input, int[] keyFields) {
        boolean hasStart = false;
        int end = -1;
        for (int field : keyFields) {
            WindowColumn column = windowColumn(input, field);
            hasStart |= column == WindowColumn.START;
            if (column == WindowColumn.END) {
                end = field;
            }
        }
        return hasStart ? end : -1;
    }

    private enum WindowColumn { START, END, NONE }

    /** Traces a field back to the window_start or window_end of a window table function, if it is one. */
    private static WindowColumn windowColumn(RelNode node, int field) {
        if (node instanceof TableFunctionScan scan && WindowCall.isWindow(scan)) {
            int inputFields = scan.getInput(0).getRowType().getFieldCount();
            return field == inputFields ? WindowColumn.START : field == inputFields + 1 ? WindowColumn.END
                    : WindowColumn.NONE;
        }
        if (node instanceof LogicalCalc calc) {
            RexNode expr = calc.getProgram().expandLocalRef(calc.getProgram().getProjectList().get(field));
            return expr instanceof RexInputRef ref ? windowColumn(calc.getInput(), ref.getIndex()) : WindowColumn.NONE;
        }
        if (node instanceof LogicalProject project) {
            return project.getProjects().get(field) instanceof RexInputRef ref
                    ? windowColumn(project.getInput(), ref.getIndex()) : WindowColumn.NONE;
        }
        if (node instanceof LogicalFilter filter) {
            return windowColumn(filter.getInput(), field);
        }
        if (node instanceof Aggregate aggregate && aggregate.getGroupType() == Aggregate.Group.SIMPLE
                && field < aggregate.getGroupCount()) {
            // the grouping columns of a window aggregate keep the window's columns
            return windowColumn(aggregate.getInput(), aggregate.getGroupSet().asList().get(field));
        }
        if (node instanceof LogicalWindow window && field < window.getInput().getRowType().getFieldCount()) {
            return windowColumn(window.getInput(), field);
        }
        return WindowColumn.NONE;
    }
}
