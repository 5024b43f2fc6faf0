package io.sluice.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;

/**
 * Everything the client writes goes through here, so that lines of different threads never mix
 * and a progress report shown in place on a terminal is ended before other output.
 *
 * <p>On a terminal the progress report is rewritten in place ({@code \r}, cursor up, clear to end
 * of line); any other output first ends it with a newline, leaving the last report on screen.
 */
final class CliOutput {
    private static final String CLEAR_TO_END_OF_LINE = "\u001b[K";
    private static final String CLEAR_TO_END_OF_SCREEN = "\u001b[J";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean progressInPlace;
    private int progressLinesShown;

    CliOutput(PrintStream out, PrintStream err, boolean progressInPlace) {
        this.out = Objects.requireNonNull(out, "out is null");
        this.err = Objects.requireNonNull(err, "err is null");
        this.progressInPlace = progressInPlace;
    }

    boolean progressInPlace() {
        return progressInPlace;
    }

    synchronized void out(String text) {
        endProgress();
        out.println(text);
        out.flush();
    }

    synchronized void out(List<String> lines) {
        endProgress();
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append(System.lineSeparator()));
        out.print(text);
        out.flush();
    }

    synchronized void err(String text) {
        endProgress();
        err.println(text);
        err.flush();
    }

    synchronized void stackTrace(Throwable failure) {
        endProgress();
        failure.printStackTrace(err);
        err.flush();
    }

    /** Shows a progress report: in place on a terminal, else as plain lines. */
    synchronized void progress(List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        if (!progressInPlace) {
            lines.forEach(err::println);
            err.flush();
            return;
        }
        StringBuilder text = new StringBuilder("\r");
        if (progressLinesShown > 1) {
            text.append("\u001b[").append(progressLinesShown - 1).append('A');
        }
        for (int i = 0; i < lines.size(); i++) {
            text.append(i == 0 ? "" : "\n").append(lines.get(i)).append(CLEAR_TO_END_OF_LINE);
        }
        err.print(text.append(CLEAR_TO_END_OF_SCREEN));
        err.flush();
        progressLinesShown = lines.size();
    }

    /** Ends a progress report shown in place with a newline, so that it stays on screen. */
    synchronized void endProgress() {
        if (progressLinesShown > 0) {
            progressLinesShown = 0;
            err.println();
            err.flush();
        }
    }

    /**
     * A stream for {@link System#setOut}/{@link System#setErr}: what connectors (the print sink)
     * and the logger write takes the same way as the client's own output.
     */
    PrintStream systemStream(boolean standardError) {
        PrintStream target = standardError ? err : out;
        OutputStream guarded = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (CliOutput.this) {
                    endProgress();
                    target.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (CliOutput.this) {
                    endProgress();
                    target.write(bytes, offset, length);
                }
            }

            @Override
            public void flush() {
                target.flush();
            }
        };
        return new PrintStream(guarded, true, Charset.defaultCharset());
    }
}
