package io.sluice.sql.parser.dql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code DESCRIBE [EXTENDED] name}, also spelled {@code DESC}. */
public final class SqlRichDescribeTable extends SqlCall {

    public static final SqlOperator OPERATOR =
            new SqlSpecialOperator("DESCRIBE", SqlKind.DESCRIBE_TABLE);

    private final SqlIdentifier table;
    private final boolean extended;

    public SqlRichDescribeTable(SqlParserPos pos, SqlIdentifier table, boolean extended) {
        super(pos);
        this.table = requireNonNull(table, "table is null");
        this.extended = extended;
    }

    public SqlIdentifier getTable() {
        return table;
    }

    public boolean isExtended() {
        return extended;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(table);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DESCRIBE");
        if (extended) {
            writer.keyword("EXTENDED");
        }
        table.unparse(writer, leftPrec, rightPrec);
    }
}
