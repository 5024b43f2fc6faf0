package io.sluice.planner.physical;

import io.sluice.executor.rank.RankRange;
import io.sluice.executor.rank.SortOrder;
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
 * A top-N per window ({@code PARTITION BY window_start, window_end[, keys]}) over the rows of a
 * window table function or window aggregate: each window's ranking is emitted once, as inserts,
 * when the watermark passes its end. Row: the input fields, then the rank number if used.
 */
public final class StreamWindowRank extends SingleRel implements StreamRel {
    private final int windowEndField;
    private final int[] keyFields;
    private final SortOrder order;
    private final String orderText;
    private final RankRange range;
    private final boolean outputRankNumber;

    public StreamWindowRank(RelOptCluster cluster, RelTraitSet traits, RelNode input, int windowEndField,
            int[] keyFields, SortOrder order, String orderText, RankRange range, boolean outputRankNumber,
            RelDataType rowType) {
        super(cluster, traits, input);
        this.windowEndField = windowEndField;
        this.keyFields = keyFields.clone();
        this.order = Objects.requireNonNull(order, "order is null");
        this.orderText = Objects.requireNonNull(orderText, "orderText is null");
        this.range = Objects.requireNonNull(range, "range is null");
        this.outputRankNumber = outputRankNumber;
        this.rowType = rowType;
    }

    public int windowEndField() {
        return windowEndField;
    }

    public int[] keyFields() {
        return keyFields.clone();
    }

    public SortOrder order() {
        return order;
    }

    public RankRange range() {
        return range;
    }

    public boolean outputRankNumber() {
        return outputRankNumber;
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
        return new StreamWindowRank(getCluster(), traitSet, sole(inputs), windowEndField, keyFields, order, orderText,
                range, outputRankNumber, rowType);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = input.getRowType().getFieldNames();
        return super.explainTerms(pw)
                .item("partitionBy", Arrays.stream(keyFields).mapToObj(names::get).collect(Collectors.joining(", ")))
                .item("orderBy", orderText)
                .item("rankRange", range)
                .item("rankNumber", outputRankNumber ? "selected" : "not selected")
                .item("emit", "when watermark passes " + names.get(windowEndField))
                .item("parallelism", parallelism())
                .item("changelogMode", changelogMode());
    }
}
