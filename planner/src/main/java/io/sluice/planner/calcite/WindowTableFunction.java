package io.sluice.planner.calcite;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.window.WindowKind;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.TableCharacteristic;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.Static;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Flink SQL's window table functions TUMBLE, HOP, CUMULATE and SESSION: the input table's columns
 * plus {@code window_start}, {@code window_end} (TIMESTAMP(3)) and {@code window_time}, the time
 * attribute of the window (window_end - 1 ms, of the time column's type).
 *
 * <p>SESSION takes its table with set semantics, so that Calcite's validator accepts
 * {@code TABLE t PARTITION BY k} as its first argument, as in Flink; the others take rows one by
 * one (row semantics), where a PARTITION BY would mean nothing.
 */
public final class WindowTableFunction extends SqlWindowTableFunction {
    private final WindowKind kind;

    private WindowTableFunction(WindowKind kind, List<String> params, int mandatory) {
        super(kind.name(), new OperandMetadata(params, mandatory));
        this.kind = kind;
    }

    public static final WindowTableFunction TUMBLE =
            new WindowTableFunction(WindowKind.TUMBLE, List.of("DATA", "TIMECOL", "SIZE", "OFFSET"), 3);
    public static final WindowTableFunction HOP =
            new WindowTableFunction(WindowKind.HOP, List.of("DATA", "TIMECOL", "SLIDE", "SIZE", "OFFSET"), 4);
    public static final WindowTableFunction CUMULATE =
            new WindowTableFunction(WindowKind.CUMULATE, List.of("DATA", "TIMECOL", "STEP", "SIZE", "OFFSET"), 4);
    public static final WindowTableFunction SESSION =
            new WindowTableFunction(WindowKind.SESSION, List.of("DATA", "TIMECOL", "GAP"), 3);

    private static final TableCharacteristic PARTITIONABLE =
            TableCharacteristic.builder(TableCharacteristic.Semantics.SET).passColumnsThrough().build();

    public WindowKind windowKind() {
        return kind;
    }

    @Override
    public @Nullable TableCharacteristic tableCharacteristic(int ordinal) {
        return kind == WindowKind.SESSION && ordinal == 0 ? PARTITIONABLE : super.tableCharacteristic(ordinal);
    }

    @Override
    public SqlReturnTypeInference getRowTypeInference() {
        return WindowTableFunction::inferRowType;
    }

    private static RelDataType inferRowType(SqlOperatorBinding binding) {
        RelDataType input = binding.getOperandType(0);
        RelDataTypeFactory typeFactory = binding.getTypeFactory();
        RelDataType timeType = timeColumnType(binding);
        RelDataType bound = typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3);
        RelDataType windowTime = typeFactory.createSqlType(
                timeType != null && timeType.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                        ? SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE : SqlTypeName.TIMESTAMP, 3);
        return typeFactory.builder()
                .kind(input.getStructKind())
                .addAll(input.getFieldList())
                .add("window_start", bound)
                .add("window_end", bound)
                .add("window_time", windowTime)
                .build();
    }

    private static RelDataType timeColumnType(SqlOperatorBinding binding) {
        if (!(binding instanceof SqlCallBinding callBinding)) {
            return null;
        }
        SqlNode descriptor = callBinding.operand(1);
        if (!(descriptor instanceof SqlCall call) || call.operandCount() != 1) {
            return null;
        }
        String column = ((SqlIdentifier) call.operand(0)).getSimple();
        RelDataTypeField field = binding.getOperandType(0).getField(column, true, false);
        return field == null ? null : field.getType();
    }

    /** Checks TABLE t, DESCRIPTOR(one TIMESTAMP column of t), then day-time intervals. */
    private static final class OperandMetadata implements SqlOperandMetadata {
        private final List<String> params;
        private final int mandatory;

        OperandMetadata(List<String> params, int mandatory) {
            this.params = params;
            this.mandatory = mandatory;
        }

        @Override
        public List<RelDataType> paramTypes(RelDataTypeFactory typeFactory) {
            RelDataType any = typeFactory.createSqlType(SqlTypeName.ANY);
            return params.stream().map(p -> any).toList();
        }

        @Override
        public List<String> paramNames() {
            return params;
        }

        @Override
        public boolean isOptional(int i) {
            return i >= mandatory;
        }

        @Override
        public SqlOperandCountRange getOperandCountRange() {
            return SqlOperandCountRanges.between(mandatory, params.size());
        }

        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
            SqlNode descriptor = binding.operand(1);
            if (descriptor.getKind() != SqlKind.DESCRIPTOR || ((SqlCall) descriptor).operandCount() != 1) {
                return fail(binding, throwOnFailure);
            }
            SqlIdentifier column = (SqlIdentifier) ((SqlCall) descriptor).operand(0);
            RelDataTypeField field = binding.getOperandType(0).getField(column.getSimple(), true, false);
            if (field == null) {
                throw SqlUtil.newContextException(column.getParserPosition(),
                        Static.RESOURCE.unknownIdentifier(column.getSimple()));
            }
            SqlTypeName type = field.getType().getSqlTypeName();
            if (type != SqlTypeName.TIMESTAMP && type != SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
                if (throwOnFailure) {
                    throw new SluiceException(ErrorCode.VALIDATION_ERROR, "The window time column '"
                            + column.getSimple() + "' must be of type TIMESTAMP or TIMESTAMP_LTZ, but is "
                            + field.getType().getFullTypeString(),
                            column.getParserPosition().getLineNum(), column.getParserPosition().getColumnNum(), null);
                }
                return false;
            }
            for (int i = 2; i < binding.getOperandCount(); i++) {
                RelDataType operandType = binding.getOperandType(i);
                if (!SqlTypeUtil.isInterval(operandType)
                        || operandType.getSqlTypeName().getFamily() != SqlTypeFamily.INTERVAL_DAY_TIME) {
                    return fail(binding, throwOnFailure);
                }
            }
            return true;
        }

        private static boolean fail(SqlCallBinding binding, boolean throwOnFailure) {
            if (throwOnFailure) {
                throw binding.newValidationSignatureError();
            }
            return false;
        }

        @Override
        public String getAllowedSignatures(SqlOperator op, String opName) {
            StringBuilder sb = new StringBuilder(opName).append("(TABLE table_name, DESCRIPTOR(timecol)");
            for (int i = 2; i < params.size(); i++) {
                sb.append(i >= mandatory ? "[, " : ", ").append("INTERVAL ").append(params.get(i).toLowerCase());
                if (i >= mandatory) {
                    sb.append(']');
                }
            }
            return sb.append(')').toString();
        }
    }
}
