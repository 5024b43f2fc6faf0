package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Nexmark queries of the updating-results issue, written in Flink SQL as the Nexmark suite has
 * them, run by {@code bin/sluice -f} over a small hand-made auction (4 people, 4 auctions, 18 bids,
 * times in seconds after 2026-01-01 00:00) at parallelism 1 and 4. Every query writes to a
 * {@code print} table; the test replays each table's changelog (+I/+U add a row, -U/-D take one
 * back) and compares the final rows with the result worked out by hand below each query.
 */
@Tag("integration")
class NexmarkQueriesIT {
    /** A line the print connector writes: {@code q3> +I[...]}, or {@code q3:2> ...} at parallelism > 1. */
    private static final Pattern PRINTED = Pattern.compile("^(q\\d+)(?::\\d+)?> ([+-][IUD])\\[(.*)]$");

    private static final String PEOPLE = """
            1000 alice Portland OR 0
            1001 bob Boise ID 1
            1002 carol Austin TX 12
            1003 dave Fresno CA 22
            """;
    /** id, item, start, expires, seller, category. */
    private static final String AUCTIONS = """
            2000 lamp 2 60 1000 10
            2001 vase 3 60 1001 11
            2002 book 14 60 1002 10
            2003 desk 15 25 1003 10
            """;
    /** auction, bidder, price, time; bidder 1004 then bids 10..17 on auction 2000 at 40..47 s. */
    private static final String BIDS = """
            2000 1001 100 4
            2000 1002 150 5
            2001 1000 80 6
            2000 1001 120 7
            2001 1003 90 16
            2002 1001 60 12
            2003 1000 300 18
            2000 1003 200 21
            2003 1002 310 30
            2002 1001 70 33
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void theQueriesEndInTheirHandCheckedResults(int parallelism) throws Exception {
        writeInputs();
        Path sql = dir.resolve("nexmark.sql");
        Files.writeString(sql, "SET 'parallelism.default' = '" + parallelism + "';\n" + tables() + QUERIES);

        SluiceProcess.Result run = SluiceProcess.run(sql, dir.resolve("state"), Map.of(), -1);

        assertThat(run.exitCode()).as(run.output()).isZero();
        Map<String, List<String>> results = finalRows(run.output());
        // auctions of category 10 by sellers in OR, ID or CA
        assertThat(results.get("q3")).as("q3").containsExactlyInAnyOrder(
                "alice, Portland, OR, 2000", "dave, Fresno, CA, 2003");
        // highest bid of each auction while it ran (2003's 310 came after it expired), averaged by category
        assertThat(results.get("q4")).as("q4").containsExactlyInAnyOrder("10, 190", "11, 90");
        // the auctions with the most bids in each 10 s window sliding by 2 s
        assertThat(results.get("q5")).as("q5").containsExactlyInAnyOrderElementsOf(q5());
        // the highest bid of each 10 s window
        assertThat(results.get("q7")).as("q7").containsExactlyInAnyOrder(
                "2000, 150, 1002, " + at(5), "2003, 300, 1000, " + at(18), "2000, 200, 1003, " + at(21),
                "2003, 310, 1002, " + at(30), "2000, 17, 1004, " + at(47));
        // people who opened an auction in the 10 s window they joined in (dave joined after his auction)
        assertThat(results.get("q8")).as("q8").containsExactlyInAnyOrder(
                "1000, alice, " + at(0), "1001, bob, " + at(0), "1002, carol, " + at(10));
        // the winning bid of each auction: highest while it ran, the earlier one on a tie
        assertThat(results.get("q9")).as("q9").containsExactlyInAnyOrder(
                "2000, lamp, 1003, 200, " + at(21), "2001, vase, 1003, 90, " + at(16),
                "2002, book, 1001, 70, " + at(33), "2003, desk, 1000, 300, " + at(18));
        // each bidder's sessions: bids less than 10 s apart, ending 10 s after the last
        assertThat(results.get("q11")).as("q11").containsExactlyInAnyOrder(
                session(1000, 1, 6, 16), session(1000, 1, 18, 28), session(1001, 3, 4, 22), session(1001, 1, 33, 43),
                session(1002, 1, 5, 15), session(1002, 1, 30, 40), session(1003, 2, 16, 31), session(1004, 8, 40, 57));
        // the last bid of each bidder on each auction
        assertThat(results.get("q18")).as("q18").containsExactlyInAnyOrder(
                "2000, 1001, 120, " + at(7), "2000, 1002, 150, " + at(5), "2000, 1003, 200, " + at(21),
                "2000, 1004, 17, " + at(47), "2001, 1000, 80, " + at(6), "2001, 1003, 90, " + at(16),
                "2002, 1001, 70, " + at(33), "2003, 1000, 300, " + at(18), "2003, 1002, 310, " + at(30));
        // the ten highest bids of each auction with their rank: 2000's two lowest (10 and 11) fall out
        List<String> q19 = new ArrayList<>(List.of(
                "2000, 1003, 200, 1", "2000, 1002, 150, 2", "2000, 1001, 120, 3", "2000, 1001, 100, 4",
                "2001, 1003, 90, 1", "2001, 1000, 80, 2", "2002, 1001, 70, 1", "2002, 1001, 60, 2",
                "2003, 1002, 310, 1", "2003, 1000, 300, 2"));
        for (int price = 17; price >= 12; price--) {
            q19.add("2000, 1004, " + price + ", " + (5 + 17 - price));
        }
        assertThat(results.get("q19")).as("q19").containsExactlyInAnyOrderElementsOf(q19);
        // every bid on an auction of category 10, with the item's name
        List<String> q20 = new ArrayList<>(List.of("2000, 1001, 100, lamp", "2000, 1002, 150, lamp",
                "2000, 1001, 120, lamp", "2000, 1003, 200, lamp", "2002, 1001, 60, book", "2002, 1001, 70, book",
                "2003, 1000, 300, desk", "2003, 1002, 310, desk"));
        for (int price = 10; price <= 17; price++) {
            q20.add("2000, 1004, " + price + ", lamp");
        }
        assertThat(results.get("q20")).as("q20").containsExactlyInAnyOrderElementsOf(q20);
    }

    /**
     * q5 by hand, window by window (start of each 10 s window sliding by 2 s, then the auctions with
     * the most bids in it and their count). Bids: 2000 at 4, 5, 7, 21, 40..47; 2001 at 6, 16; 2002
     * at 12, 33; 2003 at 18, 30.
     */
    private static List<String> q5() {
        List<String> rows = new ArrayList<>();
        // [-4,6) and [-2,8) .. [4,14): only 2000 has bids before 6 s; from [-2,8) it has 3 (4, 5, 7)
        rows.add("2000, 2");
        for (int start = -2; start <= 4; start += 2) {
            rows.add("2000, 3");
        }
        // [6,16): 2000 (7), 2001 (6), 2002 (12) one each; [8,18): 2001 (16), 2002 (12) — 2000's 7 is out
        rows.addAll(List.of("2000, 1", "2001, 1", "2002, 1", "2001, 1", "2002, 1"));
        // [10,20) and [12,22): 2001 (16), 2002 (12), 2003 (18), and from [12,22) 2000 (21)
        rows.addAll(List.of("2001, 1", "2002, 1", "2003, 1", "2000, 1", "2001, 1", "2002, 1", "2003, 1"));
        // [14,24), [16,26): 2000 (21), 2001 (16), 2003 (18); [18,28): 2000 (21), 2003 (18); [20,30): 2000 (21)
        rows.addAll(List.of("2000, 1", "2001, 1", "2003, 1", "2000, 1", "2001, 1", "2003, 1", "2000, 1", "2003, 1",
                "2000, 1"));
        // [22,32), [24,34) .. [30,40): 2003 (30) and, from [24,34), 2002 (33)
        rows.add("2003, 1");
        for (int start = 24; start <= 30; start += 2) {
            rows.addAll(List.of("2002, 1", "2003, 1"));
        }
        // [32,42) .. [46,56): 2000's bids at 40..47 (and nothing else from [34,44) on; [32,42) has 2002's 33 too)
        rows.addAll(List.of("2000, 2", "2000, 4", "2000, 6", "2000, 8", "2000, 8", "2000, 6", "2000, 4", "2000, 2"));
        return rows;
    }

    private static String session(int bidder, int bids, int start, int end) {
        return bidder + ", " + bids + ", " + at(start) + ", " + at(end);
    }

    /** {@code seconds} after the base time, as the print connector shows a TIMESTAMP(3). */
    private static String at(int seconds) {
        return java.time.LocalDateTime.of(2026, 1, 1, 0, 0).plusSeconds(seconds).toString();
    }

    private static String timestamp(int seconds) {
        return java.time.LocalDateTime.of(2026, 1, 1, 0, 0).plusSeconds(seconds)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"));
    }

    private void writeInputs() throws Exception {
        StringBuilder people = new StringBuilder();
        for (String line : PEOPLE.strip().split("\n")) {
            String[] f = line.split(" ");
            people.append(String.format("{\"id\":%s,\"name\":\"%s\",\"emailAddress\":\"%s@example.com\","
                    + "\"creditCard\":\"1234\",\"city\":\"%s\",\"state\":\"%s\",\"dateTime\":\"%s\",\"extra\":\"\"}%n",
                    f[0], f[1], f[1], f[2], f[3], timestamp(Integer.parseInt(f[4]))));
        }
        StringBuilder auctions = new StringBuilder();
        for (String line : AUCTIONS.strip().split("\n")) {
            String[] f = line.split(" ");
            auctions.append(String.format("{\"id\":%s,\"itemName\":\"%s\",\"description\":\"a %s\",\"initialBid\":1,"
                    + "\"reserve\":5,\"dateTime\":\"%s\",\"expires\":\"%s\",\"seller\":%s,\"category\":%s,\"extra\":\"\"}%n",
                    f[0], f[1], f[1], timestamp(Integer.parseInt(f[2])), timestamp(Integer.parseInt(f[3])), f[4], f[5]));
        }
        List<String> bidLines = new ArrayList<>(List.of(BIDS.strip().split("\n")));
        for (int i = 0; i < 8; i++) {
            bidLines.add("2000 1004 " + (10 + i) + " " + (40 + i));
        }
        StringBuilder bids = new StringBuilder();
        for (String line : bidLines) {
            String[] f = line.split(" ");
            bids.append(String.format("{\"auction\":%s,\"bidder\":%s,\"price\":%s,\"channel\":\"web\","
                    + "\"url\":\"https://example.com/%s\",\"dateTime\":\"%s\",\"extra\":\"\"}%n",
                    f[0], f[1], f[2], f[0], timestamp(Integer.parseInt(f[3]))));
        }
        for (String table : List.of("person", "auction", "bid")) {
            Files.createDirectories(dir.resolve(table));
        }
        Files.writeString(dir.resolve("person/part-0.json"), people);
        Files.writeString(dir.resolve("auction/part-0.json"), auctions);
        Files.writeString(dir.resolve("bid/part-0.json"), bids);
    }

    private String tables() {
        String watermark = "WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND";
        return "CREATE TABLE person (id BIGINT, name STRING, emailAddress STRING, creditCard STRING, city STRING,"
                + " state STRING, dateTime TIMESTAMP(3), extra STRING, " + watermark + ") WITH ("
                + source("person") + ");\n"
                + "CREATE TABLE auction (id BIGINT, itemName STRING, description STRING, initialBid BIGINT,"
                + " reserve BIGINT, dateTime TIMESTAMP(3), expires TIMESTAMP(3), seller BIGINT, category BIGINT,"
                + " extra STRING, " + watermark + ") WITH (" + source("auction") + ");\n"
                + "CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, url STRING,"
                + " dateTime TIMESTAMP(3), extra STRING, " + watermark + ") WITH (" + source("bid") + ");\n";
    }

    private String source(String table) {
        return "'connector' = 'filesystem', 'path' = '" + dir.resolve(table) + "', 'format' = 'json'";
    }

    private static String sink(String name, String columns) {
        return "CREATE TABLE " + name + " (" + columns + ") WITH ('connector' = 'print', 'print-identifier' = '"
                + name + "');\n";
    }

    /** The queries as the Nexmark suite writes them in Flink SQL; only the selected columns are trimmed. */
    private static final String QUERIES = sink("q3", "name STRING, city STRING, state STRING, id BIGINT")
            + "INSERT INTO q3 SELECT P.name, P.city, P.state, A.id FROM auction AS A INNER JOIN person AS P"
            + " ON A.seller = P.id WHERE A.category = 10 AND (P.state = 'OR' OR P.state = 'ID' OR P.state = 'CA');\n"
            + sink("q4", "id BIGINT, final BIGINT")
            + "INSERT INTO q4 SELECT Q.category, AVG(Q.final) FROM (SELECT MAX(B.price) AS final, A.category"
            + " FROM auction A, bid B WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires"
            + " GROUP BY A.id, A.category) Q GROUP BY Q.category;\n"
            + sink("q5", "auction BIGINT, num BIGINT")
            + "INSERT INTO q5 SELECT AuctionBids.auction, AuctionBids.num FROM ("
            + " SELECT auction, count(*) AS num, window_start AS starttime, window_end AS endtime"
            + " FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))"
            + " GROUP BY auction, window_start, window_end) AS AuctionBids JOIN ("
            + " SELECT max(CountBids.num) AS maxn, CountBids.starttime, CountBids.endtime FROM ("
            + " SELECT count(*) AS num, window_start AS starttime, window_end AS endtime"
            + " FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))"
            + " GROUP BY auction, window_start, window_end) AS CountBids"
            + " GROUP BY CountBids.starttime, CountBids.endtime) AS MaxBids"
            + " ON AuctionBids.starttime = MaxBids.starttime AND AuctionBids.endtime = MaxBids.endtime"
            + " AND AuctionBids.num >= MaxBids.maxn;\n"
            + sink("q7", "auction BIGINT, price BIGINT, bidder BIGINT, dateTime TIMESTAMP(3)")
            + "INSERT INTO q7 SELECT B.auction, B.price, B.bidder, B.dateTime FROM bid B JOIN ("
            + " SELECT MAX(price) AS maxprice, window_end AS dateTime"
            + " FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))"
            + " GROUP BY window_start, window_end) B1 ON B.price = B1.maxprice"
            + " WHERE B.dateTime BETWEEN B1.dateTime - INTERVAL '10' SECOND AND B1.dateTime;\n"
            + sink("q8", "id BIGINT, name STRING, stime TIMESTAMP(3)")
            + "INSERT INTO q8 SELECT P.id, P.name, P.starttime FROM ("
            + " SELECT id, name, window_start AS starttime, window_end AS endtime"
            + " FROM TABLE(TUMBLE(TABLE person, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))"
            + " GROUP BY id, name, window_start, window_end) P JOIN ("
            + " SELECT seller, window_start AS starttime, window_end AS endtime"
            + " FROM TABLE(TUMBLE(TABLE auction, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))"
            + " GROUP BY seller, window_start, window_end) A"
            + " ON P.id = A.seller AND P.starttime = A.starttime AND P.endtime = A.endtime;\n"
            + sink("q9", "id BIGINT, itemName STRING, bidder BIGINT, price BIGINT, bid_dateTime TIMESTAMP(3)")
            + "INSERT INTO q9 SELECT id, itemName, bidder, price, bid_dateTime FROM ("
            + " SELECT A.*, B.auction, B.bidder, B.price, B.dateTime AS bid_dateTime, B.extra AS bid_extra,"
            + " ROW_NUMBER() OVER (PARTITION BY A.id ORDER BY B.price DESC, B.dateTime ASC) AS rownum"
            + " FROM auction A, bid B WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires)"
            + " WHERE rownum <= 1;\n"
            + sink("q11", "bidder BIGINT, bid_count BIGINT, starttime TIMESTAMP(3), endtime TIMESTAMP(3)")
            + "INSERT INTO q11 SELECT B.bidder, count(*) AS bid_count,"
            + " SESSION_START(B.dateTime, INTERVAL '10' SECOND) AS starttime,"
            + " SESSION_END(B.dateTime, INTERVAL '10' SECOND) AS endtime"
            + " FROM bid B GROUP BY B.bidder, SESSION(B.dateTime, INTERVAL '10' SECOND);\n"
            + sink("q18", "auction BIGINT, bidder BIGINT, price BIGINT, dateTime TIMESTAMP(3)")
            + "INSERT INTO q18 SELECT auction, bidder, price, dateTime FROM (SELECT *, ROW_NUMBER() OVER"
            + " (PARTITION BY bidder, auction ORDER BY dateTime DESC) AS rank_number FROM bid)"
            + " WHERE rank_number <= 1;\n"
            + sink("q19", "auction BIGINT, bidder BIGINT, price BIGINT, rank_number BIGINT")
            + "INSERT INTO q19 SELECT auction, bidder, price, rank_number FROM (SELECT *, ROW_NUMBER() OVER"
            + " (PARTITION BY auction ORDER BY price DESC) AS rank_number FROM bid) WHERE rank_number <= 10;\n"
            + sink("q20", "auction BIGINT, bidder BIGINT, price BIGINT, itemName STRING")
            + "INSERT INTO q20 SELECT auction, bidder, price, itemName FROM bid AS B INNER JOIN auction AS A"
            + " ON B.auction = A.id WHERE A.category = 10;\n";

    /** Each print table's rows after replaying its changelog, in print order per subtask. */
    private static Map<String, List<String>> finalRows(String output) {
        Map<String, List<String>> tables = new HashMap<>();
        for (String line : output.lines().toList()) {
            Matcher printed = PRINTED.matcher(line);
            if (!printed.matches()) {
                continue;
            }
            List<String> rows = tables.computeIfAbsent(printed.group(1), t -> new ArrayList<>());
            String row = printed.group(3);
            switch (printed.group(2)) {
                case "+I", "+U" -> rows.add(row);
                case "-U", "-D" -> assertThat(rows.remove(row)).as("%s retracts a row it has: %s", printed.group(1),
                        row).isTrue();
                default -> throw new AssertionError("unknown change in " + line);
            }
        }
        return tables;
    }
}
