package io.sluice.sql.parser;

import io.sluice.sql.parser.ddl.SqlCreateView;
import io.sluice.sql.parser.ddl.SqlDropTable;
import io.sluice.sql.parser.ddl.SqlDropView;
import io.sluice.sql.parser.dml.SqlBeginStatementSet;
import io.sluice.sql.parser.dml.SqlEndStatementSet;
import io.sluice.sql.parser.dml.SqlExecute;
import io.sluice.sql.parser.dml.SqlStatementSet;
import io.sluice.sql.parser.dql.SqlReset;
import io.sluice.sql.parser.dql.SqlRichDescribeTable;
import io.sluice.sql.parser.dql.SqlRichExplain;
import io.sluice.sql.parser.dql.SqlSet;
import io.sluice.sql.parser.dql.SqlShowCreateTable;
import io.sluice.sql.parser.dql.SqlShowFunctions;
import io.sluice.sql.parser.dql.SqlShowJobs;
import io.sluice.sql.parser.dql.SqlShowTables;
import io.sluice.sql.parser.dql.SqlShowViews;
import io.sluice.sql.parser.dql.SqlStopJob;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.sluice.sql.parser.ParserAssertions.parseError;
import static io.sluice.sql.parser.ParserAssertions.parseRoundTrip;
import static io.sluice.sql.parser.ParserAssertions.unparse;
import static org.assertj.core.api.Assertions.assertThat;

class StatementsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE VIEW v AS SELECT 1",
        "CREATE TEMPORARY VIEW IF NOT EXISTS db.v (a, b) COMMENT 'two' AS SELECT x, y FROM t",
        "DROP TABLE t",
        "DROP TEMPORARY TABLE IF EXISTS db.t",
        "DROP VIEW IF EXISTS v",
        "DROP TEMPORARY VIEW v",
        "EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT * FROM b; INSERT INTO c SELECT 1; END",
        "EXECUTE INSERT INTO a SELECT * FROM b",
        "BEGIN STATEMENT SET",
        "END",
        "SET",
        "SET 'execution.checkpointing.interval' = '10 s'",
        "RESET",
        "RESET 'parallelism.default'",
        "SHOW TABLES",
        "SHOW VIEWS",
        "SHOW JOBS",
        "SHOW FUNCTIONS",
        "SHOW CREATE TABLE db.t",
        "DESCRIBE t",
        "DESC t",
        "DESCRIBE EXTENDED db.t",
        "EXPLAIN SELECT a FROM t WHERE b > 1",
        "EXPLAIN PLAN FOR INSERT INTO s SELECT * FROM t",
        "EXPLAIN ESTIMATED_COST, CHANGELOG_MODE SELECT 1",
        "EXPLAIN JSON_EXECUTION_PLAN, PLAN_ADVICE STATEMENT SET BEGIN INSERT INTO a SELECT 1; END",
        "EXPLAIN EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; END",
        "EXPLAIN CHANGELOG_MODE EXECUTE INSERT INTO a SELECT 1",
        "STOP JOB 'nexmark-q5'",
        "STOP JOB 'j' WITH SAVEPOINT",
        "STOP JOB 'j' WITH DRAIN",
        "STOP JOB 'j' WITH SAVEPOINT WITH DRAIN",
        "INSERT INTO sink SELECT a, COUNT(*) FROM src GROUP BY a",
        "SELECT a FROM t ORDER BY a LIMIT 10",
    })
    void shouldRoundTrip(String sql) throws SqlParseException {
        parseRoundTrip(sql, SqlNode.class);
    }

    @Test
    void shouldParseCreateView() throws SqlParseException {
        SqlCreateView view = parseRoundTrip(
                "CREATE TEMPORARY VIEW IF NOT EXISTS v (a, b) COMMENT 'c' AS SELECT x, y FROM t",
                SqlCreateView.class);

        assertThat(view.getKind()).isEqualTo(SqlKind.CREATE_VIEW);
        assertThat(view.getName().getSimple()).isEqualTo("v");
        assertThat(view.getColumnNames()).extracting(SqlIdentifier::getSimple)
                .containsExactly("a", "b");
        assertThat(view.getQuery()).isInstanceOf(SqlSelect.class);
        assertThat(view.getComment()).contains("c");
        assertThat(view.isTemporary()).isTrue();
        assertThat(view.isIfNotExists()).isTrue();

        SqlCreateView plain = parseRoundTrip("CREATE VIEW v AS SELECT 1", SqlCreateView.class);
        assertThat(plain.getColumnNames()).isEmpty();
        assertThat(plain.isTemporary()).isFalse();
        assertThat(plain.isIfNotExists()).isFalse();
    }

    @Test
    void shouldParseDropFlags() throws SqlParseException {
        SqlDropTable table = parseRoundTrip("DROP TEMPORARY TABLE IF EXISTS db.t", SqlDropTable.class);
        assertThat(table.getName().names).containsExactly("db", "t");
        assertThat(table.isIfExists()).isTrue();
        assertThat(table.isTemporary()).isTrue();
        assertThat(table.getKind()).isEqualTo(SqlKind.DROP_TABLE);

        SqlDropView view = parseRoundTrip("DROP VIEW v", SqlDropView.class);
        assertThat(view.getName().getSimple()).isEqualTo("v");
        assertThat(view.isIfExists()).isFalse();
        assertThat(view.isTemporary()).isFalse();
    }

    @Test
    void shouldParseStatementSetWithOrWithoutLastSemicolon() throws SqlParseException {
        String withSemicolon = "EXECUTE STATEMENT SET BEGIN\n"
                + "  INSERT INTO a SELECT * FROM x;\n"
                + "  INSERT INTO b SELECT * FROM y;\n"
                + "END";
        SqlStatementSet set = parseRoundTrip(withSemicolon, SqlStatementSet.class);
        assertThat(set.getInserts()).hasSize(2);
        assertThat(set.getInserts()).extracting(i -> unparse(i.getTargetTable()))
                .containsExactly("`a`", "`b`");

        SqlStatementSet withoutSemicolon = parseRoundTrip(
                "EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1 END", SqlStatementSet.class);
        assertThat(withoutSemicolon.getInserts()).hasSize(1);
        assertThat(unparse(withoutSemicolon)).isEqualTo(
                "EXECUTE STATEMENT SET\nBEGIN\nINSERT INTO `a`\nSELECT 1;\nEND");
    }

    @Test
    void shouldRejectNonInsertInStatementSet() {
        assertThat(parseError(() -> SluiceSqlParser.parseStatement(
                "EXECUTE STATEMENT SET BEGIN SELECT 1; END")).getPos().getColumnNum()).isEqualTo(29);
    }

    @Test
    void shouldWrapExecutedInsert() throws SqlParseException {
        SqlExecute execute = parseRoundTrip("EXECUTE INSERT INTO a SELECT 1", SqlExecute.class);
        assertThat(execute.getStatement()).isInstanceOf(SqlInsert.class);
    }

    @Test
    void shouldParseSetAndReset() throws SqlParseException {
        SqlSet set = parseRoundTrip("SET 'table.exec.state.ttl' = '1 h'", SqlSet.class);
        assertThat(set.getKey()).contains("table.exec.state.ttl");
        assertThat(set.getValue()).contains("1 h");

        SqlSet list = parseRoundTrip("SET", SqlSet.class);
        assertThat(list.getKey()).isEmpty();
        assertThat(list.getValue()).isEmpty();

        assertThat(parseRoundTrip("RESET 'k'", SqlReset.class).getKey()).contains("k");
        assertThat(parseRoundTrip("RESET", SqlReset.class).getKey()).isEmpty();
    }

    @Test
    void shouldParseShowStatements() throws SqlParseException {
        parseRoundTrip("SHOW TABLES", SqlShowTables.class);
        parseRoundTrip("SHOW VIEWS", SqlShowViews.class);
        parseRoundTrip("SHOW JOBS", SqlShowJobs.class);
        parseRoundTrip("SHOW FUNCTIONS", SqlShowFunctions.class);
        SqlShowCreateTable create = parseRoundTrip("SHOW CREATE TABLE db.t", SqlShowCreateTable.class);
        assertThat(create.getName().names).containsExactly("db", "t");
    }

    @Test
    void shouldParseDescribe() throws SqlParseException {
        SqlRichDescribeTable describe = parseRoundTrip("DESCRIBE t", SqlRichDescribeTable.class);
        assertThat(describe.getTable().getSimple()).isEqualTo("t");
        assertThat(describe.isExtended()).isFalse();

        assertThat(parseRoundTrip("DESC t", SqlRichDescribeTable.class).isExtended()).isFalse();
        SqlRichDescribeTable extended =
                parseRoundTrip("DESCRIBE EXTENDED db.t", SqlRichDescribeTable.class);
        assertThat(extended.isExtended()).isTrue();
        assertThat(extended.getTable().names).containsExactly("db", "t");

        SqlRichDescribeTable tableNamedExtended =
                parseRoundTrip("DESCRIBE extended", SqlRichDescribeTable.class);
        assertThat(tableNamedExtended.isExtended()).isFalse();
        assertThat(tableNamedExtended.getTable().getSimple()).isEqualTo("extended");
    }

    @Test
    void shouldParseExplainDetailsAndStatement() throws SqlParseException {
        SqlRichExplain plain = parseRoundTrip("EXPLAIN PLAN FOR SELECT 1", SqlRichExplain.class);
        assertThat(plain.getDetails()).isEmpty();
        assertThat(plain.getStatement()).isInstanceOf(SqlSelect.class);

        SqlRichExplain detailed = parseRoundTrip(
                "EXPLAIN CHANGELOG_MODE, ESTIMATED_COST INSERT INTO s SELECT * FROM t",
                SqlRichExplain.class);
        assertThat(detailed.getDetails()).containsExactly("CHANGELOG_MODE", "ESTIMATED_COST");
        assertThat(detailed.getStatement()).isInstanceOf(SqlInsert.class);

        SqlRichExplain set = parseRoundTrip(
                "EXPLAIN STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END",
                SqlRichExplain.class);
        assertThat(((SqlStatementSet) set.getStatement()).getInserts()).hasSize(2);
    }

    @Test
    void shouldRejectRepeatedExplainDetail() {
        SqlParseException error = parseError(() -> SluiceSqlParser.parseStatement(
                "EXPLAIN PLAN_ADVICE, PLAN_ADVICE SELECT 1"));
        ParserAssertions.assertErrorAt(error, 1, 22);
        assertThat(error.getMessage()).contains("PLAN_ADVICE");
    }

    @Test
    void shouldParseStopJob() throws SqlParseException {
        SqlStopJob plain = parseRoundTrip("STOP JOB 'q5'", SqlStopJob.class);
        assertThat(plain.getJobName()).isEqualTo("q5");
        assertThat(plain.isWithSavepoint()).isFalse();
        assertThat(plain.isWithDrain()).isFalse();

        SqlStopJob both = parseRoundTrip("STOP JOB 'q5' WITH SAVEPOINT WITH DRAIN", SqlStopJob.class);
        assertThat(both.isWithSavepoint()).isTrue();
        assertThat(both.isWithDrain()).isTrue();

        SqlStopJob drain = parseRoundTrip("STOP JOB 'q5' WITH DRAIN", SqlStopJob.class);
        assertThat(drain.isWithSavepoint()).isFalse();
        assertThat(drain.isWithDrain()).isTrue();
    }

    @Test
    void shouldParseOldStatementSetMarkers() throws SqlParseException {
        parseRoundTrip("BEGIN STATEMENT SET", SqlBeginStatementSet.class);
        parseRoundTrip("END", SqlEndStatementSet.class);
    }
}
