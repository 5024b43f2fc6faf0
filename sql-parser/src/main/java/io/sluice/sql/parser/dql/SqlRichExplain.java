package io.sluice.sql.parser.dql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * {@code EXPLAIN [PLAN FOR] statement} or Flink's {@code EXPLAIN detail, ... statement}, where a
 * detail is one of {@link #DETAILS} and the statement is a query, an INSERT, a statement set or
 * {@code EXECUTE INSERT}.
 */
public final class SqlRichExplain extends SqlCall {

    public static final SqlOperator OPERATOR = new SqlSpecialOperator("EXPLAIN", SqlKind.EXPLAIN);

    /** The details Flink's EXPLAIN accepts, as {@link #getDetails()} spells them. */
    public static final Set<String> DETAILS = Set.of(
            "ESTIMATED_COST", "CHANGELOG_MODE", "JSON_EXECUTION_PLAN", "PLAN_ADVICE");

    private final SqlNode statement;
    private final Set<String> details;

    public SqlRichExplain(SqlParserPos pos, SqlNode statement, Set<String> details) {
        super(pos);
        this.statement = requireNonNull(statement, "statement is null");
        this.details = Collections.unmodifiableSet(new LinkedHashSet<>(details));
        for (String detail : this.details) {
            if (!DETAILS.contains(detail)) {
                throw new IllegalArgumentException("unknown EXPLAIN detail: " + detail);
            }
        }
    }

    public SqlNode getStatement() {
        return statement;
    }

    /** The details asked for, upper case, in the order written; empty for a plain EXPLAIN. */
    public Set<String> getDetails() {
        return details;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(statement);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("EXPLAIN");
        if (!details.isEmpty()) {
            SqlWriter.Frame frame = writer.startList("", "");
            for (String detail : details) {
                writer.sep(",");
                writer.keyword(detail);
            }
            writer.endList(frame);
        }
        writer.newlineAndIndent();
        statement.unparse(writer, 0, 0);
    }
}
