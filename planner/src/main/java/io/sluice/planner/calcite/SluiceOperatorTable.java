package io.sluice.planner.calcite;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.ListSqlOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The functions of Sluice's SQL: Calcite's standard operators, Flink's window table functions, and
 * Flink functions Calcite lacks. Function names are matched case-insensitively, as in Flink SQL,
 * while table and column names stay case-sensitive.
 */
public final class SluiceOperatorTable {
    private static final SqlOperatorTable INSTANCE = shadowing(extensions(), SqlStdOperatorTable.instance());

    private SluiceOperatorTable() {
    }

    public static SqlOperatorTable instance() {
        return INSTANCE;
    }

    private static SqlOperatorTable extensions() {
        List<SqlOperator> operators = new ArrayList<>();
        operators.add(WindowTableFunction.TUMBLE);
        operators.add(WindowTableFunction.HOP);
        operators.add(WindowTableFunction.CUMULATE);
        operators.add(WindowTableFunction.SESSION);
        operators.add(SqlLibraryOperators.CONCAT_FUNCTION);
        operators.add(SqlLibraryOperators.IF);
        operators.add(firstOrLastValue(SqlKind.FIRST_VALUE));
        operators.add(firstOrLastValue(SqlKind.LAST_VALUE));
        SqlReturnTypeInference nullableString = ReturnTypes.explicit(SqlTypeName.VARCHAR, Integer.MAX_VALUE)
                .andThen(org.apache.calcite.sql.type.SqlTypeTransforms.FORCE_NULLABLE);
        operators.add(function("SPLIT_INDEX", "splitIndex", nullableString,
                List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER),
                String.class, String.class, Integer.class));
        operators.add(function("REGEXP_EXTRACT", "regexpExtract", nullableString,
                List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER), String.class, String.class));
        operators.add(function("REGEXP_EXTRACT", "regexpExtract", nullableString,
                List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER),
                String.class, String.class, Integer.class));
        operators.add(function("DATE_FORMAT", "dateFormat", nullableString,
                List.of(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.CHARACTER), Long.class, String.class));
        operators.add(function("DATE_FORMAT", "dateFormat", nullableString,
                List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER), String.class, String.class));
        operators.add(function("TO_TIMESTAMP_LTZ", "toTimestampLtz",
                nullable(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3),
                List.of(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER), Long.class, Integer.class));
        operators.add(function("TO_TIMESTAMP", "toTimestamp", nullable(SqlTypeName.TIMESTAMP, 3),
                List.of(SqlTypeFamily.CHARACTER), String.class));
        operators.add(function("TO_TIMESTAMP", "toTimestamp", nullable(SqlTypeName.TIMESTAMP, 3),
                List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER), String.class, String.class));
        return new ListSqlOperatorTable(operators);
    }

    /**
     * FIRST_VALUE / LAST_VALUE as Flink has them: aggregates of a GROUP BY or window by arrival order,
     * not only OVER window functions as in Calcite's standard table; the result is nullable.
     */
    private static SqlOperator firstOrLastValue(SqlKind kind) {
        return new org.apache.calcite.sql.SqlAggFunction(kind.name(), null, kind, ReturnTypes.ARG0_NULLABLE, null,
                OperandTypes.ANY, SqlFunctionCategory.NUMERIC, false, false,
                org.apache.calcite.util.Optionality.FORBIDDEN) {
        };
    }

    private static SqlReturnTypeInference nullable(SqlTypeName type, int precision) {
        return opBinding -> opBinding.getTypeFactory().createTypeWithNullability(
                opBinding.getTypeFactory().createSqlType(type, precision), true);
    }

    private static SqlOperator function(String name, String methodName, SqlReturnTypeInference returnType,
            List<SqlTypeFamily> families, Class<?>... parameterTypes) {
        Method method;
        try {
            method = BuiltInFunctions.class.getMethod(methodName, parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("missing implementation of " + name, e);
        }
        Function<RelDataTypeFactory, List<RelDataType>> paramTypes = typeFactory -> families.stream()
                .map(f -> typeFactory.createTypeWithNullability(
                        typeFactory.createSqlType(f.getDefaultConcreteType(typeFactory) == null
                                ? SqlTypeName.ANY : f.getDefaultConcreteType(typeFactory).getSqlTypeName()), true))
                .toList();
        SqlOperandMetadata operands = OperandTypes.operandMetadata(families, paramTypes, i -> "arg" + i, i -> false);
        return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
                returnType, InferTypes.FIRST_KNOWN, operands, ScalarFunctionImpl.createUnsafe(method));
    }

    /**
     * Looks functions up ignoring case, so {@code count(*)} and {@code Tumble(…)} resolve like Flink,
     * and lets a name defined here hide the standard table's operators of that name (Calcite's
     * TUMBLE and HOP lack Flink's window_time column).
     */
    private static SqlOperatorTable shadowing(SqlOperatorTable extensions, SqlOperatorTable standard) {
        SqlOperatorTable all = SqlOperatorTables.chain(extensions, standard);
        return new SqlOperatorTable() {
            @Override
            public void lookupOperatorOverloads(SqlIdentifier opName, @Nullable SqlFunctionCategory category,
                    SqlSyntax syntax, List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
                SqlNameMatcher ignoreCase = SqlNameMatchers.withCaseSensitive(false);
                List<SqlOperator> own = new ArrayList<>();
                extensions.lookupOperatorOverloads(opName, null, syntax, own, ignoreCase);
                if (!own.isEmpty()) {
                    operatorList.addAll(own);
                    return;
                }
                standard.lookupOperatorOverloads(opName, category, syntax, operatorList, ignoreCase);
            }

            @Override
            public List<SqlOperator> getOperatorList() {
                return all.getOperatorList();
            }
        };
    }
}
