package io.sluice.server;

import static io.sluice.server.SessionWindowEndToEndTest.at;
import static io.sluice.server.SessionWindowEndToEndTest.createBids;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flink's group-window syntax ({@code GROUP BY TUMBLE/HOP/SESSION(…)} with {@code *_START},
 * {@code *_END}, {@code *_ROWTIME}) gives the same rows as the window table functions, and the
 * rows worked out by hand — over the bids of {@link SessionWindowEndToEndTest#createBids}, at
 * parallelism 1 and 4.
 */
class GroupWindowSyntaxEndToEndTest {
    @TempDir
    Path dir;

    private List<List<String>> queries(int parallelism, String... selects) throws Exception {
        try (SqlTestRunner runner = new SqlTestRunner()) {
            runner.run(createBids(dir, parallelism));
            List<List<String>> results = new java.util.ArrayList<>();
            for (String select : selects) {
                results.add(runner.query(select));
            }
            return results;
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void nexmarkQuery11InBothSyntaxes(int parallelism) throws Exception {
        List<List<String>> results = queries(parallelism,
                // Nexmark q11 as published, in the group-window syntax
                "SELECT B.bidder, count(*) as bid_count,\n"
                        + "  SESSION_START(B.dateTime, INTERVAL '10' SECOND) as starttime,\n"
                        + "  SESSION_END(B.dateTime, INTERVAL '10' SECOND) as endtime\n"
                        + "FROM bids B\n"
                        + "GROUP BY B.bidder, SESSION(B.dateTime, INTERVAL '10' SECOND)",
                // and with the SESSION window table function
                "SELECT B.bidder, count(*) as bid_count, window_start as starttime, window_end as endtime\n"
                        + "FROM TABLE(SESSION(TABLE bids PARTITION BY bidder, DESCRIPTOR(dateTime), INTERVAL '10' SECOND)) B\n"
                        + "GROUP BY B.bidder, window_start, window_end");
        List<String> expected = List.of(
                "+I[1, 4, " + at(0) + ", " + at(25) + "]", "+I[1, 1, " + at(33) + ", " + at(43) + "]",
                "+I[2, 1, " + at(2) + ", " + at(12) + "]", "+I[2, 2, " + at(30) + ", " + at(45) + "]",
                "+I[3, 2, " + at(1) + ", " + at(21) + "]", "+I[3, 2, " + at(36) + ", " + at(50) + "]");
        assertThat(results.get(0)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(results.get(1)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void tumbleInBothSyntaxes(int parallelism) throws Exception {
        List<List<String>> results = queries(parallelism,
                "SELECT MAX(price), TUMBLE_END(dateTime, INTERVAL '10' SECOND) FROM bids\n"
                        + "GROUP BY TUMBLE(dateTime, INTERVAL '10' SECOND)",
                "SELECT MAX(price), window_end\n"
                        + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))\n"
                        + "GROUP BY window_start, window_end");
        // [0,10): prices 10 20 7 100; [10,20): 5 1 200; [20,30): no bid; [30,40): 3 2 4 60; [40,50): 50
        List<String> expected = List.of("+I[100, " + at(10) + "]", "+I[200, " + at(20) + "]",
                "+I[60, " + at(40) + "]", "+I[50, " + at(50) + "]");
        assertThat(results.get(0)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(results.get(1)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void hopInBothSyntaxes(int parallelism) throws Exception {
        List<List<String>> results = queries(parallelism,
                "SELECT HOP_START(dateTime, INTERVAL '5' SECOND, INTERVAL '10' SECOND),\n"
                        + "  HOP_END(dateTime, INTERVAL '5' SECOND, INTERVAL '10' SECOND),\n"
                        + "  HOP_ROWTIME(dateTime, INTERVAL '5' SECOND, INTERVAL '10' SECOND), COUNT(*)\n"
                        + "FROM bids GROUP BY HOP(dateTime, INTERVAL '5' SECOND, INTERVAL '10' SECOND)",
                "SELECT window_start, window_end, window_time, COUNT(*)\n"
                        + "FROM TABLE(HOP(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '5' SECOND, INTERVAL '10' SECOND))\n"
                        + "GROUP BY window_start, window_end, window_time");
        // bids at 0 1 2 4 11 11 15 30 33 35 36 40, in windows [5k, 5k + 10)
        List<String> expected = List.of(hop(-5, 4), hop(0, 4), hop(5, 2), hop(10, 3), hop(15, 1), hop(25, 2),
                hop(30, 4), hop(35, 3), hop(40, 1));
        assertThat(results.get(0)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(results.get(1)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String hop(int start, long count) {
        return "+I[" + at(start) + ", " + at(start + 10) + ", " + (at(start + 10) - 1) + ", " + count + "]";
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void sessionRowtimeFeedsATumbleWindow(int parallelism) throws Exception {
        // the six sessions of SessionWindowEndToEndTest (12 bids) end within the first minute
        List<List<String>> results = queries(parallelism,
                "SELECT TUMBLE_START(rt, INTERVAL '1' MINUTE), COUNT(*), SUM(cnt), MAX(rt)\n"
                        + "FROM (SELECT bidder, COUNT(*) AS cnt, SESSION_ROWTIME(dateTime, INTERVAL '10' SECOND) AS rt\n"
                        + "      FROM bids GROUP BY bidder, SESSION(dateTime, INTERVAL '10' SECOND))\n"
                        + "GROUP BY TUMBLE(rt, INTERVAL '1' MINUTE)");
        assertThat(results.get(0)).containsExactly("+I[" + at(0) + ", 6, 12, " + (at(50) - 1) + "]");
    }
}
