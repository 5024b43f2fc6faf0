package io.sluice.executor.connector;

import io.sluice.executor.types.RowSchema;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What a connector is told about the table it serves.
 *
 * @param tableName the table's name, for error messages
 * @param physicalSchema the columns the connector reads or writes (computed columns excluded)
 * @param options the table's WITH options
 * @param primaryKey the primary-key column names, empty when the table has none
 * @param timeZone the session time zone, for TIMESTAMP_LTZ text
 * @param metadataColumns the metadata columns a reader appends after the physical columns (for a
 *     source: all of them; for a sink: the non-virtual ones), in this order
 */
public record TableContext(
        String tableName,
        RowSchema physicalSchema,
        ConnectorOptions options,
        List<String> primaryKey,
        ZoneId timeZone,
        List<MetadataColumn> metadataColumns) {

    public TableContext {
        Objects.requireNonNull(tableName, "tableName is null");
        Objects.requireNonNull(physicalSchema, "physicalSchema is null");
        Objects.requireNonNull(options, "options is null");
        primaryKey = List.copyOf(primaryKey);
        Objects.requireNonNull(timeZone, "timeZone is null");
        metadataColumns = List.copyOf(metadataColumns);
    }

    /** A table without metadata columns. */
    public TableContext(String tableName, RowSchema physicalSchema, ConnectorOptions options, List<String> primaryKey,
            ZoneId timeZone) {
        this(tableName, physicalSchema, options, primaryKey, timeZone, List.of());
    }
}
