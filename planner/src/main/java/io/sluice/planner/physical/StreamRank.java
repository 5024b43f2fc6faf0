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
 * {@code ROW_NUMBER() OVER (PARTITION BY … ORDER BY …)} filtered to a range of ranks, over a stream
 * hashed by the partition keys. Row: the input fields, then the rank number if the query uses it.
 * How it runs depends on the {@link Strategy}.
 */
public final class StreamRank extends SingleRel implements StreamRel {
    /** How the ranking runs. */
    public enum Strategy {
        /** Keeps each partition's top rows and emits the changes of the range: an updating result. */
        TOP_N,
        /** The earliest row by event time, emitted when the watermark passes it: insert-only. */
        FIRST_ROW,
        /** The latest row by event time, replaced by later rows: an updating result. */
        LAST_ROW
    }

    private final Strategy strategy;
    private final int[] keyFields;
    private final SortOrder order;
    private final String orderText;
    private final int timeField;
    private final RankRange range;
    private final boolean outputRankNumber;

    /** @param timeField the rowtime field deduplications order by; -1 for {@link Strategy#TOP_N} */
    public StreamRank(RelOptCluster cluster, RelTraitSet traits, RelNode input, Strategy strategy, int[] keyFields,
            SortOrder order, String orderText, int timeField, RankRange range, boolean outputRankNumber,
            RelDataType rowType) {
        super(cluster, traits, input);
        this.strategy = Objects.requireNonNull(strategy, "strategy is null");
        this.keyFields = keyFields.clone();
        this.order = Objects.requireNonNull(order, "order is null");
        this.orderText = Objects.requireNonNull(orderText, "orderText is null");
        this.timeField = timeField;
        this.range = Objects.requireNonNull(range, "range is null");
        this.outputRankNumber = outputRankNumber;
        this.rowType = rowType;
    }

    public Strategy strategy() {
        return strategy;
    }

    public int[] keyFields() {
        return keyFields.clone();
    }

    public SortOrder order() {
        return order;
    }

    public int timeField() {
        return timeField;
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
        return strategy == Strategy.FIRST_ROW ? ChangelogMode.INSERT_ONLY : ChangelogMode.RETRACT;
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StreamRank(getCluster(), traitSet, sole(inputs), strategy, keyFields, order, orderText, timeField,
                range, outputRankNumber, rowType);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = input.getRowType().getFieldNames();
        return super.explainTerms(pw)
                .item("strategy", strategy)
                .itemIf("partitionBy", Arrays.stream(keyFields).mapToObj(names::get).collect(Collectors.joining(", ")),
                        keyFields.length > 0)
                .item("orderBy", orderText)
                .item("rankRange", range)
                .item("rankNumber", outputRankNumber ? "selected" : "not selected")
                .item("parallelism", parallelism())
                .item("changelogMode", changelogMode());
    }
}
