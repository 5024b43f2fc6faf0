package io.sluice.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** A statement that is only keywords, such as {@code SHOW TABLES} or {@code END}. */
public abstract class SqlKeywordCommand extends SqlCall {

    private final SqlOperator operator;

    protected SqlKeywordCommand(SqlParserPos pos, SqlOperator operator) {
        super(pos);
        this.operator = operator;
    }

    /** An operator whose name is the statement's text. */
    protected static SqlOperator operator(String keywords) {
        return new SqlSpecialOperator(keywords, SqlKind.OTHER);
    }

    @Override
    public final SqlOperator getOperator() {
        return operator;
    }

    @Override
    public final List<SqlNode> getOperandList() {
        return List.of();
    }

    @Override
    public final void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(operator.getName());
    }
}
