package io.sluice.planner.codegen;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Gives both operands of an integer {@code MOD} of a column and a constant the same type,
 * {@code MOD(auction, 123)} becoming {@code CAST(MOD(auction, 123:BIGINT) AS INTEGER)}.
 *
 * <p>Calcite's code generator finds the Java method for {@code MOD(BIGINT, INTEGER)} among the
 * overloads of {@code SqlFunctions.mod} in reflection order, which differs between JVM runs: some
 * runs got {@code mod(long, long)}, others {@code mod(BigDecimal, BigDecimal)} with two decimals
 * made per row. With equal operand types the exact overload is found. The value is the same either
 * way: the remainder has the dividend's sign and is smaller than the divisor, so it fits the
 * divisor's type, which is the type of the call.
 */
final class IntegerModNormalizer extends RexShuttle {
    private final RexBuilder rexBuilder;
    private boolean changed;

    private IntegerModNormalizer(RexBuilder rexBuilder) {
        this.rexBuilder = rexBuilder;
    }

    /** The program with every integer MOD normalized, or the program itself when it has none. */
    static RexProgram normalize(RexProgram program, RexBuilder rexBuilder) {
        IntegerModNormalizer normalizer = new IntegerModNormalizer(rexBuilder);
        List<RexNode> projects = new ArrayList<>();
        for (RexNode project : program.expandList(program.getProjectList())) {
            projects.add(project.accept(normalizer));
        }
        RexNode condition = program.getCondition() == null ? null
                : program.expandLocalRef(program.getCondition()).accept(normalizer);
        if (!normalizer.changed) {
            return program;
        }
        return RexProgram.create(program.getInputRowType(), projects, condition, program.getOutputRowType(),
                rexBuilder);
    }

    @Override
    public RexNode visitCall(RexCall call) {
        RexCall visited = (RexCall) super.visitCall(call);
        if (visited.getKind() != SqlKind.MOD || visited.getOperands().size() != 2) {
            return visited;
        }
        RexNode dividend = visited.getOperands().get(0);
        RexNode divisor = visited.getOperands().get(1);
        int dividendRank = integerRank(dividend.getType());
        int divisorRank = integerRank(divisor.getType());
        // only a literal is widened: it becomes a literal of the wider type, no cast is left to run
        // (a cast of an input is not needed for the common MOD(column, constant), and Calcite's
        // translator asserts on some)
        if (dividendRank < 0 || divisorRank < 0 || dividendRank == divisorRank
                || !((dividendRank < divisorRank ? dividend : divisor) instanceof RexLiteral)) {
            return visited;
        }
        RelDataType wider = (dividendRank > divisorRank ? dividend : divisor).getType();
        RexNode mod = rexBuilder.makeCall(visited.getOperator(), widen(dividend, wider), widen(divisor, wider));
        changed = true;
        return mod.getType().getSqlTypeName() == visited.getType().getSqlTypeName() ? mod
                : rexBuilder.makeCast(visited.getType(), mod, false, false);
    }

    private RexNode widen(RexNode operand, RelDataType wider) {
        RelDataType type = rexBuilder.getTypeFactory().createTypeWithNullability(wider, operand.getType().isNullable());
        return operand.getType().getSqlTypeName() == wider.getSqlTypeName() ? operand
                : rexBuilder.makeCast(type, operand, false, false);
    }

    /** TINYINT 0 … BIGINT 3, or -1 for any other type. */
    private static int integerRank(RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        if (name == SqlTypeName.TINYINT) {
            return 0;
        }
        if (name == SqlTypeName.SMALLINT) {
            return 1;
        }
        if (name == SqlTypeName.INTEGER) {
            return 2;
        }
        return name == SqlTypeName.BIGINT ? 3 : -1;
    }
}
