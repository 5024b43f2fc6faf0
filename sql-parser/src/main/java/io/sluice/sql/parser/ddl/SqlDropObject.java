package io.sluice.sql.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP [TEMPORARY] <object kind> [IF EXISTS] name}, for the kinds of catalog object. */
public abstract class SqlDropObject extends SqlDrop {
    private final String objectKeyword;
    private final SqlIdentifier name;
    private final boolean temporary;

    SqlDropObject(SqlOperator operator, String objectKeyword, SqlParserPos pos, SqlIdentifier name,
            boolean ifExists, boolean temporary) {
        super(operator, pos, ifExists);
        this.objectKeyword = objectKeyword;
        this.name = requireNonNull(name, "name is null");
        this.temporary = temporary;
    }

    public SqlIdentifier getName() {
        return name;
    }

    public boolean isIfExists() {
        return ifExists;
    }

    public boolean isTemporary() {
        return temporary;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DROP");
        if (temporary) {
            writer.keyword("TEMPORARY");
        }
        writer.keyword(objectKeyword);
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
    }
}
