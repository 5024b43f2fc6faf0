package io.sluice.sql.parser.dql;

import io.sluice.sql.parser.SqlKeywordCommand;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW FUNCTIONS}. */
public final class SqlShowFunctions extends SqlKeywordCommand {

    public static final SqlOperator OPERATOR = operator("SHOW FUNCTIONS");

    public SqlShowFunctions(SqlParserPos pos) {
        super(pos, OPERATOR);
    }
}
