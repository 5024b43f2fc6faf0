package io.sluice.planner.physical;

import io.sluice.executor.graph.Partitioning;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

/** Redistributes rows between tasks: by key hash, or all to one task. A thread boundary. */
public final class StreamExchange extends SingleRel implements StreamRel {
    private final Partitioning partitioning;
    private final int parallelism;

    public StreamExchange(RelOptCluster cluster, RelTraitSet traits, RelNode input, Partitioning partitioning,
            int parallelism) {
        super(cluster, traits, input);
        this.partitioning = partitioning;
        this.parallelism = parallelism;
    }

    public Partitioning partitioning() {
        return partitioning;
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamExchange(getCluster(), traitSet, sole(inputs), partitioning, parallelism);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = input.getRowType().getFieldNames();
        String distribution = partitioning.kind() == Partitioning.Kind.HASH
                ? "hash[" + Arrays.stream(partitioning.keyFields()).mapToObj(names::get)
                        .collect(Collectors.joining(", ")) + "]"
                : partitioning.kind().name().toLowerCase();
        return super.explainTerms(pw).item("distribution", distribution).item("parallelism", parallelism)
                .item("changelogMode", changelogMode());
    }
}
