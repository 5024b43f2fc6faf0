package io.sluice.sql.parser.ddl;

import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlWriter;

final class SqlTypes {

    private SqlTypes() {
    }

    /** {@link SqlDataTypeSpec#unparse} leaves out nullability; a column declaration needs it. */
    static void unparseWithNullability(SqlWriter writer, SqlDataTypeSpec type) {
        type.unparse(writer, 0, 0);
        if (Boolean.FALSE.equals(type.getNullable())) {
            writer.keyword("NOT NULL");
        }
    }
}
