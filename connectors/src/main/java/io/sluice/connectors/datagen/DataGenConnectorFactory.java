package io.sluice.connectors.datagen;

import io.sluice.executor.connector.ConnectorFactory;
import io.sluice.executor.connector.ConnectorOptions;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.connector.TableSource;
import java.util.Set;

/**
 * {@code 'connector'='datagen'}: generated rows, as Flink's datagen connector, plus {@code seed} for
 * repeatable random values.
 */
public final class DataGenConnectorFactory implements ConnectorFactory {
    public static final String IDENTIFIER = "datagen";
    public static final String ROWS_PER_SECOND = "rows-per-second";
    public static final String NUMBER_OF_ROWS = "number-of-rows";
    public static final String SEED = "seed";
    static final long DEFAULT_ROWS_PER_SECOND = 10_000;

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<String> supportedOptions() {
        return Set.of(ROWS_PER_SECOND, NUMBER_OF_ROWS, SEED);
    }

    @Override
    public Set<String> supportedOptionPrefixes() {
        return Set.of(DataGenFields.PREFIX);
    }

    @Override
    public TableSource createSource(TableContext context) {
        ConnectorOptions options = context.options();
        long rowsPerSecond = options.getLong(ROWS_PER_SECOND, DEFAULT_ROWS_PER_SECOND);
        if (rowsPerSecond <= 0) {
            throw options.invalid(ROWS_PER_SECOND, options.require(ROWS_PER_SECOND), "a positive integer");
        }
        long numberOfRows = -1;
        if (options.contains(NUMBER_OF_ROWS)) {
            numberOfRows = options.getLong(NUMBER_OF_ROWS, 0);
            if (numberOfRows < 0) {
                throw options.invalid(NUMBER_OF_ROWS, options.require(NUMBER_OF_ROWS), "an integer of at least 0");
            }
        }
        Long seed = options.contains(SEED) ? options.getLong(SEED, 0) : null;
        FieldGenerator[] generators = DataGenFields.parse(context);
        return new DataGenTableSource(context.tableName(), generators, rowsPerSecond, numberOfRows, seed);
    }
}
