package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SluiceCliTest {
    private static final String SEQUENCE = "CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', "
            + "'number-of-rows' = '3', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '3');\n";

    @TempDir
    Path dir;

    @Test
    void shouldReportSyntaxErrorWithFileLineAndColumnAndRunNothing() throws IOException {
        Path script = write("pipeline.sql", SEQUENCE
                + "CREATE TABLE sink (id BIGINT) WITH ('connector' = 'blackhole');\n"
                + "INSERT INTO sink SELECT id FROM gen WHERE;\n");

        CliRun run = CliRun.run("-f", script.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("[ERROR] " + script + ": line 3, column 42: ");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void shouldNameTableAndOptionOfABadOption() {
        CliRun run = CliRun.run("-e", "CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', "
                + "'number-of-rowz' = '3');");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("[ERROR] ").contains("Table 'gen'").contains("'number-of-rowz'");
    }

    @Test
    void shouldFailTheJobNamingFileAndLineOfAMalformedJsonRecord() throws IOException {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.writeString(input.resolve("data.json"), "{\"id\": 1}\n{\"id\": 2\n{\"id\": 3}\n");
        CliRun run = CliRun.run("-e", "CREATE TABLE src (id BIGINT) WITH ('connector' = 'filesystem', "
                + "'path' = '" + input + "', 'format' = 'json');\n"
                + "CREATE TABLE dst (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("out")
                + "', 'format' = 'json');\n"
                + "INSERT INTO dst SELECT id FROM src;");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("[INFO] Submitted job 'insert-into_dst'.");
        assertThat(run.err()).contains("[ERROR] Job 'insert-into_dst' failed: ")
                .contains(input.resolve("data.json") + " line 2");
        assertThat(run.err()).contains("[insert-into_dst] failed after ");
    }

    @Test
    void shouldStreamSelectAsBoxedTableWithOpColumn() {
        CliRun run = CliRun.run("-e", "SET 'parallelism.default' = '1';\n" + SEQUENCE
                + "SELECT id, CAST(id AS DECIMAL(5, 2)) AS amount, CAST(NULL AS STRING) AS note FROM gen;");

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).isEqualTo("""
                [INFO] Session property has been set.
                [INFO] Table 'gen' has been created.
                +----+----------------------+---------+--------------------------------+
                | op |                   id |  amount |                           note |
                +----+----------------------+---------+--------------------------------+
                | +I |                    1 |    1.00 |                         <NULL> |
                | +I |                    2 |    2.00 |                         <NULL> |
                | +I |                    3 |    3.00 |                         <NULL> |
                +----+----------------------+---------+--------------------------------+
                Received a total of 3 rows
                """);
        assertThat(run.err()).contains("[select] finished after ").contains("rows in 3, rows out 3");
    }

    @Test
    void shouldShowTimestampsWithTheirPrecisionAndLocalZonedOnesInTheSessionZone() {
        CliRun run = CliRun.run("-e", "SET 'parallelism.default' = '1';\n"
                + "SET 'table.local-time-zone' = 'Asia/Tokyo';\n" + SEQUENCE
                + "SELECT TO_TIMESTAMP_LTZ(id * 1000, 3) AS ltz, CAST(TIMESTAMP '2020-04-15 08:05:00' AS TIMESTAMP(0)) "
                + "AS ts0, DATE '2020-04-15' AS d, id = 1 AS first FROM gen WHERE id = 1;");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("| +I | 1970-01-01 09:00:01.000 | 2020-04-15 08:05:00 | 2020-04-15 |   TRUE |");
    }

    @Test
    void shouldRenderShowTablesAndDescribeAsTables() {
        CliRun run = CliRun.run("-e", "SHOW TABLES;\n"
                + "CREATE TABLE gen (id BIGINT NOT NULL, ts AS TO_TIMESTAMP_LTZ(id, 3), "
                + "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'datagen');\n"
                + "SHOW TABLES;\nDESCRIBE gen;");

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).isEqualTo("""
                Empty set
                [INFO] Table 'gen' has been created.
                +------------+
                | table name |
                +------------+
                |        gen |
                +------------+
                1 row in set
                +------+------------------+-------+-----+----------------------------+--------------------------+
                | name |             type |  null | key |                     extras |                watermark |
                +------+------------------+-------+-----+----------------------------+--------------------------+
                |   id |           BIGINT | FALSE |     |                            |                          |
                |   ts | TIMESTAMP_LTZ(3) |  TRUE |     | AS TO_TIMESTAMP_LTZ(id, 3) | ts - INTERVAL '1' SECOND |
                +------+------------------+-------+-----+----------------------------+--------------------------+
                2 rows in set
                """);
    }

    @Test
    void shouldRunInsertToTheEndAndSumItUp() throws IOException {
        Path out = dir.resolve("out");
        CliRun run = CliRun.run("-e", SEQUENCE
                + "CREATE TABLE dst (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + out
                + "', 'format' = 'json');\n"
                + "INSERT INTO dst SELECT id * 10 FROM gen;");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).endsWith("[INFO] Submitted job 'insert-into_dst'.\n");
        assertThat(run.err()).matches("(?s)\\[insert-into_dst\\] finished after \\d+\\.\\d s: rows in 3, rows out 3\n");
        assertThat(lines(out)).containsExactlyInAnyOrder("{\"id\":10}", "{\"id\":20}", "{\"id\":30}");
    }

    @Test
    void shouldWritePrintSinkRowsToStandardOutput() {
        CliRun run = CliRun.run("-e", "SET 'parallelism.default' = '1';\n" + SEQUENCE
                + "CREATE TABLE p (id BIGINT) WITH ('connector' = 'print');\n"
                + "INSERT INTO p SELECT id FROM gen;");

        assertThat(run.exitCode()).isEqualTo(0);
        // the job's rows may come before or after the "Submitted job" line, but each on a line of its own, in order
        assertThat(run.out().lines().filter(line -> line.startsWith("+I[")))
                .containsExactly("+I[1]", "+I[2]", "+I[3]");
    }

    @Test
    void shouldStopAtAStatementErrorAndCancelTheJobsItStarted() {
        CliRun run = CliRun.run("-e", "CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', "
                + "'rows-per-second' = '10');\n"
                + "CREATE TABLE sink (id BIGINT) WITH ('connector' = 'blackhole');\n"
                + "INSERT INTO sink SELECT id FROM gen;\n"
                + "INSERT INTO sink SELECT nope FROM gen;\n"
                + "SHOW TABLES;");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("[INFO] Submitted job 'insert-into_sink'.").doesNotContain("table name");
        assertThat(run.err()).contains("[ERROR] line 4, column 25: Column 'nope' not found in any table")
                .contains("[INFO] Cancelled 1 running job.")
                .contains("[insert-into_sink] cancelled after ");
    }

    @Test
    void shouldSayWhichStatementAnErrorWithoutPositionCameFrom() throws IOException {
        Path script = write("p.sql", SEQUENCE + "CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen');\n");

        CliRun run = CliRun.run("-f", script.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("[ERROR] " + script + ": ").contains("gen")
                .contains("(in the statement at line 2)");
    }

    @Test
    void shouldReportAMissingFile() {
        CliRun run = CliRun.run("-f", dir.resolve("missing.sql").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("[ERROR] " + dir.resolve("missing.sql") + ": no such file\n");
    }

    @Test
    void shouldPrintUsageAndExitWithTwoOnAnUnknownOption() {
        CliRun run = CliRun.run("--frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("sluice: unknown option '--frobnicate'\nUsage: sluice");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldSayThatLaterCommandsAreNotAvailableYet() {
        assertThat(CliRun.run("server").exitCode()).isEqualTo(2);
        assertThat(CliRun.run("server").err()).contains("not available yet");
    }

    @Test
    void kafkaBrokerRefusesABadCommandLineWithItsUsage() {
        CliRun run = CliRun.run("kafka-broker", "--port", "ninety");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--port must be a number, but is 'ninety'");
        assertThat(CliRun.run("kafka-broker", "--bogus").err()).contains("unknown option '--bogus'", "Usage: sluice kafka-broker");
    }

    @Test
    void shouldNotRunAgainAJobThatFinishedInTheSameStateDirectory() throws Exception {
        Path out = dir.resolve("out");
        String sql = "SET 'execution.checkpointing.interval' = '200 ms';\n"
                + "CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', "
                + "'fields.id.start' = '1', 'fields.id.end' = '50');\n"
                + "CREATE TABLE sink_files (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + out
                + "', 'format' = 'csv');\n"
                + "INSERT INTO sink_files SELECT id FROM gen;";
        Path state = dir.resolve("state");
        CliRun first = CliRun.run("--state-dir", state.toString(), "-e", sql);
        assertThat(first.exitCode()).as(first.err()).isEqualTo(0);
        assertThat(first.out()).contains("[INFO] Submitted job 'insert-into_sink_files'.");

        CliRun second = CliRun.run("--state-dir", state.toString(), "-e", sql);
        assertThat(second.exitCode()).as(second.err()).isEqualTo(0);
        assertThat(second.out()).contains("[INFO] Job 'insert-into_sink_files' already ran to its end with this "
                + "state directory; it is not run again.");
        long rows;
        try (var files = java.nio.file.Files.list(out)) {
            rows = files.filter(f -> !f.getFileName().toString().startsWith("."))
                    .mapToLong(f -> {
                        try {
                            return java.nio.file.Files.readAllLines(f).size();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).sum();
        }
        assertThat(rows).isEqualTo(50);
    }

    @Test
    void shouldPrintHelpAndVersion() {
        assertThat(CliRun.run("--help").out()).startsWith("Usage: sluice");
        assertThat(CliRun.run("--version").out()).matches("Sluice \\d+\\.\\d+\\.\\d+.*\n");
    }

    @Test
    void shouldRunStatementsPipedIntoTheShell() {
        CliRun run = CliRun.runWithInput("SHOW TABLES;\n" + SEQUENCE
                + "SHOW\n  TABLES; -- a comment; with a semicolon\nSELECT 'a;b' AS s FROM gen WHERE id = 2;\n");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).startsWith("Empty set\n[INFO] Table 'gen' has been created.\n")
                .contains("|        gen |")
                .contains("| +I |    a;b |");
    }

    @Test
    void shouldReportShellErrorsRelativeToTheStatementAndGoOn() {
        CliRun run = CliRun.runWithInput("SHOW TABLES;\nSELECT 1\n  FROM nowhere;\nSHOW TABLES;\n");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("[ERROR] line 2, column 8: Object 'nowhere' not found\n");
        assertThat(run.out()).isEqualTo("Empty set\nEmpty set\n");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static List<String> lines(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }
}
