package io.sluice.benchmarks.nexmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

/**
 * Runs a Nexmark SQL file on Apache Flink in local mode (a MiniCluster in this process), the Flink
 * side of {@code benchmarks/scripts/nexmark.sh --flink}. Prints the same lines the Sluice CLI prints
 * and the runner reads: {@code Submitted job …}, then {@code [name] finished after 1.2 s}, or
 * {@code [ERROR] message} and exit code 1.
 *
 * <pre>FlinkNexmarkRunner [--parallelism P] [--checkpoint-interval '10 s'] FILE.sql</pre>
 */
public final class FlinkNexmarkRunner {
    private FlinkNexmarkRunner() {
    }

    public static void main(String[] args) throws Exception {
        int parallelism = 2;
        String checkpointInterval = null;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
                case "--checkpoint-interval" -> checkpointInterval = args[++i];
                default -> file = Path.of(args[i]);
            }
        }
        if (file == null) {
            System.err.println("Usage: FlinkNexmarkRunner [--parallelism P] [--checkpoint-interval I] FILE.sql");
            System.exit(2);
        }
        Configuration config = new Configuration();
        config.setString("parallelism.default", String.valueOf(parallelism));
        if (checkpointInterval != null) {
            config.setString("execution.checkpointing.interval", checkpointInterval);
        }
        TableEnvironment tableEnv = TableEnvironment.create(
                EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(config).build());
        try {
            for (String statement : statements(Files.readString(file))) {
                if (!statement.toUpperCase(Locale.ROOT).startsWith("INSERT")) {
                    tableEnv.executeSql(statement);
                    continue;
                }
                String name = "insert-into_" + statement.split("\\s+")[2];
                long start = System.nanoTime();
                TableResult result = tableEnv.executeSql(statement);
                System.err.println("[INFO] Submitted job '" + name + "'.");
                result.await();
                double seconds = (System.nanoTime() - start) / 1e9;
                System.err.printf(Locale.ROOT, "[%s] finished after %.1f s%n", name, seconds);
            }
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
            System.err.println("[ERROR] " + message + (root != e ? " (" + root + ")" : ""));
            System.exit(1);
        }
        System.exit(0);
    }

    /** The file's statements without comments; the Nexmark files have no ';' inside a statement. */
    private static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        for (String statement : script.replaceAll("(?m)--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }
}
