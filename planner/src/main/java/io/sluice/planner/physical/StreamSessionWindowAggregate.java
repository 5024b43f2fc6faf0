package io.sluice.planner.physical;

import io.sluice.executor.aggregate.AggregateSpec;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Aggregates per SESSION window and key: a key's rows closer than the gap form one session, emitted
 * when the watermark passes its end. Output: {@code [keys…, window_start, window_end, window_time,
 * aggregates…]}, as {@link StreamWindowAggregate}'s.
 */
public final class StreamSessionWindowAggregate extends SingleRel implements StreamRel {
    private final long gap;
    private final int timeField;
    private final int[] keyFields;
    private final List<AggregateSpec> aggregates;
    private final List<String> aggregateTexts;

    public StreamSessionWindowAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, long gap,
            int timeField, int[] keyFields, List<AggregateSpec> aggregates, List<String> aggregateTexts,
            RelDataType rowType) {
        super(cluster, traits, input);
        this.gap = gap;
        this.timeField = timeField;
        this.keyFields = keyFields.clone();
        this.aggregates = List.copyOf(aggregates);
        this.aggregateTexts = List.copyOf(aggregateTexts);
        this.rowType = rowType;
    }

    public long gap() {
        return gap;
    }

    public int timeField() {
        return timeField;
    }

    public int[] keyFields() {
        return keyFields.clone();
    }

    public List<AggregateSpec> aggregates() {
        return aggregates;
    }

    /** The window as EXPLAIN and the job graph name it. */
    public String window() {
        return "SESSION(gap=" + gap + "ms)";
    }

    @Override
    public int parallelism() {
        return ((StreamRel) input).parallelism();
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamSessionWindowAggregate(getCluster(), traitSet, sole(inputs), gap, timeField, keyFields,
                aggregates, aggregateTexts, rowType);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = input.getRowType().getFieldNames();
        return super.explainTerms(pw)
                .item("window", window() + " ON " + names.get(timeField))
                .itemIf("groupBy", Arrays.stream(keyFields).mapToObj(names::get).collect(Collectors.joining(", ")),
                        keyFields.length > 0)
                .item("select", String.join(", ", aggregateTexts))
                .item("emit", "when watermark passes session end")
                .item("parallelism", parallelism())
                .item("changelogMode", changelogMode());
    }
}
