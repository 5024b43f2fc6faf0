package io.sluice.planner.physical;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSyntax;

/** Prints row expressions with input column names instead of {@code $3}, for EXPLAIN. */
final class RexFormatter {
    private final List<String> inputNames;

    RexFormatter(List<String> inputNames) {
        this.inputNames = inputNames;
    }

    String format(RexNode node) {
        if (node instanceof RexInputRef ref) {
            return inputNames.get(ref.getIndex());
        }
        if (node instanceof RexLiteral literal) {
            return literal.computeDigest(org.apache.calcite.rex.RexDigestIncludeType.NO_TYPE);
        }
        if (node instanceof RexCall call) {
            List<String> operands = call.getOperands().stream().map(this::format).collect(Collectors.toList());
            if (call.getKind() == SqlKind.CAST) {
                return "CAST(" + operands.get(0) + " AS " + call.getType().getFullTypeString() + ")";
            }
            SqlSyntax syntax = call.getOperator().getSyntax();
            if (syntax == SqlSyntax.BINARY && operands.size() == 2) {
                return "(" + operands.get(0) + " " + call.getOperator().getName() + " " + operands.get(1) + ")";
            }
            return call.getOperator().getName() + "(" + String.join(", ", operands) + ")";
        }
        return node.toString();
    }

    static String projections(RexProgram program) {
        RexFormatter formatter = new RexFormatter(program.getInputRowType().getFieldNames());
        List<String> names = program.getOutputRowType().getFieldNames();
        StringBuilder sb = new StringBuilder();
        List<org.apache.calcite.rex.RexLocalRef> projects = program.getProjectList();
        for (int i = 0; i < projects.size(); i++) {
            RexNode expr = program.expandLocalRef(projects.get(i));
            String text = formatter.format(expr);
            sb.append(i == 0 ? "" : ", ").append(text);
            if (!text.equals(names.get(i))) {
                sb.append(" AS ").append(names.get(i));
            }
        }
        return sb.toString();
    }

    static String condition(RexProgram program) {
        RexLocalRef condition = program.getCondition();
        return condition == null ? null
                : new RexFormatter(program.getInputRowType().getFieldNames()).format(program.expandLocalRef(condition));
    }
}
