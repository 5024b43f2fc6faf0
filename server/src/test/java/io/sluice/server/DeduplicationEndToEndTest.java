package io.sluice.server;

import static io.sluice.server.ChangelogReplay.at;
import static io.sluice.server.ChangelogReplay.replay;
import static io.sluice.server.ChangelogReplay.time;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ROW_NUMBER deduplication end to end over a small JSON file with out-of-order rows: the last row
 * per key (an updating result, Nexmark q18) and the first row per key (final inserts).
 */
class DeduplicationEndToEndTest {
    @TempDir
    Path dir;

    private String bids(int parallelism) throws Exception {
        ChangelogReplay.writeJson(dir.resolve("bids"),
                "{\"bidder\":1,\"auction\":1,\"price\":10,\"dateTime\":" + time(1) + "}",
                "{\"bidder\":1,\"auction\":1,\"price\":12,\"dateTime\":" + time(4) + "}",
                "{\"bidder\":2,\"auction\":1,\"price\":20,\"dateTime\":" + time(2) + "}",
                // earlier than the 12 of (1, 1): not its last row
                "{\"bidder\":1,\"auction\":1,\"price\":11,\"dateTime\":" + time(3) + "}",
                "{\"bidder\":2,\"auction\":2,\"price\":30,\"dateTime\":" + time(5) + "}",
                // earlier than the 20 of (2, 1), arriving after it: its first row
                "{\"bidder\":2,\"auction\":1,\"price\":21,\"dateTime\":" + time(0) + "}",
                "{\"bidder\":2,\"auction\":1,\"price\":25,\"dateTime\":" + time(6) + "}",
                "{\"bidder\":1,\"auction\":2,\"price\":40,\"dateTime\":" + time(7) + "}");
        return "SET 'parallelism.default' = '" + parallelism + "';\n"
                + "CREATE TABLE bid (bidder BIGINT, auction BIGINT, price BIGINT, dateTime TIMESTAMP(3),\n"
                + "  WATERMARK FOR dateTime AS dateTime - INTERVAL '10' SECOND)\n"
                + "WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("bids") + "', 'format' = 'json');\n";
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void nexmarkQ18KeepsTheLatestBidOfEachBidderAndAuction(int parallelism) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(bids(parallelism));
            List<String> changelog = sql.query("SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder, "
                    + "auction ORDER BY dateTime DESC) AS rank_number FROM bid) WHERE rank_number <= 1");
            assertThat(changelog).contains("-U[1, 1, 10, " + at(1) + ", 1]", "+U[1, 1, 12, " + at(4) + ", 1]");
            assertThat(replay(changelog)).containsExactly(
                    "[1, 1, 12, " + at(4) + ", 1]",
                    "[1, 2, 40, " + at(7) + ", 1]",
                    "[2, 1, 25, " + at(6) + ", 1]",
                    "[2, 2, 30, " + at(5) + ", 1]");
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void theFirstBidOfEachBidderAndAuctionIsEmittedOnceAndCanGoToAnAppendOnlySink(int parallelism) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run(bids(parallelism));
            String firstRows = "SELECT bidder, auction, price FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder, "
                    + "auction ORDER BY dateTime) AS rn FROM bid) WHERE rn = 1";
            assertThat(sql.query(firstRows)).containsExactlyInAnyOrder(
                    "+I[1, 1, 10]", "+I[2, 1, 21]", "+I[2, 2, 30]", "+I[1, 2, 40]");
            sql.run("CREATE TABLE firsts (bidder BIGINT, auction BIGINT, price BIGINT) WITH ('connector' = "
                    + "'filesystem', 'path' = '" + dir.resolve("out") + "', 'format' = 'json');\n"
                    + "INSERT INTO firsts " + firstRows);
            assertThat(SqlTestRunner.committedLines(dir.resolve("out"))).containsExactlyInAnyOrder(
                    "{\"bidder\":1,\"auction\":1,\"price\":10}", "{\"bidder\":2,\"auction\":1,\"price\":21}",
                    "{\"bidder\":2,\"auction\":2,\"price\":30}", "{\"bidder\":1,\"auction\":2,\"price\":40}");
        }
    }
}
