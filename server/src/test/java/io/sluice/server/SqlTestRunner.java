package io.sluice.server;

import io.sluice.executor.runtime.JobResult;
import io.sluice.executor.runtime.JobStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs SQL scripts on a real embedded engine and collects what a bounded SELECT returns. */
final class SqlTestRunner implements AutoCloseable {
    private final SluiceEngine engine = new SluiceEngine();
    private final Session session = engine.openSession();

    Session session() {
        return session;
    }

    /** Runs every statement; waits for the INSERT jobs to end and fails if one failed. */
    List<StatementResult> run(String script) throws InterruptedException {
        List<StatementResult> results = session.executeScript(script);
        for (StatementResult result : results) {
            if (result instanceof StatementResult.JobStarted started) {
                JobResult end = started.job().await();
                if (end.status() != JobStatus.FINISHED) {
                    throw new AssertionError("job " + started.job().name() + " ended " + end.status(),
                            end.failure().orElse(null));
                }
            }
        }
        return results;
    }

    /** Runs a bounded SELECT and returns its rows as {@code +I[v1, v2]} strings, in arrival order. */
    List<String> query(String select) throws InterruptedException {
        List<StatementResult> results = session.executeScript(select);
        StatementResult.Query query = (StatementResult.Query) results.get(results.size() - 1);
        List<String> rows = new ArrayList<>();
        while (true) {
            ResultCollector.ResultRow row = query.result().poll(50, TimeUnit.MILLISECONDS);
            if (row != null) {
                rows.add(row.kind().shortString() + Arrays.toString(row.values()));
                continue;
            }
            if (query.job().status().isTerminal() && query.result().isDrained()) {
                break;
            }
        }
        JobResult end = query.job().await();
        if (end.status() != JobStatus.FINISHED) {
            throw new AssertionError("query ended " + end.status(), end.failure().orElse(null));
        }
        return rows;
    }

    @Override
    public void close() {
        engine.close();
    }
}
