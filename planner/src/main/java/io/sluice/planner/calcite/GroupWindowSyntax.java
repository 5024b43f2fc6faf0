package io.sluice.planner.calcite;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlGroupedWindowFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInternalOperator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.Litmus;
import org.apache.calcite.util.Util;

/**
 * Flink's group-window syntax, {@code GROUP BY TUMBLE(ts, size)} / {@code HOP(ts, slide, size)} /
 * {@code SESSION(ts, gap)} with {@code TUMBLE_START}, {@code _END} and {@code _ROWTIME} (and HOP's
 * and SESSION's) in the SELECT list, made ready for Calcite's validator.
 *
 * <p>Calcite parses the GROUP BY call into its own group function ({@code $TUMBLE}) and would turn
 * each auxiliary function into an expression over the group key — but it knows no {@code _ROWTIME},
 * and gives SESSION_START and SESSION_END the same value. So before validation every auxiliary call
 * becomes a window property over Calcite's START function of its group, e.g.
 * {@code SESSION_END(ts, gap)} → {@code $WINDOW_END(SESSION_START(ts, gap))}: the validator checks
 * SESSION_START against the GROUP BY as usual, the converter makes it the group key, and the
 * planner ({@code GroupWindowRewrite}) replaces the group key and the properties with a window
 * aggregation and its window_start, window_end and window_time. (Wrapping the group call itself
 * would not do: Calcite refuses a group function outside GROUP BY.)
 */
public final class GroupWindowSyntax {
    public static final SqlOperator WINDOW_START = property("$WINDOW_START", false);
    public static final SqlOperator WINDOW_END = property("$WINDOW_END", false);
    public static final SqlOperator WINDOW_ROWTIME = property("$WINDOW_ROWTIME", true);

    private static final List<SqlGroupedWindowFunction> GROUP_FUNCTIONS = List.of(
            SqlStdOperatorTable.TUMBLE_OLD, SqlStdOperatorTable.HOP_OLD, SqlStdOperatorTable.SESSION_OLD);

    private GroupWindowSyntax() {
    }

    /** Whether {@code call} is a group window function call of the GROUP BY clause. */
    public static boolean isGroupWindow(SqlOperator operator) {
        return GROUP_FUNCTIONS.contains(operator);
    }

    /** Rewrites the auxiliary group-window functions of every SELECT in {@code statement}, in place. */
    public static SqlNode rewrite(SqlNode statement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect select) {
                    rewrite(select);
                }
                return super.visit(call);
            }
        });
        return statement;
    }

    private static void rewrite(SqlSelect select) {
        List<SqlCall> groupWindows = new ArrayList<>();
        if (select.getGroup() != null) {
            for (SqlNode item : select.getGroup()) {
                if (item instanceof SqlCall call && isGroupWindow(call.getOperator())) {
                    groupWindows.add(call);
                }
            }
        }
        SqlShuttle properties = new SqlShuttle() {
            @Override
            public SqlNode visit(SqlCall call) {
                if (call instanceof SqlSelect) {
                    return call; // a subquery's auxiliary functions belong to its own GROUP BY
                }
                Auxiliary auxiliary = Auxiliary.of(call);
                return auxiliary == null ? super.visit(call) : auxiliary.rewrite(call, groupWindows);
            }
        };
        select.setSelectList((SqlNodeList) select.getSelectList().accept(properties));
        if (select.getHaving() != null) {
            select.setHaving(select.getHaving().accept(properties));
        }
    }

    /** An auxiliary function such as HOP_END: which group function it belongs to, which property it is. */
    private record Auxiliary(String name, SqlGroupedWindowFunction group, SqlGroupedWindowFunction start,
            SqlOperator property) {
        static Auxiliary of(SqlCall call) {
            String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
            int underscore = name.indexOf('_');
            if (underscore < 0) {
                return null;
            }
            String function = name.substring(0, underscore);
            SqlGroupedWindowFunction start = switch (function) {
                case "TUMBLE" -> SqlStdOperatorTable.TUMBLE_START;
                case "HOP" -> SqlStdOperatorTable.HOP_START;
                case "SESSION" -> SqlStdOperatorTable.SESSION_START;
                default -> null;
            };
            SqlOperator property = switch (name.substring(underscore + 1)) {
                case "START" -> WINDOW_START;
                case "END" -> WINDOW_END;
                case "ROWTIME" -> WINDOW_ROWTIME;
                default -> null;
            };
            return start == null || property == null ? null
                    : new Auxiliary(name, start.groupFunction, start, property);
        }

        SqlNode rewrite(SqlCall call, List<SqlCall> groupWindows) {
            if (groupWindows.stream().noneMatch(window -> sameWindow(window, call))) {
                SqlParserPos pos = call.getParserPosition();
                String function = name.substring(0, name.indexOf('_'));
                throw new SluiceException(ErrorCode.VALIDATION_ERROR, name + " needs a GROUP BY " + function
                        + "(…) with the same time column and intervals in the same query",
                        pos.getLineNum(), pos.getColumnNum(), null);
            }
            SqlParserPos pos = call.getParserPosition();
            return property.createCall(pos, start.createCall(pos, call.getOperandList()));
        }
    }

    /**
     * Whether an auxiliary call names the group window {@code window}, as far as can be told before
     * validation: the same intervals, and a time column of the same name (qualifiers are resolved
     * later; the validator checks the rest).
     */
    private static boolean sameWindow(SqlCall window, SqlCall auxiliary) {
        Auxiliary kind = Auxiliary.of(auxiliary);
        if (kind == null || window.getOperator() != kind.group()
                || window.operandCount() != auxiliary.operandCount()) {
            return false;
        }
        for (int i = 1; i < window.operandCount(); i++) {
            if (!window.operand(i).equalsDeep(auxiliary.operand(i), Litmus.IGNORE)) {
                return false;
            }
        }
        return !(window.operand(0) instanceof SqlIdentifier column && auxiliary.operand(0) instanceof SqlIdentifier other)
                || Util.last(column.names).equals(Util.last(other.names));
    }

    /**
     * A property of the window a group-window function call groups by. window_start and
     * window_end are plain TIMESTAMP(3); the rowtime keeps the time column's type (TIMESTAMP or
     * TIMESTAMP_LTZ), as Flink's window_time does. Internal operators: the validator takes them as
     * they are instead of looking them up by name.
     */
    private static SqlOperator property(String name, boolean rowtime) {
        return new SqlInternalOperator(name, SqlKind.OTHER_FUNCTION, 0, true, binding -> type(binding, rowtime), null,
                OperandTypes.ANY) {
            @Override
            public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
                SqlUtil.unparseFunctionSyntax(this, writer, call, false);
            }
        };
    }

    private static RelDataType type(SqlOperatorBinding binding, boolean rowtime) {
        RelDataTypeFactory typeFactory = binding.getTypeFactory();
        boolean localTimeZone = binding.getOperandType(0).getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
        return typeFactory.createSqlType(rowtime && localTimeZone
                ? SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE : SqlTypeName.TIMESTAMP, 3);
    }
}
