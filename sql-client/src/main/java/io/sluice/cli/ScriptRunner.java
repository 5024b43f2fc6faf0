package io.sluice.cli;

import io.sluice.server.Session;
import io.sluice.server.StatementResult;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlNode;

/**
 * Runs a script ({@code -f FILE} or {@code -e SQL}): parses all of it first, so that a syntax error
 * anywhere runs nothing; executes the statements in order, printing each result; then waits for
 * every job it started, reporting progress, and sums them up.
 *
 * <p>The first statement error stops the script and cancels the jobs it started. Exit codes: 0 when
 * everything finished, 1 after an error or a failed job, 130/143 when stopped by Ctrl-C/SIGTERM.
 */
final class ScriptRunner {
    private static final Duration CANCEL_PATIENCE = Duration.ofSeconds(10);
    private static final Pattern POSITION = Pattern.compile("line \\d+, column \\d+: ");

    private static final java.time.Duration SAVEPOINT_PATIENCE = java.time.Duration.ofSeconds(60);

    private final Session session;
    private final CliOutput output;
    private final Interrupts interrupts;
    private final boolean verbose;
    private final JobTracker jobs;
    private final ResultView view;
    private boolean multipleStatements;

    ScriptRunner(Session session, CliOutput output, Interrupts interrupts, boolean verbose) {
        this.session = session;
        this.output = output;
        this.interrupts = interrupts;
        this.verbose = verbose;
        this.jobs = new JobTracker(output::err, output::stackTrace, verbose, false);
        this.view = new ResultView(output, jobs);
    }

    /**
     * @param script the SQL text
     * @param source the file name that prefixes error messages, or null for {@code -e}
     */
    int run(String script, String source) throws InterruptedException {
        List<SqlNode> statements;
        try {
            statements = Session.parse(script);
        } catch (RuntimeException e) {
            reportStatementError(e, source, null);
            return 1;
        }
        multipleStatements = statements.size() > 1;
        boolean failed = false;
        try (ProgressReporter progress = new ProgressReporter(output, () -> jobs.running(false)).start()) {
            for (SqlNode statement : statements) {
                if (interrupts.requested()) {
                    break;
                }
                if (!execute(statement, source)) {
                    failed = true;
                    break;
                }
            }
            if (!failed && !interrupts.requested()) {
                jobs.awaitAll(interrupts::requested);
            }
        }
        boolean stoppedGracefully = false;
        if (failed) {
            int cancelled = jobs.cancelRunning(CANCEL_PATIENCE);
            if (cancelled > 0) {
                output.err("[INFO] Cancelled " + cancelled + (cancelled == 1 ? " running job." : " running jobs."));
            }
        } else if (interrupts.requested()) {
            // Ctrl-C / SIGTERM: checkpointing jobs stop with a savepoint, everything before it committed
            stoppedGracefully = jobs.stopRunning(SAVEPOINT_PATIENCE);
        }
        if (interrupts.requested()) {
            output.err("[INFO] Stopped.");
        }
        jobs.summary().forEach(output::err);
        if (interrupts.requested() && !failed) {
            return stoppedGracefully ? 0 : interrupts.exitCode();
        }
        return failed || jobs.anyFailed() ? 1 : 0;
    }

    /** Runs one statement and shows its result; false when it failed. */
    private boolean execute(SqlNode statement, String source) throws InterruptedException {
        StatementResult result;
        try {
            result = session.execute(statement);
        } catch (RuntimeException e) {
            reportStatementError(e, source, statement);
            return false;
        }
        return view.show(result, session, interrupts::requested);
    }

    /**
     * {@code [ERROR] file.sql: line 3, column 8: …}. An error without a position of its own says
     * which statement it came from.
     */
    private void reportStatementError(RuntimeException e, String source, SqlNode statement) {
        boolean internal = ErrorMessages.isInternal(e);
        String message = ErrorMessages.message(e);
        boolean positioned = POSITION.matcher(message).lookingAt();
        StringBuilder text = new StringBuilder("[ERROR] ");
        if (source != null) {
            text.append(source).append(": ");
        }
        text.append(message);
        if (!positioned && multipleStatements && statement != null
                && statement.getParserPosition().getLineNum() > 0) {
            text.append(" (in the statement at line ").append(statement.getParserPosition().getLineNum()).append(')');
        }
        if (internal && !verbose) {
            text.append(ErrorMessages.VERBOSE_HINT);
        }
        output.err(text.toString());
        if (internal && verbose) {
            output.stackTrace(e);
        }
    }
}
