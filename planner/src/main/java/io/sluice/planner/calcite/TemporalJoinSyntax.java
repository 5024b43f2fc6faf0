package io.sluice.planner.calcite;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Refuses RIGHT and FULL joins of a {@code FOR SYSTEM_TIME AS OF} table before validation: Calcite
 * converts a temporal join into a correlate, which fails with a bare assertion for those types.
 */
final class TemporalJoinSyntax extends SqlBasicVisitor<Void> {
    private TemporalJoinSyntax() {
    }

    static void check(SqlNode statement) {
        statement.accept(new TemporalJoinSyntax());
    }

    @Override
    public Void visit(SqlCall call) {
        if (call instanceof SqlJoin join && isSnapshot(join.getRight())
                && (join.getJoinType() == JoinType.RIGHT || join.getJoinType() == JoinType.FULL)) {
            SqlParserPos pos = join.getRight().getParserPosition();
            throw new SluiceException(ErrorCode.UNSUPPORTED, join.getJoinType() + " JOIN of a temporal table "
                    + "(FOR SYSTEM_TIME AS OF) is not supported: a temporal join is INNER or LEFT",
                    pos.getLineNum(), pos.getColumnNum(), null);
        }
        return super.visit(call);
    }

    private static boolean isSnapshot(SqlNode node) {
        if (node != null && node.getKind() == SqlKind.AS) {
            node = ((SqlCall) node).operand(0);
        }
        return node != null && node.getKind() == SqlKind.SNAPSHOT;
    }
}
