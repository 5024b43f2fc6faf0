package io.sluice.sql.parser.ddl;

import io.sluice.sql.parser.SqlParserErrors;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the elements of {@code CREATE TABLE (...)} as the parser meets them, in any order, and
 * rejects a second watermark or primary key where it is written. Used by the generated parser.
 */
public final class TableSchemaBuilder {

    private final List<SqlNode> columns = new ArrayList<>();
    private SqlWatermark watermark;
    private SqlNodeList primaryKey = SqlNodeList.EMPTY;
    private SqlIdentifier constraintName;
    private boolean hasPrimaryKey;

    public void column(SqlTableColumn column) {
        columns.add(column);
    }

    public void watermark(SqlWatermark watermark) {
        if (this.watermark != null) {
            throw SqlParserErrors.at(watermark.getParserPosition(),
                    "A table can have only one WATERMARK declaration");
        }
        this.watermark = watermark;
    }

    /** {@code constraintName} is null unless written as {@code CONSTRAINT name PRIMARY KEY}. */
    public void primaryKey(SqlIdentifier constraintName, SqlNodeList columns, SqlParserPos pos) {
        if (hasPrimaryKey) {
            throw SqlParserErrors.at(pos, "A table can have only one PRIMARY KEY");
        }
        this.hasPrimaryKey = true;
        this.constraintName = constraintName;
        this.primaryKey = columns;
    }

    public SqlNodeList columns() {
        return new SqlNodeList(columns, SqlParserPos.sum(columns));
    }

    public SqlWatermark watermark() {
        return watermark;
    }

    public SqlNodeList primaryKey() {
        return primaryKey;
    }

    public SqlIdentifier constraintName() {
        return constraintName;
    }
}
