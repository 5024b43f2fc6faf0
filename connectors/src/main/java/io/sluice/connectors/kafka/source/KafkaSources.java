package io.sluice.connectors.kafka.source;

import io.sluice.executor.connector.TableContext;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;

/** Makes the source of a {@code kafka} table. */
public final class KafkaSources {
    private KafkaSources() {
    }

    public static TableSource create(TableContext context) {
        throw new SluiceException(ErrorCode.UNSUPPORTED, "Table '" + context.tableName() + "': the Kafka source is being built");
    }
}
