package io.sluice.connectors.jdbc;

import io.sluice.executor.connector.SourceReader;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.types.RowSchema;

/**
 * A bounded read of a whole database table, for small dimension tables: subtask 0 reads every row,
 * the other subtasks none. Not replayable: the table may change between two reads.
 */
final class JdbcTableSource implements TableSource {
    private final JdbcConnectionOptions connection;
    private final JdbcDialect dialect;
    private final RowSchema schema;
    private final int fetchSize;

    JdbcTableSource(JdbcConnectionOptions connection, JdbcDialect dialect, RowSchema schema, int fetchSize) {
        this.connection = connection;
        this.dialect = dialect;
        this.schema = schema;
        this.fetchSize = fetchSize;
    }

    @Override
    public boolean isBounded() {
        return true;
    }

    @Override
    public SourceReader createReader(int subtaskIndex, int parallelism) {
        String query = "SELECT " + dialect.quotedList(schema.names()) + " FROM "
                + dialect.quoteTableName(connection.tableName());
        return new JdbcSourceReader(connection, query, schema, fetchSize, subtaskIndex == 0);
    }

    @Override
    public String describe() {
        return "jdbc[url=" + connection.maskedUrl() + ", table-name=" + connection.tableName() + "]";
    }
}
