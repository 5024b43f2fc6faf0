package io.sluice.sql.parser.dql;

import io.sluice.sql.parser.SqlKeywordCommand;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW TABLES}. */
public final class SqlShowTables extends SqlKeywordCommand {

    public static final SqlOperator OPERATOR = operator("SHOW TABLES");

    public SqlShowTables(SqlParserPos pos) {
        super(pos, OPERATOR);
    }
}
