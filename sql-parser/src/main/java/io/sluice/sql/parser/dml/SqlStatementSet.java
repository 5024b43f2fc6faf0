package io.sluice.sql.parser.dml;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code EXECUTE STATEMENT SET BEGIN insert; ... END}: several INSERTs run as one job. */
public final class SqlStatementSet extends SqlCall {

    public static final SqlOperator OPERATOR =
            new SqlSpecialOperator("STATEMENT SET", SqlKind.OTHER);

    private final List<SqlInsert> inserts;

    public SqlStatementSet(List<SqlInsert> inserts, SqlParserPos pos) {
        super(pos);
        this.inserts = List.copyOf(inserts);
        if (this.inserts.isEmpty()) {
            throw new IllegalArgumentException("a statement set needs at least one INSERT");
        }
    }

    public List<SqlInsert> getInserts() {
        return inserts;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.copyOf(inserts);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("EXECUTE STATEMENT SET");
        writer.newlineAndIndent();
        writer.keyword("BEGIN");
        for (SqlInsert insert : inserts) {
            writer.newlineAndIndent();
            insert.unparse(writer, 0, 0);
            writer.setNeedWhitespace(false);
            writer.print(";");
        }
        writer.newlineAndIndent();
        writer.keyword("END");
    }
}
