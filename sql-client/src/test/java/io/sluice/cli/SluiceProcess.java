package io.sluice.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs {@code bin/sluice} as a child process, as a user would, for the crash tests. */
final class SluiceProcess {
    static final Path HOME = Path.of(System.getProperty("sluice.home", "..")).toAbsolutePath().normalize();

    private SluiceProcess() {
    }

    /**
     * How a run ended.
     *
     * @param exitCode the process's exit code (137 after SIGKILL or an injected crash)
     * @param killed whether the test killed it
     * @param output what it printed
     */
    record Result(int exitCode, boolean killed, String output) {
        String firstJobLine() {
            return output.lines().filter(l -> l.contains("job")).findFirst().orElse("");
        }

        /** The last three lines of output, joined, for assertion messages. */
        String lastLines() {
            java.util.List<String> lines = output.lines().toList();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        }
    }

    /**
     * Runs {@code bin/sluice --state-dir state -f sql}; with {@code killAfterMillis} >= 0 it is killed
     * with SIGKILL then, if still running.
     */
    static Result run(Path sql, Path state, Map<String, String> environment, long killAfterMillis) throws Exception {
        Path log = Files.createTempFile(sql.getParent(), "run-", ".log");
        ProcessBuilder builder = new ProcessBuilder(HOME.resolve("bin/sluice").toString(), "--state-dir", state.toString(),
                "-f", sql.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean killed = false;
        if (killAfterMillis >= 0 && !process.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            killed = true;
        }
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bin/sluice did not end: " + Files.readString(log));
        }
        return new Result(process.exitValue(), killed, Files.readString(log));
    }

    /** The id of the newest checkpoint directory of any job in the state directory, 0 when there is none. */
    static long newestCheckpoint(Path state) throws IOException {
        Path jobs = state.resolve("jobs");
        if (!Files.isDirectory(jobs)) {
            return 0;
        }
        long newest = 0;
        try (Stream<Path> jobDirs = Files.list(jobs)) {
            for (Path job : jobDirs.toList()) {
                Path checkpoints = job.resolve("checkpoints");
                if (!Files.isDirectory(checkpoints)) {
                    continue;
                }
                try (Stream<Path> entries = Files.list(checkpoints)) {
                    newest = Math.max(newest, entries.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith("chk-"))
                            .mapToLong(n -> Long.parseLong(n.substring(4))).max().orElse(0));
                }
            }
        }
        return newest;
    }
}
