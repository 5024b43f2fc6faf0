package io.sluice.cli;

import java.util.Optional;

/**
 * The command line: {@code sluice [-f FILE | -e SQL] [--state-dir DIR] [-v] [-h] [--version]}.
 *
 * @param file the script to run ({@code -} for standard input), or empty
 * @param sql the statements to run, or empty
 * @param stateDir where state would be kept, or empty
 */
record CliOptions(Optional<String> file, Optional<String> sql, Optional<String> stateDir, boolean verbose,
        boolean help, boolean version) {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: sluice [options]",
            "  (no -f or -e)          start the interactive SQL shell",
            "  -f, --file FILE        run every statement of a SQL file ('-' reads standard input)",
            "  -e, --execute SQL      run the given statements",
            "      --state-dir DIR    keep checkpoints there; the same command run again resumes each job",
            "  -v, --verbose          print stack traces of internal errors",
            "  -h, --help             print this help",
            "      --version          print the version",
            "Reserved for later: sluice server, sluice kafka-broker");

    /** A command line that cannot be run; its message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static CliOptions parse(String[] args) throws UsageException {
        String file = null;
        String sql = null;
        String stateDir = null;
        boolean verbose = false;
        boolean help = false;
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String inlineValue = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                inlineValue = arg.substring(arg.indexOf('=') + 1);
                arg = arg.substring(0, arg.indexOf('='));
            }
            switch (arg) {
                case "-f", "--file" -> {
                    file = once(file, arg, inlineValue != null ? inlineValue : value(args, ++i, arg));
                }
                case "-e", "--execute" -> {
                    sql = once(sql, arg, inlineValue != null ? inlineValue : value(args, ++i, arg));
                }
                case "--state-dir" -> {
                    stateDir = once(stateDir, arg, inlineValue != null ? inlineValue : value(args, ++i, arg));
                }
                case "-v", "--verbose" -> verbose = true;
                case "-h", "--help" -> help = true;
                case "--version" -> version = true;
                default -> throw new UsageException(arg.startsWith("-")
                        ? "unknown option '" + arg + "'"
                        : "unexpected argument '" + arg + "'");
            }
        }
        if (file != null && sql != null) {
            throw new UsageException("-f and -e cannot be used together");
        }
        return new CliOptions(Optional.ofNullable(file), Optional.ofNullable(sql), Optional.ofNullable(stateDir),
                verbose, help, version);
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static String once(String previous, String option, String value) throws UsageException {
        if (previous != null) {
            throw new UsageException(option + " is given twice");
        }
        return value;
    }
}
