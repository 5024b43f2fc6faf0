package io.sluice.sql.parser.dql;

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
import java.util.Optional;

/** {@code SET 'key' = 'value'}, or {@code SET} alone, which lists the session's configuration. */
public final class SqlSet extends SqlCall {

    public static final SqlOperator OPERATOR = new SqlSpecialOperator("SET", SqlKind.OTHER);

    private final String key;
    private final String value;

    /** Both {@code key} and {@code value} are null, or neither is. */
    public SqlSet(SqlParserPos pos, String key, String value) {
        super(pos);
        if ((key == null) != (value == null)) {
            throw new IllegalArgumentException("key and value must both be given, or neither");
        }
        this.key = key;
        this.value = value;
    }

    public Optional<String> getKey() {
        return Optional.ofNullable(key);
    }

    public Optional<String> getValue() {
        return Optional.ofNullable(value);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        if (key == null) {
            return List.of();
        }
        return List.of(SqlLiteral.createCharString(key, getParserPosition()),
                SqlLiteral.createCharString(value, getParserPosition()));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SET");
        if (key != null) {
            Unparsing.stringLiteral(writer, key);
            writer.keyword("=");
            Unparsing.stringLiteral(writer, value);
        }
    }
}
