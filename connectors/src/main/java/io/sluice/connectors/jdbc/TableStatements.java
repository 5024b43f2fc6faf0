package io.sluice.connectors.jdbc;

import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes changes to the target table on a connection, in batches, without committing: upserts (or
 * inserts for a table without a primary key) and deletes by key. The caller owns the transaction.
 */
final class TableStatements {
    private final RowSchema schema;
    private final int[] keyFields;
    private final String writeSql;
    private final String deleteSql;

    /**
     * @param writeSql the upsert (with a key) or insert (without) statement, parameters in column order
     * @param deleteSql the delete-by-key statement, or null without a key
     */
    TableStatements(RowSchema schema, int[] keyFields, String writeSql, String deleteSql) {
        this.schema = schema;
        this.keyFields = keyFields.clone();
        this.writeSql = writeSql;
        this.deleteSql = deleteSql;
    }

    static TableStatements create(JdbcDialect dialect, String table, RowSchema schema, int[] keyFields) {
        if (keyFields.length == 0) {
            return new TableStatements(schema, keyFields, dialect.insertStatement(table, schema.names()), null);
        }
        List<String> keys = new ArrayList<>();
        for (int field : keyFields) {
            keys.add(schema.name(field));
        }
        String upsert = dialect.upsertStatement(table, schema.names(), keys)
                .orElseThrow(() -> new IllegalArgumentException("no upsert in " + dialect.name()));
        return new TableStatements(schema, keyFields, upsert, dialect.deleteStatement(table, keys));
    }

    String writeSql() {
        return writeSql;
    }

    /** Executes the changes, which must not contain two changes of the same key. */
    void execute(Connection connection, List<Change> changes) throws SQLException {
        List<Change> writes = new ArrayList<>();
        List<Change> deletes = new ArrayList<>();
        for (Change change : changes) {
            (change.delete() ? deletes : writes).add(change);
        }
        if (!writes.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(writeSql)) {
                for (Change change : writes) {
                    for (int i = 0; i < schema.size(); i++) {
                        JdbcValues.bind(statement, i + 1, schema.type(i), change.row()[i]);
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        if (!deletes.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(deleteSql)) {
                for (Change change : deletes) {
                    for (int i = 0; i < keyFields.length; i++) {
                        LogicalType type = schema.type(keyFields[i]);
                        JdbcValues.bind(statement, i + 1, type, change.row()[keyFields[i]]);
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }
}
