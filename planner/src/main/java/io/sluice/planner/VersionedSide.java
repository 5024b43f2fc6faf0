package io.sluice.planner;

import io.sluice.planner.catalog.CatalogTable;
import io.sluice.planner.physical.StreamCalc;
import io.sluice.planner.physical.StreamExchange;
import io.sluice.planner.physical.StreamRank;
import io.sluice.planner.physical.StreamRel;
import io.sluice.planner.physical.StreamTableSourceScan;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * The versioned side of a temporal join: its primary key (each row is the new version of its key)
 * and the event-time column a version starts at. Found by following the columns through
 * projections and filters down to a table with a PRIMARY KEY and a WATERMARK, or to a
 * deduplication keeping the latest row per key by event time (Flink's versioned view).
 */
record VersionedSide(int[] keyFields, int timeField) {
    private static final String WHAT_IS_VERSIONED = "The versioned side of a temporal join (FOR SYSTEM_TIME AS OF) "
            + "must be a table with a PRIMARY KEY and a WATERMARK, or a view keeping the latest row per key "
            + "(ROW_NUMBER() OVER (PARTITION BY key ORDER BY rowtime DESC) = 1)";

    VersionedSide {
        keyFields = keyFields.clone();
    }

    static VersionedSide of(StreamRel input) {
        return find(input).orElseThrow(() -> Unsupported.because(WHAT_IS_VERSIONED + whichIsNot(input)));
    }

    private static Optional<VersionedSide> find(RelNode node) {
        if (node instanceof StreamTableSourceScan scan) {
            CatalogTable table = scan.table();
            if (table.primaryKey().isEmpty() || table.watermark().isEmpty()) {
                return Optional.empty();
            }
            List<String> names = scan.getRowType().getFieldNames();
            int[] keys = table.primaryKey().stream().mapToInt(names::indexOf).toArray();
            return Optional.of(new VersionedSide(keys, names.indexOf(table.watermark().get().column())));
        }
        if (node instanceof StreamExchange exchange) {
            return find(exchange.getInput());
        }
        if (node instanceof StreamRank rank && rank.strategy() == StreamRank.Strategy.LAST_ROW) {
            return Optional.of(new VersionedSide(rank.keyFields(), rank.timeField()));
        }
        if (node instanceof StreamCalc calc) {
            return find(calc.getInput()).flatMap(input -> input.through(calc.program()));
        }
        return Optional.empty();
    }

    /** This side after a projection: only when the key and the time column pass through unchanged. */
    private Optional<VersionedSide> through(RexProgram program) {
        int[] keys = Arrays.stream(keyFields).map(field -> outputOf(program, field)).toArray();
        int time = outputOf(program, timeField);
        return time < 0 || Arrays.stream(keys).anyMatch(k -> k < 0) ? Optional.empty()
                : Optional.of(new VersionedSide(keys, time));
    }

    private static int outputOf(RexProgram program, int inputField) {
        List<RexNode> projects = program.getProjectList().stream().map(program::expandLocalRef).map(RexNode.class::cast)
                .toList();
        for (int i = 0; i < projects.size(); i++) {
            if (projects.get(i) instanceof RexInputRef ref && ref.getIndex() == inputField) {
                return i;
            }
        }
        return -1;
    }

    /** What the user can fix, when the versioned side is a table. */
    private static String whichIsNot(RelNode node) {
        while (!(node instanceof StreamTableSourceScan) && node.getInputs().size() == 1) {
            node = node.getInput(0);
        }
        if (!(node instanceof StreamTableSourceScan scan)) {
            return "";
        }
        CatalogTable table = scan.table();
        if (table.primaryKey().isEmpty()) {
            return ": table '" + table.name() + "' has no PRIMARY KEY";
        }
        if (table.watermark().isEmpty()) {
            return ": table '" + table.name() + "' has no WATERMARK";
        }
        return ": the query over table '" + table.name() + "' does not keep its primary key and its event-time "
                + "column as they are";
    }
}
