package io.sluice.planner;

import io.sluice.executor.connector.SourceContext;
import io.sluice.executor.connector.SourceOutput;
import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.connector.TableSource;
import io.sluice.planner.catalog.CatalogTable;
import io.sluice.planner.codegen.ExpressionCompiler;
import io.sluice.planner.physical.StreamTableSourceScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexProgramBuilder;

/** {@code VALUES (…), (…)}: a bounded source of constant rows, read by one task. */
final class ValuesSource implements TableSource {
    private final List<Object[]> rows;

    private ValuesSource(List<Object[]> rows) {
        this.rows = List.copyOf(rows);
    }

    static StreamTableSourceScan scan(LogicalValues values, ExpressionCompiler compiler, RelOptCluster cluster,
            RelTraitSet traits) {
        // literals become runtime values through the same compiled code as any expression
        List<Object[]> rows = new ArrayList<>();
        org.apache.calcite.rel.type.RelDataType empty = cluster.getTypeFactory().builder().build();
        for (List<RexLiteral> tuple : values.getTuples()) {
            RexProgramBuilder builder = new RexProgramBuilder(empty, cluster.getRexBuilder());
            for (int i = 0; i < tuple.size(); i++) {
                builder.addProject(tuple.get(i), values.getRowType().getFieldNames().get(i));
            }
            rows.add(compiler.compile(builder.getProgram()).apply(new Object[0]));
        }
        CatalogTable table = new CatalogTable("VALUES", List.of(), Optional.empty(), List.of(),
                Map.of("connector", "values"), Optional.empty(), "VALUES");
        return new StreamTableSourceScan(cluster, traits, table, new ValuesSource(rows), null, null,
                values.getRowType(), 1);
    }

    @Override
    public boolean isBounded() {
        return true;
    }

    @Override
    public SourceReader createReader(int subtaskIndex, int parallelism) {
        return new SourceReader() {
            private boolean done;

            @Override
            public void open(SourceContext context) {
            }

            @Override
            public ReadStatus pollNext(SourceOutput output) {
                if (!done && subtaskIndex == 0) {
                    SourceOutput.SplitOutput split = output.split("values");
                    rows.forEach(row -> split.collect(row.clone()));
                    split.finish();
                }
                done = true;
                return ReadStatus.END_OF_INPUT;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Every value of every row: two VALUES with as many rows of the same types are still told apart. */
    String rowsText() {
        return rows.stream().map(java.util.Arrays::deepToString).toList().toString();
    }

    @Override
    public String describe() {
        return "values[" + rows.size() + " rows]";
    }
}
