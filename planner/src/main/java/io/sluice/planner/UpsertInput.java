package io.sluice.planner;

import io.sluice.executor.graph.Partitioning;
import io.sluice.planner.physical.StreamCalc;
import io.sluice.planner.physical.StreamExchange;
import io.sluice.planner.physical.StreamGroupAggregate;
import io.sluice.planner.physical.StreamRel;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlKind;

/**
 * Turns the input of an upsert sink into an upsert stream ({@code I, UA, D}, no {@code -U}) when
 * the sink's primary key is the unique key of the rows that reach it: a GROUP BY whose keys are the
 * primary key, under projections that keep the key columns as they are (or cast) and no filter —
 * a filter could drop the new row of an update whose old row the sink keeps. Then the aggregate
 * leaves the {@code -U} rows out and nothing on the way sends them. Anything else stays retract.
 */
final class UpsertInput {
    private UpsertInput() {
    }

    /**
     * The input rebuilt to send upserts by {@code key} (fields of the sink's row), or null when the
     * key is not the input's unique key.
     */
    static StreamRel rewrite(StreamRel input, int[] key) {
        if (key.length == 0) {
            return null;
        }
        if (input instanceof StreamGroupAggregate aggregate) {
            int groupKeys = aggregate.keyFields().length;
            int[] sorted = key.clone();
            Arrays.sort(sorted);
            boolean isGroupKey = sorted.length == groupKeys;
            for (int i = 0; isGroupKey && i < sorted.length; i++) {
                isGroupKey = sorted[i] == i;
            }
            return isGroupKey ? aggregate.asUpsert() : null;
        }
        if (input instanceof StreamCalc calc) {
            int[] inputKey = keyBelow(calc.program(), key);
            StreamRel below = inputKey == null ? null : rewrite((StreamRel) calc.getInput(), inputKey);
            return below == null ? null : (StreamRel) calc.copy(calc.getTraitSet(), List.of(below));
        }
        if (input instanceof StreamExchange exchange && keepsKeysTogether(exchange.partitioning(), key)) {
            StreamRel below = rewrite((StreamRel) exchange.getInput(), key);
            return below == null ? null : (StreamRel) exchange.copy(exchange.getTraitSet(), List.of(below));
        }
        return null;
    }

    /** The input fields the calc's key columns are, or null when it filters or computes a key column. */
    private static int[] keyBelow(RexProgram program, int[] key) {
        if (program.getCondition() != null) {
            return null;
        }
        int[] below = new int[key.length];
        for (int i = 0; i < key.length; i++) {
            RexNode expr = program.expandLocalRef(program.getProjectList().get(key[i]));
            while (expr instanceof RexCall call && call.getKind() == SqlKind.CAST) {
                expr = call.getOperands().get(0);
            }
            if (!(expr instanceof RexInputRef ref)) {
                return null;
            }
            below[i] = ref.getIndex();
        }
        return below;
    }

    /** Rows of one key go to one subtask, in order. */
    private static boolean keepsKeysTogether(Partitioning partitioning, int[] key) {
        return switch (partitioning.kind()) {
            case SINGLETON, FORWARD -> true;
            case HASH -> Arrays.equals(partitioning.keyFields(), key);
            default -> false;
        };
    }
}
