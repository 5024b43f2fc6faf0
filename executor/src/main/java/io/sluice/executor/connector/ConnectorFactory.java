package io.sluice.executor.connector;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.types.LogicalType;
import java.util.Map;
import java.util.Set;

/**
 * Makes sources and sinks for one value of the {@code 'connector'} option. Implementations are
 * found with {@link java.util.ServiceLoader}; list them in
 * {@code META-INF/services/io.sluice.executor.connector.ConnectorFactory}.
 *
 * <p>The planner checks every option of a table against {@link #supportedOptions()} and
 * {@link #supportedOptionPrefixes()} before calling a create method, so a misspelt option fails with
 * a message naming the table and the option.
 */
public interface ConnectorFactory {

    /** The value of {@code 'connector'}, e.g. {@code datagen}. */
    String identifier();

    /** Option keys this connector understands, including format options such as {@code json.ignore-parse-errors}. */
    Set<String> supportedOptions();

    /** Prefixes of open-ended option families, such as {@code fields.} or {@code properties.}. */
    default Set<String> supportedOptionPrefixes() {
        return Set.of();
    }

    /**
     * Metadata keys a reader can supply, with the type a column declared {@code METADATA FROM 'key'}
     * gets when its declared type is castable; empty when the connector has none.
     */
    default Map<String, LogicalType> readableMetadata() {
        return Map.of();
    }

    /** Metadata keys a sink can take (a Kafka record's {@code timestamp}…). */
    default Map<String, LogicalType> writableMetadata() {
        return Map.of();
    }

    default TableSource createSource(TableContext context) {
        throw new SluiceException(ErrorCode.UNSUPPORTED,
                "Table '" + context.tableName() + "': connector '" + identifier() + "' cannot be read from");
    }

    default TableSink createSink(TableContext context) {
        throw new SluiceException(ErrorCode.UNSUPPORTED,
                "Table '" + context.tableName() + "': connector '" + identifier() + "' cannot be written to");
    }
}
