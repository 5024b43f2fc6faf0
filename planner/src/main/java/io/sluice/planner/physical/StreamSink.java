package io.sluice.planner.physical;

import io.sluice.executor.connector.TableSink;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

/** Writes its input into a connector's sink. The root of an INSERT. */
public final class StreamSink extends SingleRel implements StreamRel {
    private final String tableName;
    private final TableSink sink;

    public StreamSink(RelOptCluster cluster, RelTraitSet traits, RelNode input, String tableName, TableSink sink) {
        super(cluster, traits, input);
        this.tableName = tableName;
        this.sink = sink;
    }

    public String tableName() {
        return tableName;
    }

    public TableSink sink() {
        return sink;
    }

    @Override
    public int parallelism() {
        return ((StreamRel) input).parallelism();
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamSink(getCluster(), traitSet, sole(inputs), tableName, sink);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw)
                .item("table", tableName)
                .item("sink", sink.describe())
                .item("fields", String.join(", ", getRowType().getFieldNames()))
                .item("parallelism", parallelism())
                .item("changelogMode", changelogMode());
    }
}
