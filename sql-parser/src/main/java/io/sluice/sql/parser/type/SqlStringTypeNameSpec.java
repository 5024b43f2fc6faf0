package io.sluice.sql.parser.type;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCollation;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;

/** Flink's {@code STRING}: a {@code VARCHAR} of the maximum length. */
public final class SqlStringTypeNameSpec extends SqlTypeNameSpec {

    public SqlStringTypeNameSpec(SqlParserPos pos) {
        super(new SqlIdentifier("STRING", pos), pos);
    }

    @Override
    public RelDataType deriveType(SqlValidator validator) {
        RelDataTypeFactory typeFactory = validator.getTypeFactory();
        RelDataType type = typeFactory.createSqlType(SqlTypeName.VARCHAR, Integer.MAX_VALUE);
        return typeFactory.createTypeWithCharsetAndCollation(type, typeFactory.getDefaultCharset(),
                SqlCollation.IMPLICIT);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("STRING");
    }

    @Override
    public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
        if (!(spec instanceof SqlStringTypeNameSpec)) {
            return litmus.fail("{} != {}", this, spec);
        }
        return litmus.succeed();
    }
}
