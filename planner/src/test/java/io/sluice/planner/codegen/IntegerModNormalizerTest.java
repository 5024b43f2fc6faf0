package io.sluice.planner.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.function.RowExpression;
import java.math.BigDecimal;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

class IntegerModNormalizerTest {
    private final JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
    private final RexBuilder rex = new RexBuilder(types);
    private final ExpressionCompiler compiler = new ExpressionCompiler(types, rex, null);

    @Test
    void shouldComputeModOfAColumnAndAConstantOfANarrowerTypeAsTheDecimalModDid() {
        RelDataType row = types.builder()
                .add("b", types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), true))
                .add("i", types.createTypeWithNullability(types.createSqlType(SqlTypeName.INTEGER), true))
                .build();
        RexNode bigintByLiteral = rex.makeCall(SqlStdOperatorTable.MOD, rex.makeInputRef(row, 0),
                rex.makeExactLiteral(BigDecimal.valueOf(123)));
        RowExpression byLiteral = compiler.compile(bigintByLiteral, row);

        assertThat(bigintByLiteral.getType().getSqlTypeName()).isEqualTo(SqlTypeName.INTEGER);
        for (long b : new long[] {0, 1, 122, 123, 124, -1, -124, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(byLiteral.eval(new Object[] {b, 5})).as("MOD(%d, 123)", b)
                    .isEqualTo(BigDecimal.valueOf(b).remainder(BigDecimal.valueOf(123)).intValueExact());
        }
        assertThat(byLiteral.eval(new Object[] {null, 5})).isNull();
    }
}
