package io.sluice.sql.parser;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Parse-unparse helpers shared by the parser tests. */
final class ParserAssertions {

    private ParserAssertions() {
    }

    static String unparse(SqlNode node) {
        return node.toSqlString(SluiceSqlDialect.DEFAULT).getSql();
    }

    /**
     * Parses {@code sql}, checks that unparsing, parsing again and unparsing again gives the same
     * text and the same tree, and returns the first tree, cast to {@code type}.
     */
    static <T extends SqlNode> T parseRoundTrip(String sql, Class<T> type) throws SqlParseException {
        SqlNode first = SluiceSqlParser.parseStatement(sql);
        assertThat(first).isInstanceOf(type);
        String text = unparse(first);
        SqlNode second = SluiceSqlParser.parseStatement(text);
        assertThat(second).isInstanceOf(type);
        assertThat(unparse(second)).as("unparse of re-parsed %s", text).isEqualTo(text);
        return type.cast(first);
    }

    /** Runs {@code parse}, which must fail, and returns the parse error. */
    static SqlParseException parseError(ThrowingCallable parse) {
        SqlParseException error = catchThrowableOfType(SqlParseException.class, parse);
        assertThat(error).as("expected a SqlParseException").isNotNull();
        return error;
    }

    static void assertErrorAt(SqlParseException error, int line, int column) {
        assertThat(error.getPos()).as("position of: %s", error.getMessage()).isNotNull();
        assertThat(error.getPos().getLineNum()).as("line of: %s", error.getMessage()).isEqualTo(line);
        assertThat(error.getPos().getColumnNum()).as("column of: %s", error.getMessage())
                .isEqualTo(column);
    }
}
