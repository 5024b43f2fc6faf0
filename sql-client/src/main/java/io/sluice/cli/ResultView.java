package io.sluice.cli;

import io.sluice.planner.PlannerConfig;
import io.sluice.server.Session;
import io.sluice.server.StatementResult;
import java.util.function.BooleanSupplier;

/** Shows what a statement produced, the same way in the shell and the runner. */
final class ResultView {
    private final CliOutput output;
    private final JobTracker jobs;

    ResultView(CliOutput output, JobTracker jobs) {
        this.output = output;
        this.jobs = jobs;
    }

    /**
     * Shows the result; a query's rows are streamed until it ends or {@code stop} says so.
     *
     * @return false when the statement was a query that failed (the failure is reported)
     */
    boolean show(StatementResult result, Session session, BooleanSupplier stop) throws InterruptedException {
        if (result instanceof StatementResult.Message message) {
            output.out(message.text());
        } else if (result instanceof StatementResult.Table table) {
            output.out(Tableau.render(table.columns(), table.rows()));
        } else if (result instanceof StatementResult.Explain explain) {
            output.out(explain.plan());
        } else if (result instanceof StatementResult.JobStarted started) {
            jobs.track(started.job(), false);
            output.out(started.job().restoredCheckpoint()
                    .map(id -> "[INFO] Resumed job '" + started.job().name() + "' from checkpoint " + id + ".")
                    .orElse("[INFO] Submitted job '" + started.job().name() + "'."));
        } else if (result instanceof StatementResult.Query query) {
            jobs.track(query.job(), true);
            SqlValueFormat format = new SqlValueFormat(PlannerConfig.from(session.settings()).timeZone());
            QueryPrinter.Outcome outcome = new QueryPrinter(output, format).print(query, stop);
            if (outcome.failed()) {
                jobs.reportFailure(query.job(), outcome.result().failure().orElse(null));
                return false;
            }
        }
        return true;
    }
}
