package io.sluice.planner.calcite;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.rel.type.RelDataTypeField;

/** Converts Calcite's types into the runtime's {@link LogicalType}s. */
public final class TypeConversion {
    private TypeConversion() {
    }

    public static RowSchema toRowSchema(RelDataType rowType) {
        RowSchema.Builder builder = RowSchema.builder();
        for (RelDataTypeField field : rowType.getFieldList()) {
            builder.field(field.getName(), toLogicalType(field.getType(), field.getName()));
        }
        return builder.build();
    }

    public static LogicalType toLogicalType(RelDataType type, String what) {
        LogicalType result = switch (type.getSqlTypeName()) {
            case BOOLEAN -> LogicalType.of(TypeRoot.BOOLEAN);
            case TINYINT -> LogicalType.of(TypeRoot.TINYINT);
            case SMALLINT -> LogicalType.of(TypeRoot.SMALLINT);
            case INTEGER -> LogicalType.of(TypeRoot.INTEGER);
            case BIGINT -> LogicalType.of(TypeRoot.BIGINT);
            case REAL -> LogicalType.of(TypeRoot.FLOAT);
            // Calcite's FLOAT (from CAST(x AS FLOAT) in a query) is carried as a double
            case FLOAT, DOUBLE -> LogicalType.of(TypeRoot.DOUBLE);
            case DECIMAL -> LogicalType.decimal(type.getPrecision(), type.getScale());
            case CHAR -> LogicalType.of(TypeRoot.CHAR, type.getPrecision());
            case VARCHAR -> LogicalType.of(TypeRoot.VARCHAR, type.getPrecision());
            case DATE -> LogicalType.of(TypeRoot.DATE);
            case TIME -> LogicalType.of(TypeRoot.TIME, type.getPrecision());
            case TIMESTAMP -> LogicalType.of(TypeRoot.TIMESTAMP, type.getPrecision());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> LogicalType.of(TypeRoot.TIMESTAMP_LTZ, type.getPrecision());
            case NULL -> LogicalType.of(TypeRoot.NULL);
            default -> {
                if (type.getSqlTypeName().getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.INTERVAL_DAY_TIME) {
                    yield LogicalType.of(TypeRoot.INTERVAL_DAY_TIME);
                }
                if (type.getSqlTypeName().getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.INTERVAL_YEAR_MONTH) {
                    yield LogicalType.of(TypeRoot.INTERVAL_YEAR_MONTH);
                }
                String name = type.isStruct() ? "ROW" : type.getSqlTypeName().getName();
                throw new SluiceException(ErrorCode.UNSUPPORTED,
                        "Column '" + what + "' has type " + name + ", which is not supported yet");
            }
        };
        return result.withNullable(type.isNullable());
    }

    /** The Calcite type of a connector's value type (for metadata columns). */
    public static RelDataType toRelDataType(LogicalType type, org.apache.calcite.rel.type.RelDataTypeFactory factory) {
        RelDataType result = switch (type.root()) {
            case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
            case TINYINT -> factory.createSqlType(SqlTypeName.TINYINT);
            case SMALLINT -> factory.createSqlType(SqlTypeName.SMALLINT);
            case INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
            case FLOAT -> factory.createSqlType(SqlTypeName.REAL);
            case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
            case CHAR -> factory.createSqlType(SqlTypeName.CHAR, type.precision());
            case VARCHAR -> type.precision() == LogicalType.NO_PRECISION
                    ? factory.createSqlType(SqlTypeName.VARCHAR)
                    : factory.createSqlType(SqlTypeName.VARCHAR, type.precision());
            case DATE -> factory.createSqlType(SqlTypeName.DATE);
            case TIME -> factory.createSqlType(SqlTypeName.TIME, Math.max(0, type.precision()));
            case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, Math.max(0, type.precision()));
            case TIMESTAMP_LTZ -> factory.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, Math.max(0, type.precision()));
            default -> throw new IllegalArgumentException("no SQL type for connector type " + type);
        };
        return factory.createTypeWithNullability(result, type.nullable());
    }
}
