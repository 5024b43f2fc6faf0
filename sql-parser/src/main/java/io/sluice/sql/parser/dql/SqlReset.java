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

/** {@code RESET 'key'}, or {@code RESET} alone, which resets every key. */
public final class SqlReset extends SqlCall {

    public static final SqlOperator OPERATOR = new SqlSpecialOperator("RESET", SqlKind.OTHER);

    private final String key;

    public SqlReset(SqlParserPos pos, String key) {
        super(pos);
        this.key = key;
    }

    public Optional<String> getKey() {
        return Optional.ofNullable(key);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return key == null ? List.of() : List.of(SqlLiteral.createCharString(key, getParserPosition()));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("RESET");
        if (key != null) {
            Unparsing.stringLiteral(writer, key);
        }
    }
}
