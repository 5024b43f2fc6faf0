package io.sluice.planner;

import io.sluice.planner.physical.StreamCalc;
import io.sluice.planner.physical.StreamExchange;
import io.sluice.planner.physical.StreamGroupAggregate;
import io.sluice.planner.physical.StreamIntervalJoin;
import io.sluice.planner.physical.StreamJoin;
import io.sluice.planner.physical.StreamJoinBase;
import io.sluice.planner.physical.StreamOverAggregate;
import io.sluice.planner.physical.StreamRank;
import io.sluice.planner.physical.StreamSessionWindowAggregate;
import io.sluice.planner.physical.StreamSink;
import io.sluice.planner.physical.StreamTableSourceScan;
import io.sluice.planner.physical.StreamTemporalJoin;
import io.sluice.planner.physical.StreamUnion;
import io.sluice.planner.physical.StreamWindowAggregate;
import io.sluice.planner.physical.StreamWindowJoin;
import io.sluice.planner.physical.StreamWindowRank;
import io.sluice.planner.physical.StreamWindowTableFunction;
import io.sluice.planner.physical.WindowAggregateRel;
import java.util.Arrays;
import java.util.TreeMap;
import org.apache.calcite.rel.RelNode;

/**
 * What a physical node's runtime operator is built from, as text, for {@link SharedSubPlans}.
 * EXPLAIN names fields by name and prints aggregates, orders and conditions for people; two
 * operators that differ only where EXPLAIN is vague (a field index behind a repeated name, an
 * aggregate's argument type, a table option EXPLAIN leaves out, the rows of a VALUES) must still
 * get different digests. Field indexes, Calcite's digests of expressions (by input index) and the
 * executor's specs say it exactly.
 */
final class OperatorIdentity {
    private OperatorIdentity() {
    }

    /** Attached windows print as "WINDOWED INPUT" in EXPLAIN, without the fields they are read from. */
    private static String assignment(io.sluice.executor.window.WindowAssignment assignment) {
        return assignment instanceof io.sluice.executor.window.WindowAssignment.Attached attached
                ? "attached(start=" + attached.startField() + ", end=" + attached.endField() + ")"
                : assignment.toString();
    }

    /** The node's operator fields, or null for a node this class does not know, which is then never shared. */
    static String describe(RelNode node) {
        if (node instanceof StreamTableSourceScan scan) {
            // the DDL has the columns, computed columns, watermark and every option; a VALUES its rows
            return "ddl=" + scan.table().ddl() + ", options=" + new TreeMap<>(scan.table().options())
                    + ", computed=" + scan.computedColumns() + ", watermark=" + scan.watermark()
                    + (scan.source() instanceof ValuesSource values ? ", rows=" + values.rowsText() : "");
        }
        if (node instanceof StreamCalc calc) {
            return "program=" + calc.program();
        }
        if (node instanceof StreamExchange exchange) {
            return "partitioning=" + exchange.partitioning();
        }
        if (node instanceof StreamUnion) {
            return "";
        }
        if (node instanceof StreamGroupAggregate aggregate) {
            return "keys=" + Arrays.toString(aggregate.keyFields()) + ", aggregates=" + aggregate.aggregates();
        }
        if (node instanceof WindowAggregateRel aggregate) {
            String window = aggregate instanceof StreamWindowAggregate w ? "window=" + assignment(w.assignment())
                    : aggregate instanceof StreamSessionWindowAggregate s ? "gap=" + s.gap() : null;
            return window == null ? null : window + ", time=" + aggregate.timeField() + ", keys="
                    + Arrays.toString(aggregate.keyFields()) + ", aggregates=" + aggregate.aggregates();
        }
        if (node instanceof StreamOverAggregate over) {
            return "keys=" + Arrays.toString(over.keyFields()) + ", time=" + over.timeField() + ", frame="
                    + over.frame() + ", aggregates=" + over.aggregates();
        }
        if (node instanceof StreamRank rank) {
            return "strategy=" + rank.strategy() + ", keys=" + Arrays.toString(rank.keyFields()) + ", order="
                    + rank.order() + ", time=" + rank.timeField() + ", range=" + rank.range() + ", rankNumber="
                    + rank.outputRankNumber();
        }
        if (node instanceof StreamWindowRank rank) {
            return "windowEnd=" + rank.windowEndField() + ", keys=" + Arrays.toString(rank.keyFields()) + ", order="
                    + rank.order() + ", range=" + rank.range() + ", rankNumber=" + rank.outputRankNumber();
        }
        if (node instanceof StreamWindowTableFunction window) {
            return "window=" + window.window() + ", time=" + window.timeField();
        }
        if (node instanceof StreamJoinBase join) {
            String specific = joinSpecific(join);
            return specific == null ? null : "type=" + join.joinType() + ", leftKeys="
                    + Arrays.toString(join.leftKeys()) + ", rightKeys=" + Arrays.toString(join.rightKeys())
                    + ", residual=" + join.residual() + specific;
        }
        if (node instanceof StreamSink sink) {
            return "table=" + sink.tableName() + ", upsertKey=" + sink.upsertKey();
        }
        return null;
    }

    private static String joinSpecific(StreamJoinBase join) {
        if (join instanceof StreamJoin) {
            return "";
        }
        if (join instanceof StreamIntervalJoin interval) {
            return ", times=" + interval.leftTimeField() + "/" + interval.rightTimeField() + ", bounds="
                    + interval.lowerBound() + "/" + interval.upperBound();
        }
        if (join instanceof StreamTemporalJoin temporal) {
            return ", times=" + temporal.leftTimeField() + "/" + temporal.rightTimeField();
        }
        if (join instanceof StreamWindowJoin window) {
            return ", windowEnds=" + window.leftWindowEnd() + "/" + window.rightWindowEnd();
        }
        return null;
    }
}
