package io.sluice.sql.parser.ddl;

import io.sluice.sql.parser.Unparsing;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A metadata column: {@code name TYPE METADATA [FROM 'key'] [VIRTUAL] [COMMENT '...']}. Without
 * {@code FROM}, the metadata key is the column name. A virtual column is read-only: it is not
 * written to a sink.
 */
public final class SqlMetadataColumn extends SqlTableColumn {

    public static final SqlOperator OPERATOR =
            new SqlSpecialOperator("METADATA COLUMN", SqlKind.COLUMN_DECL);

    private final SqlDataTypeSpec type;
    private final String metadataKey;
    private final boolean virtual;

    public SqlMetadataColumn(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type,
            String metadataKey, boolean virtual, String comment) {
        super(pos, name, comment);
        this.type = requireNonNull(type, "type is null");
        this.metadataKey = metadataKey;
        this.virtual = virtual;
    }

    public SqlDataTypeSpec getType() {
        return type;
    }

    /** The key after {@code FROM}; empty when the column name is the key. */
    public Optional<String> getMetadataKey() {
        return Optional.ofNullable(metadataKey);
    }

    public boolean isVirtual() {
        return virtual;
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
        writer.keyword("METADATA");
        if (metadataKey != null) {
            writer.keyword("FROM");
            Unparsing.stringLiteral(writer, metadataKey);
        }
        if (virtual) {
            writer.keyword("VIRTUAL");
        }
    }
}
