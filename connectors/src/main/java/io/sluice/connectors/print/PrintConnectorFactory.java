package io.sluice.connectors.print;

import io.sluice.executor.connector.ConnectorFactory;
import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.connector.TableSink;
import java.util.Set;

/** {@code 'connector'='print'}: every row as a line on standard out (or error), as Flink prints it. */
public final class PrintConnectorFactory implements ConnectorFactory {
    public static final String IDENTIFIER = "print";
    public static final String PRINT_IDENTIFIER = "print-identifier";
    public static final String STANDARD_ERROR = "standard-error";
    public static final String SINK_PARALLELISM = "sink.parallelism";

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<String> supportedOptions() {
        return Set.of(PRINT_IDENTIFIER, STANDARD_ERROR, SINK_PARALLELISM);
    }

    @Override
    public TableSink createSink(TableContext context) {
        ConnectorOptions options = context.options();
        String identifier = options.get(PRINT_IDENTIFIER, "");
        boolean standardError = options.getBoolean(STANDARD_ERROR, false);
        if (options.contains(SINK_PARALLELISM) && options.getInt(SINK_PARALLELISM, 1) <= 0) {
            throw options.invalid(SINK_PARALLELISM, options.require(SINK_PARALLELISM), "a positive integer");
        }
        return new PrintTableSink(context.physicalSchema(), identifier, standardError);
    }
}
