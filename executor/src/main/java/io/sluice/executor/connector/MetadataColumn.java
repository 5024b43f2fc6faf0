package io.sluice.executor.connector;

import io.sluice.executor.types.LogicalType;
import java.util.Objects;

/**
 * A column whose value the connector supplies or takes apart from the payload, declared as
 * {@code name TYPE METADATA [FROM 'key'] [VIRTUAL]}: a Kafka record's partition, offset or timestamp.
 *
 * <p>A reader appends the values of the table's readable metadata columns, in the order of
 * {@link TableContext#metadataColumns()}, after the physical columns of each row it emits. A sink
 * receives the values of the non-virtual ones in the same place.
 *
 * @param key the metadata key the connector knows ({@code offset}, {@code timestamp}…)
 * @param type the column's declared type
 */
public record MetadataColumn(String key, LogicalType type) {
    public MetadataColumn {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(type, "type is null");
    }
}
