package io.sluice.planner.physical;

import io.sluice.executor.aggregate.AggregateSpec;
import io.sluice.executor.over.OverFrame;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Aggregates {@code OVER (PARTITION BY keys ORDER BY rowtime <frame>)} over an insert-only stream
 * hashed by the keys: every row comes out once, when the watermark passes it, followed by its
 * aggregates. Row: the input fields, then the aggregates.
 */
public final class StreamOverAggregate extends SingleRel implements StreamRel {
    private final int[] keyFields;
    private final int timeField;
    private final List<AggregateSpec> aggregates;
    private final List<String> aggregateTexts;
    private final OverFrame frame;

    public StreamOverAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, int[] keyFields,
            int timeField, List<AggregateSpec> aggregates, List<String> aggregateTexts, OverFrame frame,
            RelDataType rowType) {
        super(cluster, traits, input);
        this.keyFields = keyFields.clone();
        this.timeField = timeField;
        this.aggregates = List.copyOf(aggregates);
        this.aggregateTexts = List.copyOf(aggregateTexts);
        this.frame = Objects.requireNonNull(frame, "frame is null");
        this.rowType = rowType;
    }

    public int[] keyFields() {
        return keyFields.clone();
    }

    public int timeField() {
        return timeField;
    }

    public List<AggregateSpec> aggregates() {
        return aggregates;
    }

    public OverFrame frame() {
        return frame;
    }

    @Override
    public int parallelism() {
        return ((StreamRel) input).parallelism();
    }

    @Override
    public ChangelogMode changelogMode() {
        return ChangelogMode.INSERT_ONLY;
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamOverAggregate(getCluster(), traitSet, sole(inputs), keyFields, timeField, aggregates,
                aggregateTexts, frame, rowType);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = input.getRowType().getFieldNames();
        return super.explainTerms(pw)
                .itemIf("partitionBy", Arrays.stream(keyFields).mapToObj(names::get).collect(Collectors.joining(", ")),
                        keyFields.length > 0)
                .item("orderBy", names.get(timeField))
                .item("frame", frame)
                .item("select", String.join(", ", aggregateTexts))
                .item("emit", "when watermark passes the row's time")
                .item("parallelism", parallelism())
                .item("changelogMode", changelogMode());
    }
}
