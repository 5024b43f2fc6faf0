package io.sluice.connectors.kafka.sink;

import io.sluice.connectors.kafka.KafkaRecordLayout;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;

/** Makes the sink of a {@code kafka} or {@code upsert-kafka} table. */
public final class KafkaSinks {
    private KafkaSinks() {
    }

    /** @param upsert whether rows are upserts and deletes by key ({@code upsert-kafka}) */
    public static TableSink create(TableContext context, KafkaRecordLayout layout, boolean upsert) {
        throw new SluiceException(ErrorCode.UNSUPPORTED, "Table '" + context.tableName() + "': the Kafka sink is being built");
    }
}
