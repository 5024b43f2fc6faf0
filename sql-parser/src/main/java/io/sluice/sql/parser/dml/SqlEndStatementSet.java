package io.sluice.sql.parser.dml;

import io.sluice.sql.parser.SqlKeywordCommand;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code END}: closes a statement set opened by {@link SqlBeginStatementSet}. */
public final class SqlEndStatementSet extends SqlKeywordCommand {

    public static final SqlOperator OPERATOR = operator("END");

    public SqlEndStatementSet(SqlParserPos pos) {
        super(pos, OPERATOR);
    }
}
