package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Event-time temporal joins end to end over JSON files, at parallelism 1 and 4: orders priced at
 * the currency rate valid at their time. Times are seconds after 2024-01-01 00:00 UTC.
 *
 * <p>Rates: EUR 114 from 1, 116 from 10, 119 from 20; USD 100 from 1, 102 from 15. Orders
 * {@code [id, currency, amount, time]}: 1 EUR 2 @3 → 114; 2 USD 5 @4 → 100; 8 EUR 1 @0, before any
 * EUR rate (and out of order, within the watermark delay) → none; 3 EUR 1 @10, a version starting
 * at its very time → 116; 7 GBP 1 @11 → none; 4 EUR 3 @12 → 116; 5 USD 1 @16 → 102; 6 EUR 2 @25 → 119.
 */
class TemporalJoinEndToEndTest {
    private static final String PRICED_ORDERS = "SELECT o.id, o.amount * r.rate AS price FROM orders o %s JOIN %s "
            + "FOR SYSTEM_TIME AS OF o.ts AS r ON o.currency = r.currency";
    private static final List<String> INNER_RESULT = List.of("[1, 228]", "[2, 500]", "[3, 116]", "[4, 348]",
            "[5, 102]", "[6, 238]");

    @TempDir
    Path dir;

    private static String time(int seconds) {
        return "\"" + BidEvents.format(BidEvents.START + seconds * 1000L) + "\"";
    }

    private static String rate(String currency, int rate, int t) {
        return "{\"currency\":\"" + currency + "\",\"rate\":" + rate + ",\"ts\":" + time(t) + "}";
    }

    private static String order(int id, String currency, int amount, int t) {
        return "{\"id\":" + id + ",\"currency\":\"" + currency + "\",\"amount\":" + amount + ",\"ts\":" + time(t) + "}";
    }

    private void write(String table, String... rows) throws IOException {
        Files.createDirectories(dir.resolve(table));
        Files.writeString(dir.resolve(table).resolve("data.json"), String.join("\n", rows) + "\n");
    }

    private SqlTestRunner runner(int parallelism) throws Exception {
        String[] rates = {rate("EUR", 114, 1), rate("USD", 100, 1), rate("EUR", 116, 10), rate("USD", 102, 15),
            rate("EUR", 119, 20)};
        write("rates", rates);
        write("rates_log", rates);
        write("orders", order(1, "EUR", 2, 3), order(2, "USD", 5, 4), order(8, "EUR", 1, 0), order(3, "EUR", 1, 10),
                order(7, "GBP", 1, 11), order(4, "EUR", 3, 12), order(5, "USD", 1, 16), order(6, "EUR", 2, 25));
        SqlTestRunner sql = new SqlTestRunner();
        String watermark = "WATERMARK FOR ts AS ts - INTERVAL '5' SECOND";
        sql.run("SET 'parallelism.default' = '" + parallelism + "';\n"
                + "CREATE TABLE orders (id BIGINT, currency STRING, amount BIGINT, ts TIMESTAMP(3), " + watermark
                + ") WITH (" + files("orders") + ");\n"
                + "CREATE TABLE rates (currency STRING, rate BIGINT, ts TIMESTAMP(3), "
                + "PRIMARY KEY (currency) NOT ENFORCED, " + watermark + ") WITH (" + files("rates") + ");\n"
                + "CREATE TABLE rates_log (currency STRING, rate BIGINT, ts TIMESTAMP(3), " + watermark
                + ") WITH (" + files("rates_log") + ");\n"
                // Flink's versioned view: the latest row per currency
                + "CREATE VIEW latest_rates AS SELECT currency, rate, ts FROM (SELECT *, ROW_NUMBER() OVER "
                + "(PARTITION BY currency ORDER BY ts DESC) AS rn FROM rates_log) WHERE rn = 1");
        return sql;
    }

    private String files(String table) {
        return "'connector' = 'filesystem', 'path' = '" + dir.resolve(table) + "', 'format' = 'json'";
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void eachOrderIsPricedAtTheRateValidAtItsTime(int parallelism) throws Exception {
        try (SqlTestRunner sql = runner(parallelism)) {
            List<String> changelog = sql.query(String.format(PRICED_ORDERS, "", "rates"));
            assertThat(changelog).allMatch(row -> row.startsWith("+I"));
            assertThat(sorted(changelog)).containsExactlyElementsOf(INNER_RESULT);
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void aLeftTemporalJoinKeepsOrdersWithoutRate(int parallelism) throws Exception {
        try (SqlTestRunner sql = runner(parallelism)) {
            List<String> changelog = sql.query(String.format(PRICED_ORDERS, "LEFT", "rates"));
            assertThat(changelog).allMatch(row -> row.startsWith("+I"));
            List<String> expected = new ArrayList<>(INNER_RESULT);
            expected.addAll(List.of("[7, null]", "[8, null]"));
            assertThat(sorted(changelog)).containsExactlyElementsOf(expected);
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void aViewKeepingTheLatestRowPerKeyIsAVersionedTable(int parallelism) throws Exception {
        try (SqlTestRunner sql = runner(parallelism)) {
            List<String> changelog = sql.query(String.format(PRICED_ORDERS, "", "latest_rates"));
            assertThat(changelog).allMatch(row -> row.startsWith("+I"));
            assertThat(sorted(changelog)).containsExactlyElementsOf(INNER_RESULT);
        }
    }

    private static List<String> sorted(List<String> changelog) {
        List<String> rows = new ArrayList<>(changelog.stream().map(row -> row.substring(2)).toList());
        rows.sort(null);
        return rows;
    }
}
