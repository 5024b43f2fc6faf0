package io.sluice.planner.physical;

import io.sluice.executor.aggregate.AggregateSpec;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Aggregates per SESSION window and key: a key's rows closer than the gap form one session, emitted
 * when the watermark passes its end.
 */
public final class StreamSessionWindowAggregate extends WindowAggregateRel {
    private final long gap;

    public StreamSessionWindowAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, long gap,
            int timeField, int[] keyFields, List<AggregateSpec> aggregates, List<String> aggregateTexts,
            RelDataType rowType) {
        super(cluster, traits, input, timeField, keyFields, aggregates, aggregateTexts, rowType);
        this.gap = gap;
    }

    public long gap() {
        return gap;
    }

    /** The window as EXPLAIN and the job graph name it. */
    public String window() {
        return windowText();
    }

    @Override
    String windowText() {
        return "SESSION(gap=" + gap + "ms)";
    }

    @Override
    String emitText() {
        return "when watermark passes session end";
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamSessionWindowAggregate(getCluster(), traitSet, sole(inputs), gap, timeField(), keyFields(),
                aggregates(), aggregateTexts(), rowType);
    }
}
