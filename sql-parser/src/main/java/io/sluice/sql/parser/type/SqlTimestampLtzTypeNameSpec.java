package io.sluice.sql.parser.type;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;

/** Flink's {@code TIMESTAMP_LTZ[(p)]}, i.e. {@code TIMESTAMP(p) WITH LOCAL TIME ZONE}. */
public final class SqlTimestampLtzTypeNameSpec extends SqlTypeNameSpec {

    /** Flink's default precision of TIMESTAMP_LTZ. */
    public static final int DEFAULT_PRECISION = 6;

    private final int precision;

    /** {@code precision} is -1 when the type was written without one. */
    public SqlTimestampLtzTypeNameSpec(int precision, SqlParserPos pos) {
        super(new SqlIdentifier("TIMESTAMP_LTZ", pos), pos);
        if (precision < -1) {
            throw new IllegalArgumentException("precision must be >= 0, or -1 if absent: " + precision);
        }
        this.precision = precision;
    }

    /** The precision written, or {@link #DEFAULT_PRECISION}. */
    public int getPrecision() {
        return precision == -1 ? DEFAULT_PRECISION : precision;
    }

    public boolean isPrecisionSpecified() {
        return precision != -1;
    }

    @Override
    public RelDataType deriveType(SqlValidator validator) {
        return validator.getTypeFactory()
                .createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, getPrecision());
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("TIMESTAMP_LTZ");
        if (precision != -1) {
            SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.FUN_CALL, "(", ")");
            writer.print(precision);
            writer.endList(frame);
        }
    }

    @Override
    public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
        if (!(spec instanceof SqlTimestampLtzTypeNameSpec)
                || ((SqlTimestampLtzTypeNameSpec) spec).precision != precision) {
            return litmus.fail("{} != {}", this, spec);
        }
        return litmus.succeed();
    }
}
