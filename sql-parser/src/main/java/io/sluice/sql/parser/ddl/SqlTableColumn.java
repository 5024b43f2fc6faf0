package io.sluice.sql.parser.ddl;

import io.sluice.sql.parser.Unparsing;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A column of {@code CREATE TABLE}: physical, computed or metadata. */
public abstract class SqlTableColumn extends SqlCall {

    private final SqlIdentifier name;
    private final String comment;

    protected SqlTableColumn(SqlParserPos pos, SqlIdentifier name, String comment) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
        this.comment = comment;
    }

    public SqlIdentifier getName() {
        return name;
    }

    public Optional<String> getComment() {
        return Optional.ofNullable(comment);
    }

    @Override
    public final void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        name.unparse(writer, 0, 0);
        unparseDefinition(writer);
        Unparsing.comment(writer, comment);
    }

    /** Writes what follows the column name, up to the optional comment. */
    protected abstract void unparseDefinition(SqlWriter writer);
}
