package io.sluice.connectors.jdbc;

import io.sluice.executor.data.RowKind;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.RowSchema;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a jdbc sink writer needs, checked by the factory.
 *
 * @param keyFields positions of the primary-key columns; empty for an append-only table
 * @param maxRows flush when this many (reduced) rows are buffered; 0 turns it off
 * @param flushInterval flush buffered rows this long after the previous flush; zero turns it off
 */
record JdbcSinkConfig(JdbcConnectionOptions connection, JdbcDialect dialect, RowSchema schema, int[] keyFields,
        DeliveryGuarantee guarantee, int maxRows, Duration flushInterval, int maxRetries) {

    JdbcSinkConfig {
        Objects.requireNonNull(connection, "connection is null");
        Objects.requireNonNull(dialect, "dialect is null");
        Objects.requireNonNull(schema, "schema is null");
        keyFields = keyFields.clone();
        Objects.requireNonNull(guarantee, "guarantee is null");
        Objects.requireNonNull(flushInterval, "flushInterval is null");
    }

    boolean hasPrimaryKey() {
        return keyFields.length > 0;
    }

    TableStatements statements() {
        return TableStatements.create(dialect, connection.tableName(), schema, keyFields);
    }

    /**
     * What a row of the changelog does to the table, or null when nothing: with a primary key +I and
     * +U upsert, -D deletes by key and -U is skipped (the +U that follows replaces the row); without
     * one only inserts can be written.
     */
    Change toChange(RowKind kind, Object[] row) {
        Object[] copy = row.clone();
        if (!hasPrimaryKey()) {
            if (kind != RowKind.INSERT) {
                throw new SluiceException(ErrorCode.UNSUPPORTED, "Table '" + connection.sluiceTable()
                        + "': the jdbc sink appends to a table without a primary key and cannot apply "
                        + kind.shortString() + " rows; declare PRIMARY KEY (…) NOT ENFORCED to upsert");
            }
            return Change.upsert(copy);
        }
        return switch (kind) {
            case INSERT, UPDATE_AFTER -> Change.upsert(copy);
            case DELETE -> Change.delete(copy);
            case UPDATE_BEFORE -> null;
        };
    }
}
