package io.sluice.sql.parser;

import io.sluice.sql.parser.ddl.SqlCreateTable;
import io.sluice.sql.parser.dml.SqlBeginStatementSet;
import io.sluice.sql.parser.dml.SqlEndStatementSet;
import io.sluice.sql.parser.dml.SqlStatementSet;
import io.sluice.sql.parser.dql.SqlSet;
import io.sluice.sql.parser.impl.SluiceSqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sluice.sql.parser.ParserAssertions.assertErrorAt;
import static io.sluice.sql.parser.ParserAssertions.parseError;
import static io.sluice.sql.parser.ParserAssertions.unparse;
import static org.assertj.core.api.Assertions.assertThat;

class SluiceSqlParserTest {

    @Test
    void shouldParseScriptWithCommentsAndSeveralStatements() throws SqlParseException {
        List<SqlNode> statements = SluiceSqlParser.parseScript("""
                -- a pipeline
                SET 'pipeline.name' = 'demo';  -- trailing comment
                /* a block
                   comment */
                CREATE TABLE src (a INT) WITH ('connector' = 'datagen');
                CREATE TABLE dst (a INT) WITH ('connector' = 'print');
                INSERT INTO dst SELECT a FROM src /* inline */ WHERE a > 0
                """);

        assertThat(statements).hasSize(4);
        assertThat(statements.get(0)).isInstanceOf(SqlSet.class);
        assertThat(statements.get(1)).isInstanceOf(SqlCreateTable.class);
        assertThat(statements.get(2)).isInstanceOf(SqlCreateTable.class);
        assertThat(statements.get(3)).isInstanceOf(SqlInsert.class);
    }

    @Test
    void shouldReportPositionsRelativeToTheScript() throws SqlParseException {
        List<SqlNode> statements = SluiceSqlParser.parseScript("SET;\n\n  SELECT a FROM t;");

        assertThat(statements.get(1).getParserPosition().getLineNum()).isEqualTo(3);
        assertThat(statements.get(1).getParserPosition().getColumnNum()).isEqualTo(3);
    }

    @Test
    void shouldAcceptEmptyScriptsAndEmptyStatements() throws SqlParseException {
        assertThat(SluiceSqlParser.parseScript("")).isEmpty();
        assertThat(SluiceSqlParser.parseScript(" ")).isEmpty();
        assertThat(SluiceSqlParser.parseScript("  \n -- only a comment\n /* and another */ "))
                .isEmpty();
        assertThat(SluiceSqlParser.parseScript(";;\n;")).isEmpty();
        assertThat(SluiceSqlParser.parseScript("; SELECT 1;; ;SELECT 2;;")).hasSize(2);
    }

    @Test
    void shouldParseStatementSetInScript() throws SqlParseException {
        List<SqlNode> statements = SluiceSqlParser.parseScript("""
                EXECUTE STATEMENT SET
                BEGIN
                  INSERT INTO a SELECT * FROM src;
                  INSERT INTO b SELECT * FROM src;
                END;
                SELECT 1;
                """);

        assertThat(statements).hasSize(2);
        assertThat(((SqlStatementSet) statements.get(0)).getInserts()).hasSize(2);
        assertThat(statements.get(1)).isInstanceOf(SqlSelect.class);
    }

    @Test
    void shouldParseBeginAndEndStatementSetAsSeparateStatements() throws SqlParseException {
        List<SqlNode> statements = SluiceSqlParser.parseScript("""
                BEGIN STATEMENT SET;
                INSERT INTO a SELECT * FROM src;
                INSERT INTO b SELECT * FROM src;
                END;
                """);

        assertThat(statements).hasSize(4);
        assertThat(statements.get(0)).isInstanceOf(SqlBeginStatementSet.class);
        assertThat(statements.get(1)).isInstanceOf(SqlInsert.class);
        assertThat(statements.get(2)).isInstanceOf(SqlInsert.class);
        assertThat(statements.get(3)).isInstanceOf(SqlEndStatementSet.class);
    }

    @Test
    void shouldReportSyntaxErrorAtItsLineAndColumnInTheScript() {
        SqlParseException error = parseError(() -> SluiceSqlParser.parseScript("""
                SET 'a' = 'b';
                CREATE TABLE ok (a INT);
                CREATE TABLE t (a INT,, b INT);
                SELECT 1;
                """));

        assertErrorAt(error, 3, 23);
        assertThat(error.getMessage()).contains("\",\"");
    }

    @Test
    void shouldReportUnknownStatement() {
        SqlParseException error = parseError(() -> SluiceSqlParser.parseScript(
                "SELECT 1;\nSELECT 2;\n   FROBNICATE the_table;"));

        assertErrorAt(error, 3, 4);
    }

    @Test
    void shouldReportUnknownShowTarget() {
        SqlParseException error = parseError(() -> SluiceSqlParser.parseStatement("SHOW DATABASES"));

        assertErrorAt(error, 1, 6);
        assertThat(error.getMessage()).contains("SHOW supports TABLES");
    }

    @Test
    void shouldRequireStatementsToBeSeparated() {
        SqlParseException error =
                parseError(() -> SluiceSqlParser.parseScript("SELECT 1\nSELECT 2"));

        assertErrorAt(error, 2, 1);
    }

    @Test
    void shouldParseExactlyOneStatement() throws SqlParseException {
        assertThat(SluiceSqlParser.parseStatement("SELECT 1;")).isInstanceOf(SqlSelect.class);
        assertThat(SluiceSqlParser.parseStatement("SHOW TABLES")).isNotNull();

        SqlParseException error =
                parseError(() -> SluiceSqlParser.parseStatement("SELECT 1; SELECT 2"));
        assertErrorAt(error, 1, 11);
    }

    @Test
    void shouldParseExpression() throws SqlParseException {
        SqlNode expression = SluiceSqlParser.parseExpression("ts - INTERVAL '5' SECOND");

        assertThat(expression.getKind()).isEqualTo(SqlKind.MINUS);
        assertThat(unparse(expression)).isEqualTo("`ts` - INTERVAL '5' SECOND");
    }

    @Test
    void shouldUseFlinkLexicalRules() throws SqlParseException {
        SqlParser.Config config = SluiceSqlParser.config();
        assertThat(config.quoting()).isEqualTo(Quoting.BACK_TICK);
        assertThat(config.quotedCasing()).isEqualTo(Casing.UNCHANGED);
        assertThat(config.unquotedCasing()).isEqualTo(Casing.UNCHANGED);
        assertThat(config.caseSensitive()).isTrue();
        assertThat(config.identifierMaxLength()).isEqualTo(256);
        assertThat(config.parserFactory()).isSameAs(SluiceSqlParserImpl.FACTORY);

        SqlSelect select = (SqlSelect) SqlParser.create("SELECT myCol, `My Col` FROM MyTable", config)
                .parseStmt();
        assertThat(select.getSelectList()).extracting(n -> ((SqlIdentifier) n).getSimple())
                .containsExactly("myCol", "My Col");
        assertThat(((SqlIdentifier) select.getFrom()).getSimple()).isEqualTo("MyTable");
    }

    @Test
    void shouldRejectIdentifierLongerThanLimit() {
        String name = "c".repeat(257);

        SqlParseException error =
                parseError(() -> SluiceSqlParser.parseStatement("SELECT " + name + " FROM t"));
        assertErrorAt(error, 1, 8);
    }

    @Test
    void shouldAllowPercentRemainderAsFlinkDoes() throws SqlParseException {
        assertThat(unparse(SluiceSqlParser.parseExpression("a % 7"))).isEqualTo("`a` % 7");
    }

    @Test
    void shouldUnparseIdentifiersWithBackTicks() throws SqlParseException {
        SqlNode node = SluiceSqlParser.parseStatement("SELECT `a``b` FROM `My Table`");

        assertThat(unparse(node)).isEqualTo("SELECT `a``b`\nFROM `My Table`");
    }
}
