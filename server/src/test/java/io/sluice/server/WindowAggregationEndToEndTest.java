package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SQL files over JSON files with out-of-order events produce exactly the rows an independent,
 * simple computation in this test expects — at parallelism 1 and 4.
 */
class WindowAggregationEndToEndTest {
    private static final int EVENTS = 3000;
    private static final int FILES = 3;
    private static final BidEvents EVENTS_DATA = BidEvents.generate(EVENTS, FILES, 42);

    @TempDir
    Path dir;

    private String setup(int parallelism) throws IOException {
        EVENTS_DATA.writeJson(dir.resolve("bids"), FILES);
        return "SET 'parallelism.default' = '" + parallelism + "';\n"
                + "-- bids, out of order by up to 2 seconds\n"
                + "CREATE TABLE bids (\n"
                + "  auction BIGINT, bidder BIGINT, price BIGINT, dateTime TIMESTAMP(3),\n"
                + "  WATERMARK FOR dateTime AS dateTime - INTERVAL '5' SECOND\n"
                + ") WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("bids") + "', 'format' = 'json');\n";
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void tumbleWindowsMatchReference(int parallelism) throws Exception {
        String sql = setup(parallelism)
                + "CREATE TABLE results (auction BIGINT, window_start TIMESTAMP(3), window_end TIMESTAMP(3),\n"
                + "  bids BIGINT, total BIGINT, highest BIGINT, lowest BIGINT, average BIGINT)\n"
                + "WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("out") + "', 'format' = 'json');\n"
                + "INSERT INTO results\n"
                + "SELECT auction, window_start, window_end, COUNT(*), SUM(price), MAX(price), MIN(price), AVG(price)\n"
                + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))\n"
                + "GROUP BY auction, window_start, window_end;\n";
        try (SqlTestRunner runner = new SqlTestRunner()) {
            runner.run(sql);
        }
        Map<String, List<Long>> expected = new TreeMap<>();
        for (BidEvents.Bid bid : EVENTS_DATA.bids()) {
            long start = Math.floorDiv(bid.time(), 10_000L) * 10_000L;
            // windows start at whole seconds: Flink's JSON format writes no fraction then
            String key = bid.auction() + "|" + BidEvents.format(start).replace(".000", "") + "|"
                    + BidEvents.format(start + 10_000).replace(".000", "");
            List<Long> acc = expected.computeIfAbsent(key, k -> new ArrayList<>(List.of(0L, 0L, Long.MIN_VALUE, Long.MAX_VALUE)));
            acc.set(0, acc.get(0) + 1);
            acc.set(1, acc.get(1) + bid.price());
            acc.set(2, Math.max(acc.get(2), bid.price()));
            acc.set(3, Math.min(acc.get(3), bid.price()));
        }
        List<String> expectedRows = new ArrayList<>();
        expected.forEach((key, acc) -> expectedRows.add(key + "|" + acc.get(0) + "|" + acc.get(1) + "|" + acc.get(2)
                + "|" + acc.get(3) + "|" + acc.get(1) / acc.get(0)));
        assertThat(readJsonRows(dir.resolve("out"), "auction", "window_start", "window_end", "bids", "total",
                "highest", "lowest", "average")).containsExactlyInAnyOrderElementsOf(expectedRows);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void hopWindowsWithDistinctAndFilterMatchReference(int parallelism) throws Exception {
        List<String> rows;
        try (SqlTestRunner runner = new SqlTestRunner()) {
            runner.run(setup(parallelism));
            rows = runner.query("SELECT auction, window_start, COUNT(DISTINCT bidder) AS bidders,\n"
                    + "  COUNT(*) FILTER (WHERE price > 500) AS expensive\n"
                    + "FROM TABLE(HOP(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '5' SECOND, INTERVAL '15' SECOND))\n"
                    + "WHERE auction <= 6\n"
                    + "GROUP BY auction, window_start, window_end");
        }
        Map<String, Set<Long>> bidders = new TreeMap<>();
        Map<String, Long> expensive = new TreeMap<>();
        for (BidEvents.Bid bid : EVENTS_DATA.bids()) {
            if (bid.auction() > 6) {
                continue;
            }
            // every window [s, s + 15 s) with s a multiple of 5 s that holds the time
            for (long start = Math.floorDiv(bid.time(), 5_000L) * 5_000L; start > bid.time() - 15_000; start -= 5_000) {
                String key = bid.auction() + ", " + start;
                bidders.computeIfAbsent(key, k -> new HashSet<>()).add(bid.bidder());
                expensive.merge(key, bid.price() > 500 ? 1L : 0L, Long::sum);
            }
        }
        List<String> expectedRows = new ArrayList<>();
        bidders.forEach((key, set) -> expectedRows.add("+I[" + key + ", " + set.size() + ", " + expensive.get(key) + "]"));
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expectedRows);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void cumulateWindowsMatchReference(int parallelism) throws Exception {
        List<String> rows;
        try (SqlTestRunner runner = new SqlTestRunner()) {
            runner.run(setup(parallelism));
            rows = runner.query("SELECT window_start, window_end, COUNT(*), SUM(price)\n"
                    + "FROM TABLE(CUMULATE(TABLE bids, DESCRIPTOR(dateTime), INTERVAL '5' SECOND, INTERVAL '20' SECOND))\n"
                    + "GROUP BY window_start, window_end");
        }
        Map<String, long[]> expected = new TreeMap<>();
        for (BidEvents.Bid bid : EVENTS_DATA.bids()) {
            long start = Math.floorDiv(bid.time(), 20_000L) * 20_000L;
            for (long end = start + 20_000; end > bid.time(); end -= 5_000) {
                long[] acc = expected.computeIfAbsent(start + ", " + end, k -> new long[2]);
                acc[0]++;
                acc[1] += bid.price();
            }
        }
        List<String> expectedRows = new ArrayList<>();
        expected.forEach((key, acc) -> expectedRows.add("+I[" + key + ", " + acc[0] + ", " + acc[1] + "]"));
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expectedRows);
    }

    /** Reads every visible part file of a filesystem sink directory as rows joined by '|'. */
    static List<String> readJsonRows(Path directory, String... fields) throws IOException {
        List<String> rows = new ArrayList<>();
        JsonFactory factory = new JsonFactory();
        for (String line : SqlTestRunner.committedLines(directory)) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> values = new TreeMap<>();
            try (JsonParser parser = factory.createParser(line)) {
                parser.nextToken();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    values.put(name, parser.getValueAsString());
                }
            }
            List<String> ordered = new ArrayList<>();
            for (String field : fields) {
                ordered.add(values.get(field));
            }
            rows.add(String.join("|", ordered));
        }
        return rows;
    }
}
