package io.sluice.sql.parser.dql;

import io.sluice.sql.parser.Unparsing;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code STOP JOB 'name' [WITH SAVEPOINT] [WITH DRAIN]}. */
public final class SqlStopJob extends SqlCall {

    public static final SqlOperator OPERATOR = new SqlSpecialOperator("STOP JOB", SqlKind.OTHER);

    private final String jobName;
    private final boolean withSavepoint;
    private final boolean withDrain;

    public SqlStopJob(SqlParserPos pos, String jobName, boolean withSavepoint, boolean withDrain) {
        super(pos);
        this.jobName = requireNonNull(jobName, "jobName is null");
        this.withSavepoint = withSavepoint;
        this.withDrain = withDrain;
    }

    public String getJobName() {
        return jobName;
    }

    public boolean isWithSavepoint() {
        return withSavepoint;
    }

    public boolean isWithDrain() {
        return withDrain;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(SqlLiteral.createCharString(jobName, getParserPosition()));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("STOP JOB");
        Unparsing.stringLiteral(writer, jobName);
        if (withSavepoint) {
            writer.keyword("WITH SAVEPOINT");
        }
        if (withDrain) {
            writer.keyword("WITH DRAIN");
        }
    }
}
