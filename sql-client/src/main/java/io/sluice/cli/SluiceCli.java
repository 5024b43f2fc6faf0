package io.sluice.cli;

import io.sluice.server.Session;
import io.sluice.server.SluiceEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

/**
 * The {@code sluice} command: runs a script ({@code -f FILE}, {@code -e SQL}) or the interactive
 * shell on an engine embedded in this process.
 *
 * <p>Exit codes: 0 success, 1 a statement or job failed, 2 bad command line, 130/143 stopped by
 * Ctrl-C/SIGTERM.
 */
public final class SluiceCli {
    private static final Set<String> LATER_COMMANDS = Set.of("server");

    private SluiceCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length > 0 && LATER_COMMANDS.contains(args[0])) {
            err.println("sluice " + args[0] + ": not available yet");
            return 2;
        }
        if (args.length > 0 && args[0].equals("kafka-broker")) {
            return KafkaBrokerCommand.run(args, out, err);
        }
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (CliOptions.UsageException e) {
            err.println("sluice: " + e.getMessage());
            err.println(CliOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(CliOptions.USAGE);
            return 0;
        }
        if (options.version()) {
            out.println("Sluice " + version());
            return 0;
        }
        String script = null;
        String source = null;
        if (options.file().isPresent()) {
            source = options.file().get();
            try {
                script = source.equals("-")
                        ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(source), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                err.println("[ERROR] " + source + ": no such file");
                return 1;
            } catch (IOException e) {
                err.println("[ERROR] " + source + ": cannot be read: " + ErrorMessages.causeChain(e));
                return 1;
            }
            source = source.equals("-") ? "<stdin>" : source;
        } else if (options.sql().isPresent()) {
            script = options.sql().get();
        }
        boolean onConsole = System.console() != null;
        boolean interactive = script == null && in == System.in && onConsole;
        CliOutput output = new CliOutput(out, err, onConsole && err == System.err);
        return runWithEngine(options, script, source, interactive, in, output);
    }

    private static int runWithEngine(CliOptions options, String script, String source, boolean interactive,
            InputStream in, CliOutput output) {
        SluiceEngine engine = new SluiceEngine();
        Thread closeOnExit = new Thread(engine::close, "sluice-shutdown");
        Runtime.getRuntime().addShutdownHook(closeOnExit);
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        if (!interactive) {
            // what connectors (the print sink) and the logger write goes where the client's output goes
            System.setOut(output.systemStream(false));
            System.setErr(output.systemStream(true));
        }
        try {
            if (script != null) {
                try (Interrupts interrupts = Interrupts.fromSignals()) {
                    return new ScriptRunner(session(engine, options), output, interrupts, options.verbose())
                            .run(script, source);
                }
            }
            Shell shell = new Shell(session(engine, options), output, options.verbose(), version());
            if (interactive) {
                return shell.runOnTerminal();
            }
            try (Interrupts interrupts = Interrupts.fromSignals()) {
                return shell.runOnInput(in, interrupts);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 128 + Interrupts.SIGINT;
        } catch (IOException | RuntimeException e) {
            output.err("[ERROR] " + ErrorMessages.causeChain(e)
                    + (options.verbose() ? "" : ErrorMessages.VERBOSE_HINT));
            if (options.verbose()) {
                output.stackTrace(e);
            }
            return 1;
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
            engine.close();
            try {
                Runtime.getRuntime().removeShutdownHook(closeOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = SluiceCli.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // no version to show
        }
        return properties.getProperty("version", "(unknown version)");
    }

    /** A session of the engine; {@code --state-dir} becomes its {@code state.dir}, so jobs checkpoint and resume there. */
    private static Session session(SluiceEngine engine, CliOptions options) {
        Session session = engine.openSession();
        options.stateDir().ifPresent(dir -> session.set("state.dir", Path.of(dir).toAbsolutePath().toString()));
        return session;
    }
}
