package io.sluice.planner.physical;

import io.sluice.executor.connector.TableSink;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

/**
 * Writes its input into a connector's sink. The root of an INSERT. An upsert sink whose primary key
 * is the input's unique key gets an upsert stream ({@link ChangelogMode#UPSERT}, by
 * {@link #upsertKey}), otherwise what its input produces.
 */
public final class StreamSink extends SingleRel implements StreamRel {
    private final String tableName;
    private final TableSink sink;
    private final List<String> upsertKey;

    public StreamSink(RelOptCluster cluster, RelTraitSet traits, RelNode input, String tableName, TableSink sink) {
        this(cluster, traits, input, tableName, sink, List.of());
    }

    /** @param upsertKey the columns the input's updates are keyed by, empty unless it is an upsert stream */
    public StreamSink(RelOptCluster cluster, RelTraitSet traits, RelNode input, String tableName, TableSink sink,
            List<String> upsertKey) {
        super(cluster, traits, input);
        this.tableName = tableName;
        this.sink = sink;
        this.upsertKey = List.copyOf(upsertKey);
    }

    public List<String> upsertKey() {
        return upsertKey;
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
        return new StreamSink(getCluster(), traitSet, sole(inputs), tableName, sink, upsertKey);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw)
                .item("table", tableName)
                .item("sink", sink.describe())
                .item("fields", String.join(", ", getRowType().getFieldNames()))
                .item("parallelism", parallelism())
                .item("changelogMode", changelogMode())
                .itemIf("upsertKey", String.join(", ", upsertKey), !upsertKey.isEmpty());
    }
}
