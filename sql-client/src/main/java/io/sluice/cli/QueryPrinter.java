package io.sluice.cli;

import io.sluice.executor.runtime.JobResult;
import io.sluice.executor.runtime.JobStatus;
import io.sluice.executor.types.RowSchema;
import io.sluice.server.ResultCollector;
import io.sluice.server.StatementResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Streams the rows of a SELECT as they arrive, as a boxed table with a leading {@code op} column
 * (like Flink's tableau mode), until the query ends or the caller asks to stop.
 */
final class QueryPrinter {
    private static final int ROWS_PER_WRITE = 512;

    private final CliOutput output;
    private final SqlValueFormat format;

    QueryPrinter(CliOutput output, SqlValueFormat format) {
        this.output = output;
        this.format = format;
    }

    /** How the query ended: its job's result (CANCELED when stopped), and the rows shown. */
    record Outcome(JobResult result, long rows) {
        boolean failed() {
            return result.status() == JobStatus.FAILED;
        }
    }

    Outcome print(StatementResult.Query query, BooleanSupplier stop) throws InterruptedException {
        ResultCollector result = query.result();
        RowSchema schema = result.schema();
        Tableau table = Tableau.fittingTypes(schema);
        output.out(List.of(table.border(), table.row(header(schema)), table.border()));
        long rows = 0;
        List<String> lines = new ArrayList<>();
        while (true) {
            ResultCollector.ResultRow row = result.poll(100, TimeUnit.MILLISECONDS);
            while (row != null) {
                lines.add(table.row(values(row, schema)));
                rows++;
                row = lines.size() < ROWS_PER_WRITE ? result.poll(0, TimeUnit.MILLISECONDS) : null;
            }
            if (!lines.isEmpty()) {
                output.out(lines);
                lines.clear();
                continue;
            }
            if (query.job().status().isTerminal()) {
                break;
            }
            if (stop.getAsBoolean()) {
                query.job().cancel();
                break;
            }
        }
        JobResult end = query.job().await();
        if (end.status() == JobStatus.FINISHED) {
            for (var row = result.poll(0, TimeUnit.MILLISECONDS); row != null; row = result.poll(0, TimeUnit.MILLISECONDS)) {
                lines.add(table.row(values(row, schema)));
                rows++;
            }
        }
        lines.add(table.border());
        lines.add("Received a total of " + rows + (rows == 1 ? " row" : " rows"));
        output.out(lines);
        return new Outcome(end, rows);
    }

    private static List<String> header(RowSchema schema) {
        List<String> names = new ArrayList<>();
        names.add(Tableau.OP_COLUMN);
        names.addAll(schema.names());
        return names;
    }

    private List<String> values(ResultCollector.ResultRow row, RowSchema schema) {
        List<String> values = new ArrayList<>(schema.size() + 1);
        values.add(row.kind().shortString());
        for (int i = 0; i < schema.size(); i++) {
            values.add(format.format(row.values()[i], schema.type(i)));
        }
        return values;
    }
}
