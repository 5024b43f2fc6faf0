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
import org.apache.calcite.util.ImmutableNullableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name (column, ..., [WATERMARK FOR c AS expr],
 * [[CONSTRAINT n] PRIMARY KEY (c, ...) NOT ENFORCED]) [COMMENT '...'] [WITH ('k' = 'v', ...)]}.
 *
 * <p>A column-level {@code PRIMARY KEY NOT ENFORCED} is folded into {@link #getPrimaryKey()}, and
 * unparsed as a table constraint.
 */
public final class SqlCreateTable extends SqlCreate {

    public static final SqlOperator OPERATOR =
            new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

    private final SqlIdentifier name;
    private final SqlNodeList columns;
    private final SqlWatermark watermark;
    private final SqlNodeList primaryKey;
    private final SqlIdentifier constraintName;
    private final SqlNodeList options;
    private final String comment;
    private final boolean temporary;

    public SqlCreateTable(SqlParserPos pos, SqlIdentifier name, SqlNodeList columns,
            SqlWatermark watermark, SqlNodeList primaryKey, SqlIdentifier constraintName,
            SqlNodeList options, String comment, boolean temporary, boolean ifNotExists) {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = requireNonNull(name, "name is null");
        this.columns = requireNonNull(columns, "columns is null");
        this.watermark = watermark;
        this.primaryKey = requireNonNull(primaryKey, "primaryKey is null");
        this.constraintName = constraintName;
        this.options = requireNonNull(options, "options is null");
        this.comment = comment;
        this.temporary = temporary;
    }

    public SqlIdentifier getName() {
        return name;
    }

    public List<SqlTableColumn> getColumns() {
        return castAll(columns, SqlTableColumn.class);
    }

    public Optional<SqlWatermark> getWatermark() {
        return Optional.ofNullable(watermark);
    }

    /** The primary key columns; empty when the table has none. */
    public List<SqlIdentifier> getPrimaryKey() {
        return castAll(primaryKey, SqlIdentifier.class);
    }

    /** The name of {@code CONSTRAINT name PRIMARY KEY ...}, if written. */
    public Optional<SqlIdentifier> getConstraintName() {
        return Optional.ofNullable(constraintName);
    }

    /** The {@code WITH} options, in the order written. */
    public List<SqlTableOption> getOptions() {
        return castAll(options, SqlTableOption.class);
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
        return ImmutableNullableList.of(name, columns, watermark, primaryKey, constraintName,
                options);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE");
        if (temporary) {
            writer.keyword("TEMPORARY");
        }
        writer.keyword("TABLE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, leftPrec, rightPrec);

        SqlWriter.Frame elements = writer.startList("(", ")");
        for (SqlNode column : columns) {
            element(writer);
            column.unparse(writer, 0, 0);
        }
        if (watermark != null) {
            element(writer);
            watermark.unparse(writer, 0, 0);
        }
        if (!primaryKey.isEmpty()) {
            element(writer);
            if (constraintName != null) {
                writer.keyword("CONSTRAINT");
                constraintName.unparse(writer, 0, 0);
            }
            writer.keyword("PRIMARY KEY");
            Unparsing.parenthesizedList(writer, primaryKey.getList());
            writer.keyword("NOT ENFORCED");
        }
        writer.newlineAndIndent();
        writer.endList(elements);

        if (comment != null) {
            writer.newlineAndIndent();
            Unparsing.comment(writer, comment);
        }
        if (!options.isEmpty()) {
            writer.newlineAndIndent();
            writer.keyword("WITH");
            SqlWriter.Frame with = writer.startList("(", ")");
            for (SqlNode option : options) {
                element(writer);
                option.unparse(writer, 0, 0);
            }
            writer.newlineAndIndent();
            writer.endList(with);
        }
    }

    private static void element(SqlWriter writer) {
        writer.sep(",");
        writer.newlineAndIndent();
        writer.print("  ");
    }

    static <T> List<T> castAll(SqlNodeList nodes, Class<T> type) {
        List<T> result = new ArrayList<>(nodes.size());
        for (SqlNode node : nodes) {
            result.add(type.cast(node));
        }
        return List.copyOf(result);
    }
}
