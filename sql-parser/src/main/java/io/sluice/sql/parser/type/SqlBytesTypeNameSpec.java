package io.sluice.sql.parser.type;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;

/** Flink's {@code BYTES}: a {@code VARBINARY} of the maximum length. */
public final class SqlBytesTypeNameSpec extends SqlTypeNameSpec {

    public SqlBytesTypeNameSpec(SqlParserPos pos) {
        super(new SqlIdentifier("BYTES", pos), pos);
    }

    @Override
    public RelDataType deriveType(SqlValidator validator) {
        return validator.getTypeFactory().createSqlType(SqlTypeName.VARBINARY, Integer.MAX_VALUE);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("BYTES");
    }

    @Override
    public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
        if (!(spec instanceof SqlBytesTypeNameSpec)) {
            return litmus.fail("{} != {}", this, spec);
        }
        return litmus.succeed();
    }
}
