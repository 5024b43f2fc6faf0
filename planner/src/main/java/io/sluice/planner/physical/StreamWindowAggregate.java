package io.sluice.planner.physical;

import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.window.WindowSpec;
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
 * Aggregates per window and key, emitting when the watermark passes the window end. Output:
 * {@code [keys…, window_start, window_end, window_time, aggregates…]}.
 */
public final class StreamWindowAggregate extends SingleRel implements StreamRel {
    private final WindowSpec window;
    private final int timeField;
    private final int[] keyFields;
    private final List<AggregateSpec> aggregates;
    private final List<String> aggregateTexts;

    public StreamWindowAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, WindowSpec window,
            int timeField, int[] keyFields, List<AggregateSpec> aggregates, List<String> aggregateTexts,
            RelDataType rowType) {
        super(cluster, traits, input);
        this.window = window;
        this.timeField = timeField;
        this.keyFields = keyFields.clone();
        this.aggregates = List.copyOf(aggregates);
        this.aggregateTexts = List.copyOf(aggregateTexts);
        this.rowType = rowType;
    }

    public WindowSpec window() {
        return window;
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
        return new StreamWindowAggregate(getCluster(), traitSet, sole(inputs), window, timeField, keyFields,
                aggregates, aggregateTexts, rowType);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = input.getRowType().getFieldNames();
        return super.explainTerms(pw)
                .item("window", window + " ON " + names.get(timeField))
                .itemIf("groupBy", Arrays.stream(keyFields).mapToObj(names::get).collect(Collectors.joining(", ")),
                        keyFields.length > 0)
                .item("select", String.join(", ", aggregateTexts))
                .item("emit", "when watermark passes window end")
                .item("parallelism", parallelism())
                .item("changelogMode", changelogMode());
    }
}
