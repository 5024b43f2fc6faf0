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
 * GROUP BY over a stream without a window: an updating result, one row per group, changed as rows
 * arrive (and, over an updating input, as they are retracted). Row: group keys, then aggregates.
 */
public final class StreamGroupAggregate extends SingleRel implements StreamRel {
    private final int[] keyFields;
    private final List<AggregateSpec> aggregates;
    private final List<String> aggregateTexts;

    public StreamGroupAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, int[] keyFields,
            List<AggregateSpec> aggregates, List<String> aggregateTexts, RelDataType rowType) {
        super(cluster, traits, input);
        this.keyFields = keyFields.clone();
        this.aggregates = List.copyOf(aggregates);
        this.aggregateTexts = List.copyOf(aggregateTexts);
        this.rowType = rowType;
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
    public ChangelogMode changelogMode() {
        return ChangelogMode.RETRACT;
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamGroupAggregate(getCluster(), traitSet, sole(inputs), keyFields, aggregates, aggregateTexts,
                rowType);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = input.getRowType().getFieldNames();
        return super.explainTerms(pw)
                .itemIf("groupBy", Arrays.stream(keyFields).mapToObj(names::get).collect(Collectors.joining(", ")),
                        keyFields.length > 0)
                .item("select", String.join(", ", aggregateTexts))
                .item("parallelism", parallelism())
                .item("changelogMode", changelogMode());
    }
}
