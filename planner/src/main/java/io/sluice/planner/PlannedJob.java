package io.sluice.planner;

import io.sluice.executor.graph.JobGraph;
import io.sluice.executor.types.RowSchema;
import java.util.Objects;

/**
 * A planned statement, ready to run.
 *
 * @param graph what the executor runs
 * @param explain the plan as EXPLAIN prints it
 * @param bounded true when every source ends, so the job ends by itself
 * @param resultSchema the columns of the result (the sink's or the query's)
 */
public record PlannedJob(JobGraph graph, String explain, boolean bounded, RowSchema resultSchema) {
    public PlannedJob {
        Objects.requireNonNull(graph, "graph is null");
        Objects.requireNonNull(explain, "explain is null");
        Objects.requireNonNull(resultSchema, "resultSchema is null");
    }
}
