package io.sluice.sql.parser.ddl;

import io.sluice.sql.parser.Unparsing;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@code CREATE [TEMPORARY] VIEW [IF NOT EXISTS] name [(c, ...)] [COMMENT '...'] AS query}. */
public final class SqlCreateView extends SqlCreate {

    public static final SqlOperator OPERATOR =
            new SqlSpecialOperator("CREATE VIEW", SqlKind.CREATE_VIEW);

    private final SqlIdentifier name;
    private final SqlNodeList columnNames;
    private final SqlNode query;
    private final String comment;
    private final boolean temporary;

    public SqlCreateView(SqlParserPos pos, SqlIdentifier name, SqlNodeList columnNames,
            SqlNode query, String comment, boolean temporary, boolean ifNotExists) {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = requireNonNull(name, "name is null");
        this.columnNames = requireNonNull(columnNames, "columnNames is null");
        this.query = requireNonNull(query, "query is null");
        this.comment = comment;
        this.temporary = temporary;
    }

    public SqlIdentifier getName() {
        return name;
    }

    /** The column names written after the view name; empty when none were. */
    public List<SqlIdentifier> getColumnNames() {
        return SqlCreateTable.castAll(columnNames, SqlIdentifier.class);
    }

    public SqlNode getQuery() {
        return query;
    }

    public Optional<String> getComment() {
        return Optional.ofNullable(comment);
    }

    public boolean isTemporary() {
        return temporary;
    }

    public boolean isIfNotExists() {
        return ifNotExists;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, columnNames, query);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE");
        if (temporary) {
            writer.keyword("TEMPORARY");
        }
        writer.keyword("VIEW");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);
        if (!columnNames.isEmpty()) {
            Unparsing.parenthesizedList(writer, columnNames.getList());
        }
        Unparsing.comment(writer, comment);
        writer.keyword("AS");
        writer.newlineAndIndent();
        query.unparse(writer, 0, 0);
    }
}
