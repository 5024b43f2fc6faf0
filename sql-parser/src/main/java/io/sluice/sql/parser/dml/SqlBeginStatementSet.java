package io.sluice.sql.parser.dml;

import io.sluice.sql.parser.SqlKeywordCommand;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code BEGIN STATEMENT SET}: the INSERTs that follow, up to {@link SqlEndStatementSet}, run as one job. */
public final class SqlBeginStatementSet extends SqlKeywordCommand {

    public static final SqlOperator OPERATOR = operator("BEGIN STATEMENT SET");

    public SqlBeginStatementSet(SqlParserPos pos) {
        super(pos, OPERATOR);
    }
}
