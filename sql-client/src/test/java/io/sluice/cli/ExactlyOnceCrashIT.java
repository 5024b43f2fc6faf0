package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/sluice -f} on a window-aggregation pipeline into the exactly-once filesystem sink,
 * kills it with SIGKILL at random moments and at each crash window of the checkpoint protocol,
 * starts it again with the same command each time, and checks that the committed output is, row
 * for row, what an uninterrupted run commits: nothing lost, nothing doubled.
 */
@Tag("integration")
class ExactlyOnceCrashIT {
    private static final int RANDOM_KILLS = 10;
    private static final List<String> CRASH_POINTS = List.of("before-metadata", "after-metadata",
            "before-sink-commit", "during-sink-commit", "after-sink-commit");

    @TempDir
    Path dir;

    private String pipeline(Path output, String backend) {
        return "SET 'parallelism.default' = '2';\n"
                + "SET 'execution.checkpointing.interval' = '200 ms';\n"
                + "SET 'state.backend' = '" + backend + "';\n"
                + "CREATE TABLE gen (id BIGINT, k AS MOD(id, 7), ts AS TO_TIMESTAMP_LTZ(id * 10, 3),\n"
                + "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"
                + "WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1',\n"
                + "      'fields.id.end' = '300000', 'rows-per-second' = '20000');\n"
                + "CREATE TABLE results (k BIGINT, window_start TIMESTAMP(3), cnt BIGINT, total BIGINT)\n"
                + "WITH ('connector' = 'filesystem', 'path' = '" + output + "', 'format' = 'csv');\n"
                + "INSERT INTO results\n"
                + "SELECT k, window_start, COUNT(*), SUM(id)\n"
                + "FROM TABLE(TUMBLE(TABLE gen, DESCRIPTOR(ts), INTERVAL '1' SECOND))\n"
                + "GROUP BY k, window_start, window_end;\n";
    }

    /**
     * Restarts alternate between the RocksDB and the heap backend, so both are crashed and each
     * restores the other's checkpoints.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killedAtRandomAndAtEveryCrashWindowTheOutputIsExactlyOnce() throws Exception {
        Random random = new Random(20261123);
        Path reference = dir.resolve("reference");
        Path referenceSql = write("reference.sql", pipeline(reference, "rocksdb"));
        assertThat(SluiceProcess.run(referenceSql, dir.resolve("reference-state"), Map.of(), -1).exitCode()).isZero();
        List<String> expected = committedRows(reference);
        // 300,000 ids, 10 ms apart: 3,000 one-second windows of 7 keys, and the last id alone
        assertThat(expected).hasSize(3000 * 7 + 1).doesNotHaveDuplicates();

        Path output = dir.resolve("output");
        Path state = dir.resolve("state");
        List<Path> sql = List.of(write("rocksdb.sql", pipeline(output, "rocksdb")),
                write("heap.sql", pipeline(output, "hashmap")));
        int kills = 0;
        List<String> log = new ArrayList<>();
        // the protocol's crash windows first, while plenty of input is left to reach them
        for (String point : CRASH_POINTS) {
            // a checkpoint this run will reach: two past the newest one on disk
            long checkpoint = SluiceProcess.newestCheckpoint(state) + 2;
            SluiceProcess.Result result = SluiceProcess.run(sql.get(kills % 2), state, Map.of("SLUICE_CRASH_AT", point + ":" + checkpoint), -1);
            log.add(point + " at checkpoint " + checkpoint + ": exit " + result.exitCode() + " " + result.firstJobLine());
            assertThat(result.exitCode()).as("the run crashing at %s (%s)", point, log).isEqualTo(137);
            kills++;
            assertCommittedSoFar(output, expected);
        }
        for (int i = 0; i < RANDOM_KILLS; i++) {
            SluiceProcess.Result result = SluiceProcess.run(sql.get(kills % 2), state, Map.of(), 700 + random.nextInt(1000));
            assertThat(result.killed()).as("run %s ended before it could be killed (%s)", i, log).isTrue();
            kills++;
            log.add("random kill " + i + ": " + result.firstJobLine());
            assertCommittedSoFar(output, expected);
        }
        SluiceProcess.Result last = SluiceProcess.run(sql.get(0), state, Map.of(), -1);
        assertThat(last.exitCode()).as("the final run (%s)", log).isZero();
        assertThat(kills).isGreaterThanOrEqualTo(RANDOM_KILLS);
        List<String> committed = committedRows(output);
        assertThat(committed).as("committed rows after %s kills (%s)", kills, log)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Whatever is visible now is part of the final result, and nothing in it is doubled. */
    private static void assertCommittedSoFar(Path output, List<String> expected) throws IOException {
        List<String> committed = committedRows(output);
        assertThat(committed).doesNotHaveDuplicates();
        assertThat(expected).containsAll(committed);
    }

    private static List<String> committedRows(Path output) throws IOException {
        List<String> rows = new ArrayList<>();
        if (!Files.isDirectory(output)) {
            return rows;
        }
        try (Stream<Path> files = Files.list(output)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                rows.addAll(Files.readAllLines(file));
            }
        }
        return rows;
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
