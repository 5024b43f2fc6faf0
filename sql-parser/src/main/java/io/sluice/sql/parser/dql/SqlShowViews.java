package io.sluice.sql.parser.dql;

import io.sluice.sql.parser.SqlKeywordCommand;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW VIEWS}. */
public final class SqlShowViews extends SqlKeywordCommand {

    public static final SqlOperator OPERATOR = operator("SHOW VIEWS");

    public SqlShowViews(SqlParserPos pos) {
        super(pos, OPERATOR);
    }
}
