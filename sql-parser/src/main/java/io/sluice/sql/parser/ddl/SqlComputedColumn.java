package io.sluice.sql.parser.ddl;

import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A computed column: {@code name AS expression [COMMENT '...']}. */
public final class SqlComputedColumn extends SqlTableColumn {

    public static final SqlOperator OPERATOR =
            new SqlSpecialOperator("COMPUTED COLUMN", SqlKind.COLUMN_DECL);

    private final SqlNode expression;

    public SqlComputedColumn(SqlParserPos pos, SqlIdentifier name, SqlNode expression,
            String comment) {
        super(pos, name, comment);
        this.expression = requireNonNull(expression, "expression is null");
    }

    public SqlNode getExpression() {
        return expression;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(getName(), expression);
    }

    @Override
    protected void unparseDefinition(SqlWriter writer) {
        writer.keyword("AS");
        expression.unparse(writer, 0, 0);
    }
}
