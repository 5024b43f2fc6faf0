package io.sluice.connectors.nexmark;

import static io.sluice.connectors.ConnectorTestSupport.options;
import static io.sluice.connectors.ConnectorTestSupport.source;

import io.sluice.connectors.ConnectorTestSupport;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The three tables with their standard columns, as a benchmark's DDL declares them. */
final class NexmarkTestTables {
    /** One event per millisecond of event time, so {@code dateTime - BASE_TIME} is the event number. */
    static final String RATE = "1000";
    static final long BASE_TIME = 1_700_000_000_000L;

    private NexmarkTestTables() {
    }

    static RowSchema schema(String table) {
        RowSchema.Builder builder = RowSchema.builder();
        for (NexmarkTable.Column column : NexmarkTable.valueOf(table.toUpperCase()).columns()) {
            LogicalType type = column.type() == TypeRoot.VARCHAR ? LogicalType.string()
                    : column.type() == TypeRoot.TIMESTAMP ? LogicalType.of(TypeRoot.TIMESTAMP, 3)
                    : LogicalType.of(column.type());
            builder.field(column.name(), type);
        }
        return builder.build();
    }

    static Map<String, String> tableOptions(String table, long events, long seed) {
        return options("nexmark.table", table, "nexmark.events", String.valueOf(events), "nexmark.seed",
                String.valueOf(seed), "nexmark.rate", RATE, "nexmark.base-time", String.valueOf(BASE_TIME));
    }

    static TableSource nexmark(String table, long events, long seed) {
        return source("nexmark", table, schema(table), tableOptions(table, events, seed));
    }

    /** Every row of {@code table}, subtask after subtask. */
    static List<List<Object>> read(String table, long events, long seed, int parallelism) throws Exception {
        return ConnectorTestSupport.rows(ConnectorTestSupport.readAll(nexmark(table, events, seed), parallelism));
    }

    /** The global event number of a row read with {@link #RATE}. */
    static long eventNumber(List<Object> row, int dateTimeColumn) {
        return (Long) row.get(dateTimeColumn) - BASE_TIME;
    }

    static List<List<Object>> sortedByTime(List<List<Object>> rows, int dateTimeColumn) {
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> Long.compare((Long) a.get(dateTimeColumn), (Long) b.get(dateTimeColumn)));
        return sorted;
    }
}
