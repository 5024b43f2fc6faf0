package io.sluice.cli;

import io.sluice.server.Session;
import io.sluice.server.StatementResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.calcite.sql.SqlNode;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive SQL shell: reads statements ended by {@code ;} (several lines each if need be),
 * runs each on the session and shows its result. A SELECT streams its rows until it ends or Ctrl-C
 * cancels it; an INSERT runs in the background. Errors are reported and the shell goes on.
 *
 * <p>On a terminal it edits lines with JLine (history in {@code ~/.sluice_history}); otherwise it
 * reads statements from its input as they come, without prompts, so {@code echo "…" | sluice} works.
 */
final class Shell {
    static final String PROMPT = "Sluice SQL> ";
    static final String CONTINUATION_PROMPT = "       > ";
    static final String HISTORY_FILE = ".sluice_history";

    private static final String HELP = String.join(System.lineSeparator(),
            "Statements end with ';' and may span lines. The dialect is Flink SQL:",
            "  CREATE TABLE t (...) WITH ('connector' = '...', ...)    declare a source or a sink",
            "  CREATE VIEW v AS SELECT ...                             name a query",
            "  DROP TABLE [IF EXISTS] t; DROP VIEW [IF EXISTS] v;",
            "  SHOW TABLES; SHOW VIEWS; SHOW FUNCTIONS; SHOW JOBS; SHOW CREATE TABLE t;",
            "  DESCRIBE t;                                             columns, key, watermark",
            "  SELECT ...;                                             show rows as they come (Ctrl-C stops)",
            "  INSERT INTO sink SELECT ...;                            start a job in the background",
            "  EXECUTE STATEMENT SET BEGIN INSERT ...; ... END;        several INSERTs as one job",
            "  EXPLAIN statement;                                      show the plan",
            "  SET 'key' = 'value'; SET; RESET ['key'];                session settings",
            "  STOP JOB 'name';                                        cancel a job",
            "  help;  quit; (or exit; or Ctrl-D)");

    private final Session session;
    private final CliOutput output;
    private final boolean verbose;
    private final String version;
    private JobTracker jobs;
    private ResultView view;
    private boolean anyError;
    private volatile boolean showingResult;

    Shell(Session session, CliOutput output, boolean verbose, String version) {
        this.session = session;
        this.output = output;
        this.verbose = verbose;
        this.version = version;
    }

    /** The shell on the process's terminal, with line editing and history. */
    int runOnTerminal() throws IOException, InterruptedException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("sluice")
                    .parser(new SqlLineParser())
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), HISTORY_FILE))
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION_PROMPT)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.INSERT_BRACKET, false)
                    .build();
            Interrupts interrupts = Interrupts.detached();
            terminal.handle(Terminal.Signal.INT, signal -> interrupts.fire(Interrupts.SIGINT));
            // rows of print sinks and log lines go above the prompt instead of through it
            PrintStream systemOut = System.out;
            PrintStream systemErr = System.err;
            System.setOut(lineForwarding(reader::printAbove));
            System.setErr(lineForwarding(reader::printAbove));
            try {
                start(reader::printAbove);
                output.out("Welcome to Sluice " + version + ". Statements end with ';'. Type 'help;' for help, "
                        + "'quit;' to leave.");
                while (true) {
                    String text;
                    try {
                        text = reader.readLine(PROMPT);
                    } catch (UserInterruptException e) {
                        continue;
                    } catch (EndOfFileException e) {
                        break;
                    }
                    if (!runAll(StatementSplitter.split(text), interrupts)) {
                        break;
                    }
                }
            } finally {
                System.setOut(systemOut);
                System.setErr(systemErr);
            }
            leave();
            return 0;
        }
    }

    /** The shell on piped input: statements run as they complete; exit code 1 if any failed. */
    int runOnInput(InputStream in, Interrupts interrupts) throws IOException, InterruptedException {
        start(output::err);
        interrupts.onInterrupt(() -> {
            if (!showingResult) {
                // blocked reading the input: nothing else will notice, so stop here
                jobs.running(true).forEach(io.sluice.server.RunningJob::cancel);
                output.err("[INFO] Stopped.");
                Runtime.getRuntime().exit(interrupts.exitCode());
            }
        });
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()));
        StringBuilder pending = new StringBuilder();
        boolean quit = false;
        for (String line = lines.readLine(); line != null && !quit; line = lines.readLine()) {
            pending.append(line).append('\n');
            StatementSplitter.Split split = StatementSplitter.split(pending.toString());
            pending.setLength(0);
            pending.append(split.remainder());
            quit = !runAll(split, interrupts);
        }
        if (!quit && !StatementSplitter.split(pending.toString()).isComplete()) {
            // the input ended without a final ';': run what is there, the parser judges it
            runStatement(pending.toString().strip(), interrupts);
        }
        leave();
        return anyError ? 1 : 0;
    }

    private void start(Consumer<String> asyncMessages) {
        jobs = new JobTracker(asyncMessages, output::stackTrace, verbose, true);
        view = new ResultView(output, jobs);
    }

    /** Runs the complete statements of the split; false when one of them asked to quit. */
    private boolean runAll(StatementSplitter.Split split, Interrupts interrupts) throws InterruptedException {
        for (String statement : split.statements()) {
            if (!runStatement(statement, interrupts)) {
                return false;
            }
        }
        return true;
    }

    /** Runs one statement as typed; false when it was quit or exit. */
    boolean runStatement(String text, Interrupts interrupts) throws InterruptedException {
        String command = text.replaceAll(";\\s*$", "").strip().toLowerCase(Locale.ROOT);
        switch (command) {
            case "" -> {
                return true;
            }
            case "quit", "exit" -> {
                return false;
            }
            case "help", "?" -> {
                output.out(HELP);
                return true;
            }
            default -> {
            }
        }
        try {
            List<SqlNode> statements = Session.parse(text);
            for (SqlNode statement : statements) {
                StatementResult result = session.execute(statement);
                interrupts.clear();
                showingResult = true;
                try {
                    if (!view.show(result, session, interrupts::requested)) {
                        anyError = true;
                    }
                } finally {
                    showingResult = false;
                    interrupts.clear();
                }
            }
        } catch (RuntimeException e) {
            anyError = true;
            boolean internal = ErrorMessages.isInternal(e);
            output.err("[ERROR] " + ErrorMessages.message(e) + (internal && !verbose ? ErrorMessages.VERBOSE_HINT : ""));
            if (internal && verbose) {
                output.stackTrace(e);
            }
        }
        return true;
    }

    private void leave() throws InterruptedException {
        int cancelled = jobs.cancelRunning(java.time.Duration.ofSeconds(5));
        if (cancelled > 0) {
            output.err("[INFO] Cancelled " + cancelled + (cancelled == 1 ? " running job." : " running jobs."));
        }
    }

    /** A stream that hands each complete line to {@code lines}. */
    private static PrintStream lineForwarding(Consumer<String> lines) {
        return new PrintStream(new LineForwardingStream(lines), true, Charset.defaultCharset());
    }
}
