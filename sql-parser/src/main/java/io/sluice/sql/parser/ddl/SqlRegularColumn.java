package io.sluice.sql.parser.ddl;

import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A physical column: {@code name TYPE [NOT NULL] [COMMENT '...']}. */
public final class SqlRegularColumn extends SqlTableColumn {

    public static final SqlOperator OPERATOR =
            new SqlSpecialOperator("REGULAR COLUMN", SqlKind.COLUMN_DECL);

    private final SqlDataTypeSpec type;

    public SqlRegularColumn(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type,
            String comment) {
        super(pos, name, comment);
        this.type = requireNonNull(type, "type is null");
    }

    /** The type; {@code getNullable()} is {@code false} for {@code NOT NULL}. */
    public SqlDataTypeSpec getType() {
        return type;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(getName(), type);
    }

    @Override
    protected void unparseDefinition(SqlWriter writer) {
        SqlTypes.unparseWithNullability(writer, type);
    }
}
