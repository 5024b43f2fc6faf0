package io.sluice.sql.parser.ddl;

import io.sluice.sql.parser.Unparsing;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** One {@code 'key' = 'value'} of a {@code WITH (...)} clause. */
public final class SqlTableOption extends SqlCall {

    public static final SqlOperator OPERATOR =
            new SqlSpecialOperator("TABLE OPTION", SqlKind.OTHER);

    private final String key;
    private final String value;

    public SqlTableOption(SqlParserPos pos, String key, String value) {
        super(pos);
        this.key = requireNonNull(key, "key is null");
        this.value = requireNonNull(value, "value is null");
    }

    public String getKey() {
        return key;
    }

    public String getValue() {
        return value;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(SqlLiteral.createCharString(key, getParserPosition()),
                SqlLiteral.createCharString(value, getParserPosition()));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        Unparsing.stringLiteral(writer, key);
        writer.keyword("=");
        Unparsing.stringLiteral(writer, value);
    }
}
