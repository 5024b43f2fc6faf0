package io.sluice.planner.physical;

import io.sluice.executor.connector.TableSource;
import io.sluice.planner.catalog.CatalogTable;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * Reads a catalog table: the connector's physical rows, extended by the computed columns, with
 * watermarks generated per split from the table's WATERMARK strategy.
 */
public final class StreamTableSourceScan extends AbstractRelNode implements StreamRel {
    private final CatalogTable table;
    private final TableSource source;
    private final RexProgram computedColumns;
    private final RexNode watermark;
    private final int parallelism;
    /** The columns the source decodes, when it was told a subset ({@link #projected}); null for all. */
    private final BitSet projection;

    public StreamTableSourceScan(RelOptCluster cluster, RelTraitSet traits, CatalogTable table, TableSource source,
            RexProgram computedColumns, RexNode watermark, RelDataType rowType, int parallelism) {
        this(cluster, traits, table, source, computedColumns, watermark, rowType, parallelism, null);
    }

    private StreamTableSourceScan(RelOptCluster cluster, RelTraitSet traits, CatalogTable table, TableSource source,
            RexProgram computedColumns, RexNode watermark, RelDataType rowType, int parallelism, BitSet projection) {
        super(cluster, traits);
        this.projection = projection;
        this.table = table;
        this.source = source;
        this.computedColumns = computedColumns;
        this.watermark = watermark;
        this.rowType = rowType;
        this.parallelism = parallelism;
    }

    public CatalogTable table() {
        return table;
    }

    public TableSource source() {
        return source;
    }

    /**
     * This scan with a source that decodes only the columns {@code used} downstream (and by the
     * watermark), leaving the others null; this scan when the source cannot, or every column is used.
     * Only for tables of physical columns, whose row is the source's row.
     */
    public StreamTableSourceScan projected(BitSet used) {
        BitSet needed = (BitSet) used.clone();
        if (watermark != null) {
            needed.or(RelOptUtil.InputFinder.bits(watermark).toBitSet());
        }
        if (computedColumns != null || projection != null || needed.cardinality() >= rowType.getFieldCount()) {
            return this;
        }
        TableSource projectedSource = source.projected(needed);
        return projectedSource == source ? this : new StreamTableSourceScan(getCluster(), getTraitSet(), table,
                projectedSource, null, watermark, rowType, parallelism, needed);
    }

    /** Physical row to full row, or null when the table has no computed columns. */
    public RexProgram computedColumns() {
        return computedColumns;
    }

    /** The watermark strategy over the full row, or null when the table has no event time. */
    public RexNode watermark() {
        return watermark;
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return this;
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw)
                .item("table", table.name())
                .item("source", source.describe())
                .item("fields", String.join(", ", rowType.getFieldNames()))
                .itemIf("computed", computedColumns == null ? "" : RexFormatter.projections(computedColumns),
                        computedColumns != null)
                .itemIf("watermark", table.watermark().map(w -> w.column() + " AS " + w.sql()).orElse(""),
                        watermark != null)
                .itemIf("projection", projection == null ? "" : projection.stream()
                        .mapToObj(rowType.getFieldNames()::get).collect(Collectors.joining(", ")), projection != null)
                .item("parallelism", parallelism)
                .item("changelogMode", changelogMode());
    }
}
