package io.sluice.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.util.SqlShuttle;

/** Helpers for SQL trees. */
final class SqlNodes {
    private SqlNodes() {
    }

    /**
     * A deep copy keeping positions. Calcite's validator rewrites the trees it validates, so a
     * stored expression (a computed column, a watermark) is copied before each use.
     */
    static SqlNode deepCopy(SqlNode node) {
        return node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlCall call) {
                List<SqlNode> operands = call.getOperandList();
                SqlNode[] copies = new SqlNode[operands.size()];
                for (int i = 0; i < copies.length; i++) {
                    copies[i] = operands.get(i) == null ? null : operands.get(i).accept(this);
                }
                return call.getOperator().createCall(call.getFunctionQuantifier(), call.getParserPosition(), copies);
            }

            @Override
            public SqlNode visit(SqlIdentifier id) {
                return id.clone(id.getParserPosition());
            }

            @Override
            public SqlNode visit(SqlNodeList list) {
                List<SqlNode> copies = new ArrayList<>();
                for (SqlNode item : list) {
                    copies.add(item == null ? null : item.accept(this));
                }
                return new SqlNodeList(copies, list.getParserPosition());
            }
        });
    }
}
