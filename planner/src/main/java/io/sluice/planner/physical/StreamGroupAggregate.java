package io.sluice.planner.physical;

import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.group.GroupAggregateOperator;
import io.sluice.executor.group.MiniBatch;
import io.sluice.executor.state.StateTtl;
import java.time.Duration;
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
 * Feeding an upsert sink keyed by the group keys it sends no {@code -U} rows ({@link #asUpsert}).
 */
public final class StreamGroupAggregate extends SingleRel implements StreamRel {
    private final int[] keyFields;
    private final List<AggregateSpec> aggregates;
    private final List<String> aggregateTexts;
    private final Duration stateTtl;
    private final boolean upsert;
    private final MiniBatch miniBatch;

    public StreamGroupAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, int[] keyFields,
            List<AggregateSpec> aggregates, List<String> aggregateTexts, RelDataType rowType) {
        this(cluster, traits, input, keyFields, aggregates, aggregateTexts, rowType, Duration.ZERO, false, MiniBatch.DISABLED);
    }

    /**
     * @param stateTtl how long a group not updated is kept, zero for ever ({@code table.exec.state.ttl})
     * @param upsert whether the result goes to a consumer that upserts by the group keys, so no
     *     {@code -U} is sent
     * @param miniBatch how input rows are batched per key ({@code table.exec.mini-batch.*})
     */
    public StreamGroupAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, int[] keyFields,
            List<AggregateSpec> aggregates, List<String> aggregateTexts, RelDataType rowType, Duration stateTtl,
            boolean upsert, MiniBatch miniBatch) {
        super(cluster, traits, input);
        this.keyFields = keyFields.clone();
        this.aggregates = List.copyOf(aggregates);
        this.aggregateTexts = List.copyOf(aggregateTexts);
        this.rowType = rowType;
        this.stateTtl = stateTtl;
        this.upsert = upsert;
        this.miniBatch = miniBatch;
    }

    /** The same aggregate sending {@code I, UA, D}: its consumer upserts by the group keys. */
    public StreamGroupAggregate asUpsert() {
        return new StreamGroupAggregate(getCluster(), traitSet, input, keyFields, aggregates, aggregateTexts, rowType,
                stateTtl, true, miniBatch);
    }

    /** The runtime operator of this node. */
    public GroupAggregateOperator createOperator() {
        GroupAggregateOperator.Options options = GroupAggregateOperator.Options.DEFAULT
                .withTtl(StateTtl.of(stateTtl))
                .withUpsert(upsert)
                .withMiniBatch(miniBatch);
        return new GroupAggregateOperator(keyFields, aggregates, !((StreamRel) input).isInsertOnly(), options);
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
        return upsert ? ChangelogMode.UPSERT : ChangelogMode.RETRACT;
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamGroupAggregate(getCluster(), traitSet, sole(inputs), keyFields, aggregates, aggregateTexts,
                rowType, stateTtl, upsert, miniBatch);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = input.getRowType().getFieldNames();
        return super.explainTerms(pw)
                .itemIf("groupBy", Arrays.stream(keyFields).mapToObj(names::get).collect(Collectors.joining(", ")),
                        keyFields.length > 0)
                .item("select", String.join(", ", aggregateTexts))
                .itemIf("stateTtl", stateTtl.toMillis() + " ms", !stateTtl.isZero())
                .itemIf("miniBatch", miniBatch, miniBatch.enabled())
                .item("parallelism", parallelism())
                .item("changelogMode", changelogMode());
    }
}
