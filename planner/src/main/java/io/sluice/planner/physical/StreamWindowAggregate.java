package io.sluice.planner.physical;

import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.window.WindowAssignment;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Aggregates per window and key, emitting when the watermark passes the window end: TUMBLE, HOP or
 * CUMULATE windows computed from the time column, or the windows the input rows carry (GROUP BY
 * window_start, window_end over an upstream window operator's result).
 */
public final class StreamWindowAggregate extends WindowAggregateRel {
    private final WindowAssignment assignment;

    /** For attached windows, {@code timeField} is the input's window_end. */
    public StreamWindowAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, WindowAssignment assignment,
            int timeField, int[] keyFields, List<AggregateSpec> aggregates, List<String> aggregateTexts,
            RelDataType rowType) {
        super(cluster, traits, input, timeField, keyFields, aggregates, aggregateTexts, rowType);
        this.assignment = assignment;
    }

    public WindowAssignment assignment() {
        return assignment;
    }

    @Override
    String windowText() {
        return assignment.toString();
    }

    @Override
    String windowExplain(List<String> inputNames) {
        return assignment instanceof WindowAssignment.Attached attached
                ? "WINDOWED INPUT(start=" + inputNames.get(attached.startField()) + ", end="
                        + inputNames.get(attached.endField()) + ")"
                : super.windowExplain(inputNames);
    }

    @Override
    String emitText() {
        return "when watermark passes window end";
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamWindowAggregate(getCluster(), traitSet, sole(inputs), assignment, timeField(), keyFields(),
                aggregates(), aggregateTexts(), rowType);
    }
}
