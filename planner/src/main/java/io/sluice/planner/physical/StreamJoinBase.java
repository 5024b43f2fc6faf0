package io.sluice.planner.physical;

import io.sluice.executor.join.JoinType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * What the stream joins share: a left and a right input (runtime inputs 0 and 1), equality keys
 * between them, and a residual condition over the joined row. Row: left columns, then right columns.
 */
public abstract class StreamJoinBase extends BiRel implements StreamRel {
    private final JoinType joinType;
    private final int[] leftKeys;
    private final int[] rightKeys;
    private final RexNode residual;
    private final int parallelism;

    /**
     * @param residual the condition beyond the key equalities, over {@link #joinedInputType()}; null if none
     */
    protected StreamJoinBase(RelOptCluster cluster, RelTraitSet traits, RelNode left, RelNode right,
            JoinType joinType, int[] leftKeys, int[] rightKeys, RexNode residual, RelDataType rowType,
            int parallelism) {
        super(cluster, traits, left, right);
        this.joinType = Objects.requireNonNull(joinType, "joinType is null");
        this.leftKeys = leftKeys.clone();
        this.rightKeys = rightKeys.clone();
        this.residual = residual;
        this.rowType = Objects.requireNonNull(rowType, "rowType is null");
        this.parallelism = parallelism;
    }

    public JoinType joinType() {
        return joinType;
    }

    public int[] leftKeys() {
        return leftKeys.clone();
    }

    public int[] rightKeys() {
        return rightKeys.clone();
    }

    /** The condition beyond the key equalities, or null. */
    public RexNode residual() {
        return residual;
    }

    /**
     * The row the residual is evaluated on: both inputs' columns as they are (the join's own row
     * type makes an outer side's columns nullable).
     */
    public RelDataType joinedInputType() {
        return SqlValidatorUtil.deriveJoinRowType(left.getRowType(), right.getRowType(), JoinRelType.INNER,
                getCluster().getTypeFactory(), null, List.of());
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    /** The inputs, the join type and the keys; subclasses add their own terms and end with {@link #explainEnd}. */
    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<String> names = joinedInputType().getFieldNames();
        int leftCount = left.getRowType().getFieldCount();
        List<String> equalities = new ArrayList<>();
        for (int i = 0; i < leftKeys.length; i++) {
            equalities.add(names.get(leftKeys[i]) + " = " + names.get(leftCount + rightKeys[i]));
        }
        return super.explainTerms(pw)
                .item("joinType", joinType)
                .itemIf("equalTo", String.join(", ", equalities), !equalities.isEmpty());
    }

    protected RelWriter explainEnd(RelWriter pw) {
        return pw.itemIf("where", residual == null ? "" : new RexFormatter(joinedInputType().getFieldNames())
                        .format(residual), residual != null)
                .item("parallelism", parallelism)
                .item("changelogMode", changelogMode());
    }
}
