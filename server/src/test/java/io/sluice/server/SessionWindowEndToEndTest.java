package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SESSION window TVF end to end over two JSON files whose rows are out of order by less than the
 * watermark delay, so no row is late and the result is exact — at parallelism 1 and 4. The
 * expected sessions are worked out by hand below.
 */
class SessionWindowEndToEndTest {
    /** 2024-01-01 00:00:00 UTC, the time of second 0 of the data. */
    static final long START = 1_704_067_200_000L;

    @TempDir
    Path dir;

    /**
     * Bids at seconds after {@link #START}, in file order; gap 10 s, watermark 5 s behind:
     * <pre>
     * bidder 1: 0, 4 → [0, 14); 15 → [15, 25); 11 arrives after 15 and bridges them → [0, 25): 4 bids,
     *           prices 10+20+5+1 = 36. 33 → [33, 43): 1 bid, 2.
     * bidder 2: 2 → [2, 12): 1 bid, 7. 30, 35 → [30, 45): 2 bids, 3+4 = 7.
     * bidder 3: 1, 11 → [1, 11) and [11, 21) touch → [1, 21): 2 bids, 300. 40 → [40, 50); 36 arrives
     *           after 40 and extends it back → [36, 50): 2 bids, 50+60 = 110.
     * </pre>
     */
    static String createBids(Path dir, int parallelism) throws IOException {
        Path bids = dir.resolve("bids");
        Files.createDirectories(bids);
        Files.writeString(bids.resolve("part-1.json"), bid(1, 0, 10) + bid(2, 2, 7) + bid(1, 4, 20) + bid(1, 15, 5)
                + bid(1, 11, 1) + bid(2, 30, 3) + bid(1, 33, 2) + bid(2, 35, 4));
        Files.writeString(bids.resolve("part-2.json"), bid(3, 1, 100) + bid(3, 11, 200) + bid(3, 40, 50)
                + bid(3, 36, 60));
        return "SET 'parallelism.default' = '" + parallelism + "';\n"
                + "CREATE TABLE bids (\n"
                + "  bidder BIGINT, price BIGINT, dateTime TIMESTAMP(3),\n"
                + "  WATERMARK FOR dateTime AS dateTime - INTERVAL '5' SECOND\n"
                + ") WITH ('connector' = 'filesystem', 'path' = '" + bids + "', 'format' = 'json');\n";
    }

    private static String bid(long bidder, int second, long price) {
        return String.format("{\"bidder\": %d, \"price\": %d, \"dateTime\": \"2024-01-01 00:00:%02d\"}%n",
                bidder, price, second);
    }

    /** Epoch milliseconds of a second of the data. */
    static long at(int second) {
        return START + second * 1000L;
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void sessionsPerBidderMergeAcrossOutOfOrderRows(int parallelism) throws Exception {
        List<String> rows;
        try (SqlTestRunner runner = new SqlTestRunner()) {
            runner.run(createBids(dir, parallelism));
            rows = runner.query("SELECT bidder, window_start, window_end, window_time, COUNT(*), SUM(price)\n"
                    + "FROM TABLE(SESSION(TABLE bids PARTITION BY bidder, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))\n"
                    + "GROUP BY bidder, window_start, window_end, window_time");
        }
        assertThat(rows).containsExactlyInAnyOrder(
                session(1, 0, 25, 4, 36), session(1, 33, 43, 1, 2),
                session(2, 2, 12, 1, 7), session(2, 30, 45, 2, 7),
                session(3, 1, 21, 2, 300), session(3, 36, 50, 2, 110));
    }

    private static String session(long bidder, int start, int end, long count, long sum) {
        return "+I[" + bidder + ", " + at(start) + ", " + at(end) + ", " + (at(end) - 1) + ", " + count + ", " + sum + "]";
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void withoutPartitionBySessionsAreStillPerGroupKey(int parallelism) throws Exception {
        List<String> rows;
        try (SqlTestRunner runner = new SqlTestRunner()) {
            runner.run(createBids(dir, parallelism));
            rows = runner.query("SELECT bidder, window_start, window_end, window_time, COUNT(*), SUM(price)\n"
                    + "FROM TABLE(SESSION(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))\n"
                    + "WHERE bidder <> 2\n"
                    + "GROUP BY bidder, window_start, window_end, window_time");
        }
        assertThat(rows).containsExactlyInAnyOrder(
                session(1, 0, 25, 4, 36), session(1, 33, 43, 1, 2),
                session(3, 1, 21, 2, 300), session(3, 36, 50, 2, 110));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void oneSessionOverAllBiddersWithoutAKey(int parallelism) throws Exception {
        // all 12 bids by time: 0 1 2 4 11 11 15 | 30 33 35 36 40 — the only gap of 10 s or more is 15 → 30
        List<String> rows;
        try (SqlTestRunner runner = new SqlTestRunner()) {
            runner.run(createBids(dir, parallelism));
            rows = runner.query("SELECT window_start, window_end, COUNT(*), MAX(price)\n"
                    + "FROM TABLE(SESSION(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))\n"
                    + "GROUP BY window_start, window_end");
        }
        assertThat(rows).containsExactlyInAnyOrder(
                "+I[" + at(0) + ", " + at(25) + ", 7, 200]",
                "+I[" + at(30) + ", " + at(50) + ", 5, 60]");
    }
}
