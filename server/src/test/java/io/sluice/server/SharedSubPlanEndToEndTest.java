package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.checkpoint.FaultInjection;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.graph.JobEdge;
import io.sluice.executor.graph.JobGraph;
import io.sluice.executor.graph.JobVertex;
import io.sluice.executor.runtime.JobStatus;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jobs whose plans compute a sub-plan twice run it once and fan its rows out (SharedSubPlans): the
 * results are exactly those computed here directly, and those of the same job with reuse turned
 * off; a fan-out source and a fan-out aggregate checkpoint, fail, restart and restore from a
 * savepoint at another parallelism with exactly-once output; a savepoint of a build without reuse
 * restores only into the graph without reuse.
 */
class SharedSubPlanEndToEndTest {
    private static final int EVENTS = 3000;
    private static final int FILES = 3;
    private static final BidEvents BIDS = BidEvents.generate(EVENTS, FILES, 42);
    private static final int ROWS = 60_000;
    private static final String NO_REUSE = "SET 'table.optimizer.reuse-sub-plan-enabled' = 'false';\n";
    /** Nexmark q5 over the JSON bids: per HOP window the auctions with the most bids. */
    private static final String HOT_ITEMS = "SELECT c.auction, c.num, c.starttime FROM (\n"
            + "  SELECT auction, COUNT(*) AS num, window_start AS starttime, window_end AS endtime\n"
            + "  FROM TABLE(HOP(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))\n"
            + "  GROUP BY auction, window_start, window_end) AS c\n"
            + "JOIN (\n"
            + "  SELECT MAX(num) AS maxn, starttime, endtime FROM (\n"
            + "    SELECT COUNT(*) AS num, window_start AS starttime, window_end AS endtime\n"
            + "    FROM TABLE(HOP(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))\n"
            + "    GROUP BY auction, window_start, window_end)\n"
            + "  GROUP BY starttime, endtime) AS m\n"
            + "ON c.starttime = m.starttime AND c.endtime = m.endtime AND c.num >= m.maxn";

    @TempDir
    Path dir;

    @AfterEach
    void disarm() {
        FaultInjection.failOnceAfterRows(-1);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    @Timeout(120)
    void hotItemsComputedOnceMatchTheReferenceAndTheJobWithoutReuse(int parallelism) throws Exception {
        BIDS.writeJson(dir.resolve("bids"), FILES);
        String setup = "SET 'parallelism.default' = '" + parallelism + "';\n"
                + "CREATE TABLE bids (\n"
                + "  auction BIGINT, bidder BIGINT, price BIGINT, dateTime TIMESTAMP(3),\n"
                + "  WATERMARK FOR dateTime AS dateTime - INTERVAL '5' SECOND\n"
                + ") WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("bids") + "', 'format' = 'json');\n";
        List<String> expected = hotItemsReference();
        // about 150 windows, some with tied auctions
        assertThat(expected).hasSizeGreaterThan(150);

        Finished shared = runQuery(setup, HOT_ITEMS);
        assertThat(shared.graph().vertices()).hasSize(6);
        assertThat(sources(shared.graph())).hasSize(1);
        // the HOP counts feed both join sides' Calcs; the maximum per window (a window aggregate too) feeds the join
        assertThat(shared.graph().vertices()).filteredOn(v -> v.name().startsWith("WindowAggregate[HOP"))
                .singleElement().satisfies(v -> assertThat(shared.graph().outputsOf(v.id())).hasSize(2));
        assertThat(ChangelogReplay.replay(shared.changelog())).isEqualTo(expected);

        Finished copies = runQuery(setup + NO_REUSE, HOT_ITEMS);
        assertThat(sources(copies.graph())).hasSize(2);
        assertThat(ChangelogReplay.replay(copies.changelog())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} state")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    @Timeout(120)
    void statementSetWithASharedSourceAndAggregateRecoversWithExactlyTheExpectedOutput(String backend)
            throws Exception {
        FaultInjection.failOnceAfterRows(ROWS / 4);
        try (SqlTestRunner sql = new SqlTestRunner()) {
            List<StatementResult> results = sql.session().executeScript("SET 'parallelism.default' = '2';\n"
                    + "SET 'execution.checkpointing.interval' = '100 ms';\n"
                    + "SET 'restart-strategy.type' = 'fixed-delay';\n"
                    + "SET 'restart-strategy.fixed-delay.delay' = '100 ms';\n"
                    + "SET 'state.backend' = '" + backend + "';\n"
                    + tables(40_000) + statementSet());
            RunningJob job = ((StatementResult.JobStarted) results.get(results.size() - 1)).job();
            assertSharing(job.plan().graph());
            assertThat(job.await().status()).isEqualTo(JobStatus.FINISHED);
            assertThat(job.metrics().restarts().sum()).as("restarts").isEqualTo(1);
            assertThat(job.metrics().completedCheckpoints()).isGreaterThan(1);
            // one source vertex: every row is read once, plus what the restart reads again
            assertThat(job.metrics().rowsIn().sum()).as("rows read").isLessThan(ROWS * 3 / 2);
        }
        assertOutputs();
    }

    @ParameterizedTest(name = "{0} state")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    @Timeout(120)
    void savepointOfASharedSubPlanTakenAtParallelismTwoRestoresAtFour(String backend) throws Exception {
        String settings = "SET 'execution.checkpointing.interval' = '100 ms';\n"
                + "SET 'state.dir' = '" + dir.resolve("state") + "';\n"
                + "SET 'state.backend' = '" + backend + "';\n";
        try (SqlTestRunner sql = new SqlTestRunner()) {
            List<StatementResult> first = sql.session().executeScript("SET 'parallelism.default' = '2';\n"
                    + settings + tables(20_000) + statementSet());
            RunningJob job = ((StatementResult.JobStarted) first.get(first.size() - 1)).job();
            String savepoint = stopWithSavepointAfterThreeCheckpoints(sql, job);
            long rowsBeforeStop = job.metrics().rowsIn().sum();
            assertThat(rowsBeforeStop).as("stopped midway").isLessThan(ROWS);

            List<StatementResult> second = sql.session().executeScript("SET 'parallelism.default' = '4';\n"
                    + "SET 'execution.savepoint.path' = '" + savepoint + "';\n" + statementSet());
            RunningJob resumed = ((StatementResult.JobStarted) second.get(second.size() - 1)).job();
            assertSharing(resumed.plan().graph());
            assertThat(resumed.restoredCheckpoint()).isPresent();
            assertThat(resumed.await().status()).isEqualTo(JobStatus.FINISHED);
            assertThat(resumed.metrics().rowsIn().sum()).as("rows read after the savepoint")
                    .isLessThanOrEqualTo(ROWS - rowsBeforeStop + 10_000);
        }
        assertOutputs();
    }

    @Test
    @Timeout(120)
    void savepointOfABuildWithoutReuseRestoresOnlyIntoTheGraphWithoutReuse() throws Exception {
        String settings = "SET 'execution.checkpointing.interval' = '100 ms';\n"
                + "SET 'state.dir' = '" + dir.resolve("state") + "';\n" + NO_REUSE;
        try (SqlTestRunner sql = new SqlTestRunner()) {
            List<StatementResult> first = sql.session().executeScript("SET 'parallelism.default' = '2';\n"
                    + settings + tables(20_000) + statementSet());
            RunningJob job = ((StatementResult.JobStarted) first.get(first.size() - 1)).job();
            assertThat(sources(job.plan().graph())).hasSize(3);
            String savepoint = stopWithSavepointAfterThreeCheckpoints(sql, job);

            String resume = "SET 'execution.savepoint.path' = '" + savepoint + "';\n";
            assertThatThrownBy(() -> sql.session().executeScript(
                    "RESET 'table.optimizer.reuse-sub-plan-enabled';\n" + resume + statementSet()))
                    .isInstanceOf(SluiceException.class).hasMessageContaining("was taken from a different pipeline");
            List<StatementResult> second = sql.session().executeScript(NO_REUSE + resume + statementSet());
            RunningJob resumed = ((StatementResult.JobStarted) second.get(second.size() - 1)).job();
            assertThat(resumed.restoredCheckpoint()).isPresent();
            assertThat(resumed.await().status()).isEqualTo(JobStatus.FINISHED);
        }
        assertOutputs();
    }

    private record Finished(List<String> changelog, JobGraph graph) {
    }

    private static Finished runQuery(String setup, String select) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(setup);
            List<StatementResult> results = sql.session().executeScript(select);
            StatementResult.Query query = (StatementResult.Query) results.get(results.size() - 1);
            List<String> changelog = SqlTestRunner.drain(query);
            assertThat(query.job().await().status()).isEqualTo(JobStatus.FINISHED);
            return new Finished(changelog, query.job().plan().graph());
        }
    }

    /** Per HOP window (2 s slide, 10 s size): the auctions whose bid count is the window's highest. */
    private static List<String> hotItemsReference() {
        Map<Long, Map<Long, Long>> counts = new TreeMap<>();
        for (BidEvents.Bid bid : BIDS.bids()) {
            for (long start = Math.floorDiv(bid.time(), 2_000L) * 2_000L; start > bid.time() - 10_000; start -= 2_000) {
                counts.computeIfAbsent(start, s -> new HashMap<>()).merge(bid.auction(), 1L, Long::sum);
            }
        }
        List<String> rows = new ArrayList<>();
        counts.forEach((start, perAuction) -> {
            long max = perAuction.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            perAuction.forEach((auction, num) -> {
                if (num == max) {
                    rows.add("[" + auction + ", " + num + ", " + start + "]");
                }
            });
        });
        rows.sort(null);
        return rows;
    }

    private static List<JobVertex> sources(JobGraph graph) {
        return graph.vertices().stream().filter(v -> v.source().isPresent()).toList();
    }

    /**
     * gen: ids 1..ROWS, 10 ms apart. per_key: rows per key and second; totals: each second's count
     * beside its sum, both from one global window aggregate joined with itself.
     */
    private String tables(int rowsPerSecond) {
        return "CREATE TABLE gen (id BIGINT, k AS MOD(id, 7), ts AS TO_TIMESTAMP_LTZ(id * 10, 3),\n"
                + "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"
                + "WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1',\n"
                + "      'fields.id.end' = '" + ROWS + "', 'rows-per-second' = '" + rowsPerSecond + "');\n"
                + "CREATE TABLE per_key (k BIGINT, window_start TIMESTAMP(3), cnt BIGINT, total BIGINT)\n"
                + "WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("per_key") + "', 'format' = 'csv');\n"
                + "CREATE TABLE totals (window_start TIMESTAMP(3), cnt BIGINT, total BIGINT)\n"
                + "WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("totals") + "', 'format' = 'csv');\n"
                + "CREATE VIEW seconds AS SELECT window_start, window_end, COUNT(*) AS cnt, SUM(id) AS total\n"
                + "FROM TABLE(TUMBLE(TABLE gen, DESCRIPTOR(ts), INTERVAL '1' SECOND))\n"
                + "GROUP BY window_start, window_end;\n";
    }

    private static String statementSet() {
        return "EXECUTE STATEMENT SET BEGIN\n"
                + "INSERT INTO per_key SELECT k, window_start, COUNT(*), SUM(id)\n"
                + "FROM TABLE(TUMBLE(TABLE gen, DESCRIPTOR(ts), INTERVAL '1' SECOND))\n"
                + "GROUP BY k, window_start, window_end;\n"
                + "INSERT INTO totals SELECT a.window_start, a.cnt, b.total FROM seconds a JOIN seconds b\n"
                + "ON a.window_start = b.window_start AND a.window_end = b.window_end;\n"
                + "END;";
    }

    /** One source vertex for both INSERTs, and one aggregate vertex read by both sides of the self-join. */
    private static void assertSharing(JobGraph graph) {
        List<JobVertex> fanOut = graph.vertices().stream().filter(v -> graph.outputsOf(v.id()).size() > 1).toList();
        assertThat(fanOut).extracting(JobVertex::name)
                .containsExactly("Source: gen", "WindowAggregate[TUMBLE(size=1000ms)] -> Calc");
        List<JobEdge> joinSides = graph.outputsOf(fanOut.get(1).id());
        assertThat(joinSides).extracting(JobEdge::targetInput).containsExactly(0, 1);
        assertThat(graph.vertices().get(joinSides.get(0).target()).name()).startsWith("WindowJoin");
        assertThat(joinSides.get(1).target()).isEqualTo(joinSides.get(0).target());
    }

    private void assertOutputs() throws Exception {
        Map<String, long[]> perKey = new TreeMap<>();
        Map<Long, long[]> perSecond = new TreeMap<>();
        for (long id = 1; id <= ROWS; id++) {
            long start = id * 10 / 1000 * 1000;
            long[] key = perKey.computeIfAbsent(id % 7 + "," + start, k -> new long[2]);
            key[0]++;
            key[1] += id;
            long[] second = perSecond.computeIfAbsent(start, s -> new long[2]);
            second[0]++;
            second[1] += id;
        }
        List<String> expectedPerKey = new ArrayList<>();
        perKey.forEach((key, acc) -> expectedPerKey.add(key + "," + acc[0] + "," + acc[1]));
        List<String> expectedTotals = new ArrayList<>();
        perSecond.forEach((start, acc) -> expectedTotals.add(start + "," + acc[0] + "," + acc[1]));
        assertThat(committed(dir.resolve("per_key"), 1)).containsExactlyInAnyOrderElementsOf(expectedPerKey);
        assertThat(committed(dir.resolve("totals"), 0)).containsExactlyInAnyOrderElementsOf(expectedTotals);
    }

    /** The committed CSV rows, with the timestamp column as epoch millis. */
    private static List<String> committed(Path output, int timeColumn) throws Exception {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");
        List<String> rows = new ArrayList<>();
        for (String line : SqlTestRunner.committedLines(output)) {
            String[] fields = line.split(",");
            fields[timeColumn] = String.valueOf(LocalDateTime.parse(fields[timeColumn].replace("\"", ""), format)
                    .toInstant(ZoneOffset.UTC).toEpochMilli());
            rows.add(String.join(",", fields));
        }
        return rows;
    }

    /** Waits for three checkpoints, stops the job with a savepoint and returns the savepoint's path. */
    private static String stopWithSavepointAfterThreeCheckpoints(SqlTestRunner sql, RunningJob job) throws Exception {
        while (job.metrics().completedCheckpoints() < 3) {
            Thread.sleep(20);
        }
        String stopped = ((StatementResult.Message) sql.session()
                .executeScript("STOP JOB '" + job.name() + "' WITH SAVEPOINT").get(0)).text();
        assertThat(job.await().status()).isEqualTo(JobStatus.CANCELED);
        return stopped.substring(stopped.indexOf(" at ") + 4, stopped.indexOf(". To resume"));
    }
}
