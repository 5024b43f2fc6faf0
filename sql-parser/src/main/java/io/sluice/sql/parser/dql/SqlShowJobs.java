package io.sluice.sql.parser.dql;

import io.sluice.sql.parser.SqlKeywordCommand;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW JOBS}. */
public final class SqlShowJobs extends SqlKeywordCommand {

    public static final SqlOperator OPERATOR = operator("SHOW JOBS");

    public SqlShowJobs(SqlParserPos pos) {
        super(pos, OPERATOR);
    }
}
