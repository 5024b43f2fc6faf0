package io.sluice.planner;

import io.sluice.executor.graph.Partitioning;
import io.sluice.executor.rank.SortOrder;
import io.sluice.planner.physical.StreamExchange;
import io.sluice.planner.physical.StreamRel;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.logical.LogicalCalc;
import org.apache.calcite.rel.logical.LogicalWindow;
import org.apache.calcite.sql.SqlKind;

/**
 * Translates what an OVER clause becomes — a {@link LogicalWindow}, or a Calc over one — into either
 * a ranking ({@link RankTranslator}: ROW_NUMBER with a filter on its result) or an OVER aggregate
 * ({@link OverAggregateTranslator}). The planner's rewrite pulls OVER calls out of projections into
 * the window first, so the filter on a ROW_NUMBER is the Calc right above it.
 */
final class OverWindowTranslator {
    final RelOptCluster cluster;
    final RelTraitSet traits;
    final int parallelism;
    final Function<RelNode, StreamRel> translateInput;

    OverWindowTranslator(RelOptCluster cluster, RelTraitSet traits, int parallelism,
            Function<RelNode, StreamRel> translateInput) {
        this.cluster = cluster;
        this.traits = traits;
        this.parallelism = parallelism;
        this.translateInput = translateInput;
    }

    /** True for the nodes {@link #translate} takes: a window, or a Calc right over one. */
    static boolean accepts(RelNode node) {
        return node instanceof LogicalWindow || node instanceof LogicalCalc calc && calc.getInput() instanceof LogicalWindow;
    }

    StreamRel translate(RelNode node) {
        if (node instanceof LogicalCalc calc) {
            LogicalWindow window = (LogicalWindow) calc.getInput();
            if (hasRanking(window)) {
                return new RankTranslator(this).translate(calc, window);
            }
            return new OverAggregateTranslator(this).translateWithCalc(window, calc.getProgram());
        }
        LogicalWindow window = (LogicalWindow) node;
        if (hasRanking(window)) {
            throw RankTranslator.unbounded();
        }
        return new OverAggregateTranslator(this).translate(window);
    }

    private static boolean hasRanking(LogicalWindow window) {
        for (Window.Group group : window.groups) {
            for (Window.RexWinAggCall call : group.aggCalls) {
                SqlKind kind = call.getOperator().getKind();
                if (kind == SqlKind.ROW_NUMBER || kind == SqlKind.RANK || kind == SqlKind.DENSE_RANK
                        || kind == SqlKind.PERCENT_RANK || kind == SqlKind.CUME_DIST || kind == SqlKind.NTILE) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Hashed by the keys, or all rows in one task without keys. */
    StreamExchange exchange(StreamRel input, int[] keyFields) {
        return keyFields.length == 0
                ? new StreamExchange(cluster, traits, input, Partitioning.SINGLETON, 1)
                : new StreamExchange(cluster, traits, input, Partitioning.hash(keyFields), parallelism);
    }

    static SortOrder sortOrder(List<RelFieldCollation> collations) {
        int[] fields = new int[collations.size()];
        boolean[] descending = new boolean[fields.length];
        boolean[] nullsFirst = new boolean[fields.length];
        for (int i = 0; i < fields.length; i++) {
            RelFieldCollation collation = collations.get(i);
            fields[i] = collation.getFieldIndex();
            descending[i] = collation.getDirection().isDescending();
            RelFieldCollation.NullDirection nulls = collation.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
                    ? collation.getDirection().defaultNullDirection() : collation.nullDirection;
            nullsFirst[i] = nulls == RelFieldCollation.NullDirection.FIRST;
        }
        return new SortOrder(fields, descending, nullsFirst);
    }

    static String orderText(List<RelFieldCollation> collations, List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (RelFieldCollation collation : collations) {
            sb.append(sb.length() == 0 ? "" : ", ").append(names.get(collation.getFieldIndex()))
                    .append(collation.getDirection().isDescending() ? " DESC" : " ASC");
        }
        return sb.toString();
    }
}
