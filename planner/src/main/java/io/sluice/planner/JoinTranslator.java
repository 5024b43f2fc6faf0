package io.sluice.planner;

import io.sluice.executor.graph.Partitioning;
import io.sluice.executor.join.JoinType;
import io.sluice.planner.physical.StreamExchange;
import io.sluice.planner.physical.StreamIntervalJoin;
import io.sluice.planner.physical.StreamJoin;
import io.sluice.planner.physical.StreamRel;
import io.sluice.planner.physical.StreamTemporalJoin;
import io.sluice.planner.physical.StreamWindowJoin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Plans a JOIN as one of three stream joins, the most specific that fits:
 * <ol>
 *   <li>a window join, when both inputs are insert-only windowed rows and the keys include equal
 *       window_start and equal window_end: state per window, dropped when the window is joined;
 *   <li>an interval join, when both inputs are insert-only and the condition bounds one input's
 *       rowtime against the other's from below and above: state only for the interval;
 *   <li>otherwise a regular join on the equality keys, which keeps every row of both inputs.
 * </ol>
 * Both inputs are hashed by their keys into the join (runtime inputs 0 and 1). The non-equality
 * part of the condition is evaluated on each joined row. A temporal join ({@code FOR SYSTEM_TIME AS
 * OF}) arrives as a {@link LogicalTemporalJoin} and is planned on its own.
 */
final class JoinTranslator {
    private final RelOptCluster cluster;
    private final RelTraitSet traits;
    private final PlannerConfig config;
    private final Function<RelNode, StreamRel> translateInput;

    JoinTranslator(RelOptCluster cluster, RelTraitSet traits, PlannerConfig config,
            Function<RelNode, StreamRel> translateInput) {
        this.cluster = cluster;
        this.traits = traits;
        this.config = config;
        this.translateInput = translateInput;
    }

    StreamRel translate(Join join) {
        JoinType type = joinType(join);
        // only "=" makes a key: NULL never equals NULL, so a row with a NULL key has no partner
        JoinInfo info = JoinInfo.createWithStrictEquality(join.getLeft(), join.getRight(), join.getCondition());
        RexNode residual = info.nonEquiConditions.isEmpty() ? null : info.getRemaining(cluster.getRexBuilder());
        StreamRel left = translateInput.apply(join.getLeft());
        StreamRel right = translateInput.apply(join.getRight());
        int[] leftKeys = info.leftKeys.toIntArray();
        int[] rightKeys = info.rightKeys.toIntArray();
        boolean insertOnly = left.isInsertOnly() && right.isInsertOnly();

        if (insertOnly) {
            Optional<StreamRel> windowJoin = windowJoin(join, type, left, right, leftKeys, rightKeys, residual);
            if (windowJoin.isPresent()) {
                return windowJoin.get();
            }
            Optional<IntervalJoinBounds> bounds = IntervalJoinBounds.of(join);
            if (bounds.isPresent()) {
                IntervalJoinBounds b = bounds.get();
                int parallelism = parallelism(leftKeys);
                return new StreamIntervalJoin(cluster, traits, exchange(left, leftKeys), exchange(right, rightKeys),
                        type, leftKeys, rightKeys, residual, join.getRowType(), parallelism, b.leftTimeField(),
                        b.rightTimeField(), b.lowerBound(), b.upperBound());
            }
        }
        if (leftKeys.length == 0) {
            throw Unsupported.because("A join needs an equality condition between its inputs (such as a.id = b.id): "
                    + "without one every row of both streams would be kept and compared with every new row. "
                    + "Joins bounded in time are the exception: an interval join (a.ts BETWEEN b.ts - INTERVAL … "
                    + "AND b.ts + INTERVAL …, on rowtime columns) or a window join (equal window_start and window_end)");
        }
        return new StreamJoin(cluster, traits, exchange(left, leftKeys), exchange(right, rightKeys), type, leftKeys,
                rightKeys, residual, join.getRowType(), config.parallelism());
    }

    /**
     * An event-time temporal join: keyed by the versioned side's primary key, which the ON condition
     * must equal column by column; other equalities are checked on the joined row like the rest of
     * the condition, since keying by them would keep a key's older versions valid.
     */
    StreamRel translate(LogicalTemporalJoin join) {
        if (join.joinType() != JoinRelType.INNER && join.joinType() != JoinRelType.LEFT) {
            throw Unsupported.construct(join.joinType() + " temporal join (FOR SYSTEM_TIME AS OF; INNER and LEFT are)");
        }
        JoinType type = join.joinType() == JoinRelType.INNER ? JoinType.INNER : JoinType.LEFT;
        StreamRel left = translateInput.apply(join.getLeft());
        StreamRel right = translateInput.apply(join.getRight());
        if (!left.isInsertOnly()) {
            throw Unsupported.because("The left side of a temporal join (FOR SYSTEM_TIME AS OF) must be insert-only, "
                    + "but it produces updates");
        }
        VersionedSide versioned = VersionedSide.of(right);
        JoinInfo info = JoinInfo.createWithStrictEquality(join.getLeft(), join.getRight(), join.condition());
        int leftCount = join.getLeft().getRowType().getFieldCount();
        RexBuilder rexBuilder = cluster.getRexBuilder();
        List<RexNode> residual = new ArrayList<>(info.nonEquiConditions);
        int[] leftKeys = new int[versioned.keyFields().length];
        Arrays.fill(leftKeys, -1);
        for (int i = 0; i < info.leftKeys.size(); i++) {
            int keyIndex = indexOf(versioned.keyFields(), info.rightKeys.get(i));
            if (keyIndex >= 0 && leftKeys[keyIndex] < 0) {
                leftKeys[keyIndex] = info.leftKeys.get(i);
            } else {
                residual.add(rexBuilder.makeCall(org.apache.calcite.sql.fun.SqlStdOperatorTable.EQUALS,
                        rexBuilder.makeInputRef(join.getLeft(), info.leftKeys.get(i)),
                        rexBuilder.makeInputRef(join.getRight().getRowType().getFieldList()
                                .get(info.rightKeys.get(i)).getType(), leftCount + info.rightKeys.get(i))));
            }
        }
        if (Arrays.stream(leftKeys).anyMatch(k -> k < 0)) {
            List<String> names = join.getRight().getRowType().getFieldNames();
            throw Unsupported.because("The ON condition of a temporal join (FOR SYSTEM_TIME AS OF) must equal every "
                    + "column of the versioned side's primary key (" + String.join(", ",
                    Arrays.stream(versioned.keyFields()).mapToObj(names::get).toList()) + ") with a left column");
        }
        int[] rightKeys = versioned.keyFields();
        RexNode condition = residual.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, residual);
        return new StreamTemporalJoin(cluster, traits, exchange(left, leftKeys), exchange(right, rightKeys), type,
                leftKeys, rightKeys, condition, join.getRowType(), config.parallelism(), join.leftTimeField(),
                versioned.timeField());
    }

    private static int indexOf(int[] fields, int field) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == field) {
                return i;
            }
        }
        return -1;
    }

    private static JoinType joinType(Join join) {
        return switch (join.getJoinType()) {
            case INNER -> JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            case RIGHT -> JoinType.RIGHT;
            case FULL -> JoinType.FULL;
            default -> throw Unsupported.construct(join.getJoinType() + " join (from IN / EXISTS subqueries)");
        };
    }

    /**
     * A window join: among the key pairs, one joins window_start with window_start and one
     * window_end with window_end. The start pair stays a key; the end pair names the window.
     */
    private Optional<StreamRel> windowJoin(Join join, JoinType type, StreamRel left, StreamRel right, int[] leftKeys,
            int[] rightKeys, RexNode residual) {
        Optional<int[]> pairs = windowKeyPairs(join, leftKeys, rightKeys);
        if (pairs.isEmpty()) {
            return Optional.empty();
        }
        int endPair = pairs.get()[1];
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < leftKeys.length; i++) {
            if (i != endPair) {
                keys.add(i);
            }
        }
        int[] windowLeftKeys = keys.stream().mapToInt(i -> leftKeys[i]).toArray();
        int[] windowRightKeys = keys.stream().mapToInt(i -> rightKeys[i]).toArray();
        return Optional.of(new StreamWindowJoin(cluster, traits, exchange(left, windowLeftKeys),
                exchange(right, windowRightKeys), type, windowLeftKeys, windowRightKeys, residual, join.getRowType(),
                config.parallelism(), leftKeys[endPair], rightKeys[endPair]));
    }

    /** The indexes of the key pairs joining window_start with window_start and window_end with window_end. */
    private static Optional<int[]> windowKeyPairs(Join join, int[] leftKeys, int[] rightKeys) {
        int startPair = -1;
        int endPair = -1;
        for (int i = 0; i < leftKeys.length; i++) {
            Optional<WindowColumns.WindowColumn> l = WindowColumns.of(join.getLeft(), leftKeys[i]);
            Optional<WindowColumns.WindowColumn> r = WindowColumns.of(join.getRight(), rightKeys[i]);
            if (l.isEmpty() || r.isEmpty() || l.get().role() != r.get().role()) {
                continue;
            }
            if (l.get().role() == WindowColumns.Role.START) {
                startPair = i;
            } else if (l.get().role() == WindowColumns.Role.END) {
                endPair = i;
            }
        }
        return startPair < 0 || endPair < 0 ? Optional.empty() : Optional.of(new int[] {startPair, endPair});
    }

    /**
     * Whether a column of the join's output is a time attribute: only the two time columns of an
     * interval join are (a window join is chosen first, and passes its watermark on unchanged).
     */
    static boolean isRowtime(Join join, int field) {
        JoinInfo info = JoinInfo.createWithStrictEquality(join.getLeft(), join.getRight(), join.getCondition());
        if (windowKeyPairs(join, info.leftKeys.toIntArray(), info.rightKeys.toIntArray()).isPresent()) {
            return false;
        }
        int leftCount = join.getLeft().getRowType().getFieldCount();
        return IntervalJoinBounds.of(join)
                .map(b -> field == b.leftTimeField() || field == leftCount + b.rightTimeField()).orElse(false);
    }

    private int parallelism(int[] keys) {
        return keys.length == 0 ? 1 : config.parallelism();
    }

    /** Rows of equal keys meet in one subtask; without keys (a time-bounded join) all meet in one. */
    private StreamExchange exchange(StreamRel input, int[] keys) {
        return keys.length == 0
                ? new StreamExchange(cluster, traits, input, Partitioning.SINGLETON, 1)
                : new StreamExchange(cluster, traits, input, Partitioning.hash(keys), config.parallelism());
    }
}
