package io.sluice.planner;

import io.sluice.executor.operators.StreamOperator;
import io.sluice.executor.over.OverAggregateOperator;
import io.sluice.executor.rank.FirstRowDeduplicateOperator;
import io.sluice.executor.rank.LastRowDeduplicateOperator;
import io.sluice.executor.rank.TopNOperator;
import io.sluice.executor.rank.WindowTopNOperator;
import io.sluice.planner.physical.StreamOverAggregate;
import io.sluice.planner.physical.StreamRank;
import io.sluice.planner.physical.StreamRel;
import io.sluice.planner.physical.StreamWindowRank;
import java.util.function.BiFunction;
import org.apache.calcite.rel.RelNode;

/** The runtime operators of the OVER-window rels: rankings, deduplications and OVER aggregates. */
final class RankOperators {
    private RankOperators() {
    }

    static boolean handles(RelNode node) {
        return node instanceof StreamRank || node instanceof StreamWindowRank || node instanceof StreamOverAggregate;
    }

    static String name(RelNode node) {
        if (node instanceof StreamRank rank) {
            return switch (rank.strategy()) {
                case TOP_N -> "TopN[" + rank.range() + "]";
                case FIRST_ROW -> "Deduplicate[first row]";
                case LAST_ROW -> "Deduplicate[last row]";
            };
        }
        if (node instanceof StreamWindowRank rank) {
            return "WindowTopN[" + rank.range() + "]";
        }
        return "OverAggregate[" + ((StreamOverAggregate) node).frame() + "]";
    }

    /** Makes the operator of each subtask: (subtask index, parallelism) to a fresh operator. */
    static BiFunction<Integer, Integer, StreamOperator> factory(RelNode node) {
        if (node instanceof StreamRank rank) {
            boolean updatingInput = !((StreamRel) rank.getInput()).isInsertOnly();
            return switch (rank.strategy()) {
                case TOP_N -> (s, p) -> new TopNOperator(rank.keyFields(), rank.order(), rank.range(),
                        rank.outputRankNumber(), updatingInput);
                case FIRST_ROW -> (s, p) -> new FirstRowDeduplicateOperator(rank.keyFields(), rank.timeField(),
                        rank.outputRankNumber());
                case LAST_ROW -> (s, p) -> new LastRowDeduplicateOperator(rank.keyFields(), rank.timeField(),
                        rank.outputRankNumber());
            };
        }
        if (node instanceof StreamWindowRank rank) {
            return (s, p) -> new WindowTopNOperator(rank.windowEndField(), rank.keyFields(), rank.order(), rank.range(),
                    rank.outputRankNumber());
        }
        StreamOverAggregate over = (StreamOverAggregate) node;
        return (s, p) -> new OverAggregateOperator(over.keyFields(), over.timeField(), over.aggregates(), over.frame());
    }
}
