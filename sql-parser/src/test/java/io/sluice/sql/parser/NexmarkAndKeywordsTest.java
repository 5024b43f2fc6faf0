package io.sluice.sql.parser;

import io.sluice.sql.parser.ddl.SqlCreateTable;
import io.sluice.sql.parser.ddl.SqlTableColumn;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.sluice.sql.parser.ParserAssertions.parseRoundTrip;
import static io.sluice.sql.parser.ParserAssertions.unparse;
import static org.assertj.core.api.Assertions.assertThat;

class NexmarkAndKeywordsTest {

    private static final List<String> FLINK_COLUMN_NAMES = List.of(
            "name", "state", "city", "dateTime", "extra", "channel", "url", "price", "bidder",
            "auction", "seller", "category", "reserve", "expires", "description", "value", "type",
            "comment", "data", "job", "metadata", "uuid", "watermark", "string", "bytes", "tables",
            "views", "jobs", "functions", "stop", "savepoint", "drain", "enforced", "extended",
            "virtual", "if", "timestamp_ltz", "plan_advice", "changelog_mode", "estimated_cost",
            "json_execution_plan");

    @Test
    void shouldParseNexmarkDdl() throws SqlParseException {
        List<SqlNode> statements = SluiceSqlParser.parseScript("""
                CREATE TABLE person (
                    id  BIGINT,
                    name  VARCHAR,
                    emailAddress  VARCHAR,
                    creditCard  VARCHAR,
                    city  VARCHAR,
                    state  VARCHAR,
                    dateTime TIMESTAMP(3),
                    extra  VARCHAR,
                    WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
                ) WITH ('connector' = 'nexmark', 'nexmark.table' = 'person');

                CREATE TABLE auction (
                    id  BIGINT,
                    itemName  VARCHAR,
                    description  VARCHAR,
                    initialBid  BIGINT,
                    reserve  BIGINT,
                    dateTime  TIMESTAMP(3),
                    expires  TIMESTAMP(3),
                    seller  BIGINT,
                    category  BIGINT,
                    extra  VARCHAR,
                    WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
                ) WITH ('connector' = 'nexmark');

                CREATE TABLE bid (
                    auction  BIGINT,
                    bidder  BIGINT,
                    price  BIGINT,
                    channel  VARCHAR,
                    url  VARCHAR,
                    dateTime  TIMESTAMP(3),
                    extra  VARCHAR,
                    WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
                ) WITH ('connector' = 'nexmark');

                CREATE TABLE nexmark_q5 (
                  auction  BIGINT,
                  num  BIGINT
                ) WITH ('connector' = 'blackhole');

                INSERT INTO nexmark_q5
                SELECT AuctionBids.auction, AuctionBids.num
                 FROM (
                   SELECT auction, count(*) AS num, window_start AS starttime, window_end AS endtime
                     FROM TABLE(
                             HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
                     GROUP BY auction, window_start, window_end
                 ) AS AuctionBids
                 JOIN (
                   SELECT max(CountBids.num) AS maxn, CountBids.starttime, CountBids.endtime
                   FROM (
                     SELECT count(*) AS num, window_start AS starttime, window_end AS endtime
                     FROM TABLE(
                                HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
                     GROUP BY auction, window_start, window_end
                     ) AS CountBids
                   GROUP BY CountBids.starttime, CountBids.endtime
                 ) AS MaxBids
                 ON AuctionBids.starttime = MaxBids.starttime AND
                    AuctionBids.endtime = MaxBids.endtime AND
                    AuctionBids.num >= MaxBids.maxn;
                """);

        assertThat(statements).hasSize(5);
        SqlCreateTable bid = (SqlCreateTable) statements.get(2);
        assertThat(bid.getColumns()).extracting(c -> c.getName().getSimple()).containsExactly(
                "auction", "bidder", "price", "channel", "url", "dateTime", "extra");
        assertThat(bid.getWatermark().orElseThrow().getEventTimeColumn().getSimple())
                .isEqualTo("dateTime");
        for (SqlNode statement : statements) {
            parseRoundTrip(unparse(statement), SqlNode.class);
        }
    }

    @Test
    void shouldAcceptFlinkColumnNamesAsIdentifiers() throws SqlParseException {
        String columns = String.join(" STRING, ", FLINK_COLUMN_NAMES) + " STRING";
        SqlCreateTable table =
                parseRoundTrip("CREATE TABLE t (" + columns + ")", SqlCreateTable.class);

        assertThat(table.getColumns()).extracting(SqlTableColumn::getName)
                .extracting(id -> id.getSimple())
                .containsExactlyElementsOf(FLINK_COLUMN_NAMES);
    }

    @Test
    void shouldAcceptFlinkColumnNamesInQueries() throws SqlParseException {
        for (String name : FLINK_COLUMN_NAMES) {
            String sql = "SELECT " + name + ", (" + name + "), COUNT(" + name + "), t." + name
                    + " AS " + name + " FROM t WHERE " + name + " IN (" + name + ", 'x') GROUP BY "
                    + name + " ORDER BY " + name;
            SqlNode node = parseRoundTrip(sql, SqlNode.class);
            assertThat(unparse(node)).as(sql).contains("`" + name + "`");
        }
    }

    @Test
    void shouldStillParseCalciteLiteralsOfUnreservedKeywords() throws SqlParseException {
        SqlNode node = parseRoundTrip("SELECT dateTime, DATETIME '2024-01-01 10:00:00', "
                + "value, JSON_OBJECT('k' VALUE value), uuid FROM t", SqlSelect.class);

        assertThat(unparse(node)).contains("DATETIME '2024-01-01 10:00:00'",
                "JSON_OBJECT(KEY 'k' VALUE `value` NULL ON NULL)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE bid, "
                + "DESCRIPTOR(dateTime), INTERVAL '10' SECOND)) GROUP BY window_start, window_end",
        "SELECT * FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, "
                + "INTERVAL '10' SECOND))",
        "SELECT window_start, SUM(price) FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), "
                + "INTERVAL '1' MINUTE, INTERVAL '10' MINUTE)) GROUP BY window_start, window_end",
        "SELECT COUNT(*) FILTER (WHERE price > 10), COUNT(DISTINCT bidder) FROM bid",
        "SELECT auction, price % 100 FROM bid WHERE channel <> 'apple' LIMIT 5",
    })
    void shouldParseWindowTableFunctionsAndAggregates(String sql) throws SqlParseException {
        parseRoundTrip(sql, SqlNode.class);
    }

    @Test
    void shouldParseUnknownTableFunctionGenerically() throws SqlParseException {
        SqlNode node = parseRoundTrip("SELECT * FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), "
                + "INTERVAL '1' MINUTE, INTERVAL '10' MINUTE))", SqlSelect.class);

        assertThat(unparse(node)).contains("CUMULATE`(TABLE `t`, DESCRIPTOR(`ts`)");
    }
}
