package io.sluice.sql.parser.dml;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code EXECUTE INSERT INTO ...}: the same as the INSERT alone. */
public final class SqlExecute extends SqlCall {

    public static final SqlOperator OPERATOR = new SqlSpecialOperator("EXECUTE", SqlKind.OTHER);

    private final SqlNode statement;

    public SqlExecute(SqlParserPos pos, SqlNode statement) {
        super(pos);
        this.statement = requireNonNull(statement, "statement is null");
    }

    public SqlNode getStatement() {
        return statement;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(statement);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("EXECUTE");
        statement.unparse(writer, 0, 0);
    }
}
