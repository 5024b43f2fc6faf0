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
 * What every window aggregate has: the time column, the keys and the aggregates, one result row per
 * window and key when the watermark passes the window's end. Output: {@code [keys…, window_start,
 * window_end, window_time, aggregates…]}. Subclasses say which windows.
 */
public abstract class WindowAggregateRel extends SingleRel implements StreamRel {
    private final int timeField;
    private final int[] keyFields;
    private final List<AggregateSpec> aggregates;
    private final List<String> aggregateTexts;

    WindowAggregateRel(RelOptCluster cluster, RelTraitSet traits, RelNode input, int timeField, int[] keyFields,
            List<AggregateSpec> aggregates, List<String> aggregateTexts, RelDataType rowType) {
        super(cluster, traits, input);
        this.timeField = timeField;
        this.keyFields = keyFields.clone();
        this.aggregates = List.copyOf(aggregates);
        this.aggregateTexts = List.copyOf(aggregateTexts);
        this.rowType = rowType;
    }

    /** The windows as EXPLAIN and the job graph name them. */
    abstract String windowText();

    /** When a window's row is emitted, in EXPLAIN's words. */
    abstract String emitText();

    /** The windows and the column they are found by, as EXPLAIN shows them. */
    String windowExplain(List<String> inputNames) {
        return windowText() + " ON " + inputNames.get(timeField);
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

    List<String> aggregateTexts() {
        return aggregateTexts;
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
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = input.getRowType().getFieldNames();
        return super.explainTerms(pw)
                .item("window", windowExplain(names))
                .itemIf("groupBy", Arrays.stream(keyFields).mapToObj(names::get).collect(Collectors.joining(", ")),
                        keyFields.length > 0)
                .item("select", String.join(", ", aggregateTexts))
                .item("emit", emitText())
                .item("parallelism", parallelism())
                .item("changelogMode", changelogMode());
    }
}
