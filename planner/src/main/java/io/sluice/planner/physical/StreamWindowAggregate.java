package io.sluice.planner.physical;

import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.window.WindowSpec;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;

/** Aggregates per TUMBLE, HOP or CUMULATE window and key, emitting when the watermark passes the window end. */
public final class StreamWindowAggregate extends WindowAggregateRel {
    private final WindowSpec window;

    public StreamWindowAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, WindowSpec window,
            int timeField, int[] keyFields, List<AggregateSpec> aggregates, List<String> aggregateTexts,
            RelDataType rowType) {
        super(cluster, traits, input, timeField, keyFields, aggregates, aggregateTexts, rowType);
        this.window = window;
    }

    public WindowSpec window() {
        return window;
    }

    @Override
    String windowText() {
        return window.toString();
    }

    @Override
    String emitText() {
        return "when watermark passes window end";
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamWindowAggregate(getCluster(), traitSet, sole(inputs), window, timeField(), keyFields(),
                aggregates(), aggregateTexts(), rowType);
    }
}
