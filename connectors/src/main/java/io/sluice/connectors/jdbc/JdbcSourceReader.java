package io.sluice.connectors.jdbc;

import io.sluice.connectors.state.StateBytes;
import io.sluice.executor.connector.SourceContext;
import io.sluice.executor.connector.SourceOutput;
import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.types.RowSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads the rows of one query, a few hundred per poll. Its state is the number of rows emitted; a
 * reader restored from it skips that many rows of the query run again, which is right as long as
 * the table has not changed in between.
 */
final class JdbcSourceReader implements SourceReader {
    private static final int ROWS_PER_POLL = 500;
    private static final int MAGIC = 0x4A534352;
    private static final int VERSION = 1;

    private final JdbcConnectionOptions options;
    private final String query;
    private final RowSchema schema;
    private final int fetchSize;
    private final boolean readsTable;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet result;
    private long emitted;
    private long toSkip;
    private boolean ended;

    JdbcSourceReader(JdbcConnectionOptions options, String query, RowSchema schema, int fetchSize, boolean readsTable) {
        this.options = options;
        this.query = query;
        this.schema = schema;
        this.fetchSize = fetchSize;
        this.readsTable = readsTable;
    }

    @Override
    public void open(SourceContext context) {
        for (byte[] state : context.restoredState()) {
            if (state.length > 0) {
                toSkip = Math.max(toSkip, StateBytes.decode(state, MAGIC, VERSION,
                        "Table '" + options.sluiceTable() + "': the jdbc source state of the checkpoint",
                        in -> in.readLong()));
            }
        }
        emitted = toSkip;
        ended = !readsTable;
    }

    @Override
    public ReadStatus pollNext(SourceOutput output) {
        SourceOutput.SplitOutput split = output.split(options.tableName());
        if (ended) {
            split.finish();
            return ReadStatus.END_OF_INPUT;
        }
        try {
            if (result == null) {
                startQuery();
            }
            for (int n = 0; n < ROWS_PER_POLL; n++) {
                if (!result.next()) {
                    ended = true;
                    closeQuery();
                    split.finish();
                    return ReadStatus.END_OF_INPUT;
                }
                Object[] row = new Object[schema.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = JdbcValues.read(result, i + 1, schema.type(i));
                }
                split.collect(row);
                emitted++;
            }
            return ReadStatus.MORE_AVAILABLE;
        } catch (SQLException e) {
            throw options.error("cannot read: " + JdbcConnectionOptions.describe(e), e);
        }
    }

    private void startQuery() throws SQLException {
        connection = options.connect();
        // PostgreSQL fetches in chunks (instead of all at once) only inside a transaction
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        statement = connection.prepareStatement(query, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(fetchSize > 0 ? fetchSize : 1000);
        result = statement.executeQuery();
        for (long skipped = 0; skipped < toSkip && result.next(); skipped++) {
            // rows emitted before the restored checkpoint
        }
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
        return StateBytes.encode(MAGIC, VERSION, out -> out.writeLong(emitted));
    }

    private void closeQuery() throws SQLException {
        try {
            if (connection != null) {
                connection.rollback();
                connection.close();
            }
        } finally {
            connection = null;
            statement = null;
            result = null;
        }
    }

    @Override
    public void close() throws SQLException {
        closeQuery();
    }
}
