package io.sluice.server;

import io.sluice.executor.runtime.JobResult;
import io.sluice.executor.runtime.JobStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
        List<String> rows = drain(query);
        JobResult end = query.job().await();
        if (end.status() != JobStatus.FINISHED) {
            throw new AssertionError("query ended " + end.status(), end.failure().orElse(null));
        }
        return rows;
    }

    /** Every row a query delivers until its job has ended, as {@code +I[v1, v2]} strings; the job may fail. */
    static List<String> drain(StatementResult.Query query) throws InterruptedException {
        List<String> rows = new ArrayList<>();
        while (true) {
            ResultCollector.ResultRow row = query.result().poll(20, TimeUnit.MILLISECONDS);
            if (row != null) {
                rows.add(row.kind().shortString() + Arrays.toString(row.values()));
            } else if (query.job().status().isTerminal() && query.result().isDrained()) {
                return rows;
            }
        }
    }

    /** The lines of a filesystem sink's visible (committed) part files; in-progress files are hidden. */
    static List<String> committedLines(Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    @Override
    public void close() {
        engine.close();
    }
}
