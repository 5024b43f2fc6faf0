package io.sluice.sql.parser;

import io.sluice.sql.parser.ddl.SqlComputedColumn;
import io.sluice.sql.parser.ddl.SqlCreateTable;
import io.sluice.sql.parser.ddl.SqlMetadataColumn;
import io.sluice.sql.parser.ddl.SqlRegularColumn;
import io.sluice.sql.parser.ddl.SqlTableColumn;
import io.sluice.sql.parser.ddl.SqlTableOption;
import io.sluice.sql.parser.ddl.SqlWatermark;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParseException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sluice.sql.parser.ParserAssertions.assertErrorAt;
import static io.sluice.sql.parser.ParserAssertions.parseError;
import static io.sluice.sql.parser.ParserAssertions.parseRoundTrip;
import static io.sluice.sql.parser.ParserAssertions.unparse;
import static org.assertj.core.api.Assertions.assertThat;

class CreateTableTest {

    private static final String KAFKA_BIDS = """
            CREATE TABLE bids (
              auction BIGINT NOT NULL,
              bidder BIGINT,
              price DECIMAL(10, 2) COMMENT 'in cents',
              dateTime TIMESTAMP(3),
              proc AS PROCTIME(),
              `partition` INT METADATA VIRTUAL,
              kafka_offset BIGINT METADATA FROM 'offset' VIRTUAL,
              headers MAP<STRING, BYTES> METADATA,
              WATERMARK FOR dateTime AS dateTime - INTERVAL '5' SECOND,
              PRIMARY KEY (auction, bidder) NOT ENFORCED
            ) COMMENT 'Nexmark bids'
            WITH (
              'connector' = 'kafka',
              'topic' = 'bids',
              'properties.bootstrap.servers' = 'localhost:9092',
              'format' = 'json'
            )""";

    @Test
    void shouldExposeEveryPartOfCreateTable() throws SqlParseException {
        SqlCreateTable table = parseRoundTrip(KAFKA_BIDS, SqlCreateTable.class);

        assertThat(table.getKind()).isEqualTo(SqlKind.CREATE_TABLE);
        assertThat(table.getName().names).containsExactly("bids");
        assertThat(table.isTemporary()).isFalse();
        assertThat(table.isIfNotExists()).isFalse();
        assertThat(table.getComment()).contains("Nexmark bids");
        assertThat(table.getColumns()).extracting(c -> c.getName().getSimple()).containsExactly(
                "auction", "bidder", "price", "dateTime", "proc", "partition", "kafka_offset",
                "headers");
        assertThat(table.getPrimaryKey()).extracting(SqlIdentifier::getSimple)
                .containsExactly("auction", "bidder");
        assertThat(table.getOptions()).extracting(SqlTableOption::getKey).containsExactly(
                "connector", "topic", "properties.bootstrap.servers", "format");
        assertThat(table.getOptions()).extracting(SqlTableOption::getValue).containsExactly(
                "kafka", "bids", "localhost:9092", "json");

        SqlWatermark watermark = table.getWatermark().orElseThrow();
        assertThat(watermark.getEventTimeColumn().getSimple()).isEqualTo("dateTime");
        assertThat(watermark.getStrategy().getKind()).isEqualTo(SqlKind.MINUS);
        assertThat(unparse(watermark.getStrategy()))
                .isEqualTo("`dateTime` - INTERVAL '5' SECOND");
    }

    @Test
    void shouldDistinguishRegularComputedAndMetadataColumns() throws SqlParseException {
        List<SqlTableColumn> columns =
                parseRoundTrip(KAFKA_BIDS, SqlCreateTable.class).getColumns();

        SqlRegularColumn auction = (SqlRegularColumn) columns.get(0);
        assertThat(auction.getType().getTypeName().getSimple()).isEqualTo("BIGINT");
        assertThat(auction.getType().getNullable()).isFalse();
        SqlRegularColumn bidder = (SqlRegularColumn) columns.get(1);
        assertThat(bidder.getType().getNullable()).isNotEqualTo(Boolean.FALSE);
        SqlRegularColumn price = (SqlRegularColumn) columns.get(2);
        assertThat(price.getComment()).contains("in cents");
        assertThat(unparse(price.getType())).isEqualTo("DECIMAL(10, 2)");

        SqlComputedColumn proc = (SqlComputedColumn) columns.get(4);
        assertThat(unparse(proc.getExpression())).isEqualTo("`PROCTIME`()");
        assertThat(proc.getComment()).isEmpty();

        SqlMetadataColumn partition = (SqlMetadataColumn) columns.get(5);
        assertThat(partition.getMetadataKey()).isEmpty();
        assertThat(partition.isVirtual()).isTrue();
        SqlMetadataColumn offset = (SqlMetadataColumn) columns.get(6);
        assertThat(offset.getMetadataKey()).contains("offset");
        assertThat(offset.isVirtual()).isTrue();
        SqlMetadataColumn headers = (SqlMetadataColumn) columns.get(7);
        assertThat(headers.getMetadataKey()).isEmpty();
        assertThat(headers.isVirtual()).isFalse();
    }

    @Test
    void shouldUnparseInFlinkSyntax() throws SqlParseException {
        SqlCreateTable table = parseRoundTrip(
                "create temporary table if not exists cat.db.t (id bigint not null primary key not "
                        + "enforced, name string comment 'who', ts timestamp_ltz(3), "
                        + "watermark for ts as ts) with ('connector' = 'datagen', 'k' = 'it''s')",
                SqlCreateTable.class);

        assertThat(unparse(table)).isEqualTo("""
                CREATE TEMPORARY TABLE IF NOT EXISTS `cat`.`db`.`t` (
                  `id` BIGINT NOT NULL,
                  `name` STRING COMMENT 'who',
                  `ts` TIMESTAMP_LTZ(3),
                  WATERMARK FOR `ts` AS `ts`,
                  PRIMARY KEY (`id`) NOT ENFORCED
                )
                WITH (
                  'connector' = 'datagen',
                  'k' = 'it''s'
                )""");
        assertThat(table.isTemporary()).isTrue();
        assertThat(table.isIfNotExists()).isTrue();
        assertThat(table.getName().names).containsExactly("cat", "db", "t");
        assertThat(table.getOptions().get(1).getValue()).isEqualTo("it's");
    }

    @Test
    void shouldFoldColumnPrimaryKeyIntoTableKey() throws SqlParseException {
        SqlCreateTable table = parseRoundTrip(
                "CREATE TABLE t (id BIGINT PRIMARY KEY NOT ENFORCED, v STRING)",
                SqlCreateTable.class);

        assertThat(table.getPrimaryKey()).extracting(SqlIdentifier::getSimple).containsExactly("id");
        assertThat(table.getColumns()).hasSize(2);
        assertThat(table.getOptions()).isEmpty();
        assertThat(table.getWatermark()).isEmpty();
        assertThat(table.getComment()).isEmpty();
    }

    @Test
    void shouldKeepNamedConstraint() throws SqlParseException {
        SqlCreateTable table = parseRoundTrip(
                "CREATE TABLE t (a INT, b INT, CONSTRAINT pk PRIMARY KEY (a, b) NOT ENFORCED)",
                SqlCreateTable.class);

        assertThat(table.getConstraintName()).map(SqlIdentifier::getSimple).contains("pk");
        assertThat(table.getPrimaryKey()).extracting(SqlIdentifier::getSimple)
                .containsExactly("a", "b");
        assertThat(unparse(table)).contains("CONSTRAINT `pk` PRIMARY KEY (`a`, `b`) NOT ENFORCED");
    }

    @Test
    void shouldAcceptTableElementsInAnyOrder() throws SqlParseException {
        SqlCreateTable table = parseRoundTrip(
                "CREATE TABLE t (PRIMARY KEY (id) NOT ENFORCED, WATERMARK FOR ts AS ts, "
                        + "id INT, ts TIMESTAMP(3))",
                SqlCreateTable.class);

        assertThat(table.getColumns()).extracting(c -> c.getName().getSimple())
                .containsExactly("id", "ts");
        assertThat(table.getWatermark()).isPresent();
        assertThat(table.getPrimaryKey()).hasSize(1);
    }

    @Test
    void shouldAcceptColumnsNamedLikeKeywords() throws SqlParseException {
        SqlCreateTable table = parseRoundTrip(
                "CREATE TABLE t (watermark INT, metadata STRING, virtual BOOLEAN, `comment` STRING,"
                        + " comment STRING COMMENT 'the comment', string STRING, bytes BYTES, "
                        + "enforced INT, WATERMARK FOR ts AS ts, ts TIMESTAMP(3))",
                SqlCreateTable.class);

        assertThat(table.getColumns()).extracting(c -> c.getName().getSimple()).containsExactly(
                "watermark", "metadata", "virtual", "comment", "comment", "string", "bytes",
                "enforced", "ts");
        assertThat(table.getColumns().get(4).getComment()).contains("the comment");
    }

    @Test
    void shouldRejectPrimaryKeyWithoutNotEnforcedWhereItIsMissing() {
        SqlParseException error = parseError(() -> SluiceSqlParser.parseStatement("""
                CREATE TABLE t (
                  a INT,
                  PRIMARY KEY (a)
                )"""));

        assertErrorAt(error, 4, 1);
        assertThat(error.getMessage()).contains("Sluice", "Flink", "NOT ENFORCED");
    }

    @Test
    void shouldRejectColumnPrimaryKeyWithoutNotEnforced() {
        SqlParseException error = parseError(() -> SluiceSqlParser.parseStatement(
                "CREATE TABLE t (a INT PRIMARY KEY, b INT)"));

        assertErrorAt(error, 1, 34);
        assertThat(error.getMessage()).contains("NOT ENFORCED");
    }

    @Test
    void shouldRejectEnforcedPrimaryKey() {
        SqlParseException error = parseError(() -> SluiceSqlParser.parseStatement(
                "CREATE TABLE t (a INT, PRIMARY KEY (a) ENFORCED)"));

        assertErrorAt(error, 1, 40);
        assertThat(error.getMessage()).contains("NOT ENFORCED");
    }

    @Test
    void shouldRejectSecondPrimaryKeyAndSecondWatermark() {
        SqlParseException key = parseError(() -> SluiceSqlParser.parseStatement(
                "CREATE TABLE t (a INT PRIMARY KEY NOT ENFORCED, PRIMARY KEY (a) NOT ENFORCED)"));
        assertErrorAt(key, 1, 49);
        assertThat(key.getMessage()).contains("only one PRIMARY KEY");

        SqlParseException watermark = parseError(() -> SluiceSqlParser.parseStatement(
                "CREATE TABLE t (ts TIMESTAMP(3), WATERMARK FOR ts AS ts,\n"
                        + "WATERMARK FOR ts AS ts)"));
        assertErrorAt(watermark, 2, 1);
        assertThat(watermark.getMessage()).contains("only one WATERMARK");
    }

    @Test
    void shouldRejectCreateOrReplace() {
        SqlParseException error = parseError(() -> SluiceSqlParser.parseStatement(
                "CREATE OR REPLACE TABLE t (a INT)"));

        assertThat(error.getMessage()).contains("CREATE OR REPLACE is not supported");
        assertErrorAt(error, 1, 1);
    }
}
