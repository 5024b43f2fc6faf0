package io.sluice.connectors.kafka.sink;

import io.sluice.connectors.kafka.KafkaRecordLayout;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.connector.TableSink;

/**
 * Makes the sink of a {@code kafka} or {@code upsert-kafka} table. Options are checked here, at
 * planning; what needs the broker (the transaction timeout against its maximum) when a writer opens.
 */
public final class KafkaSinks {
    private KafkaSinks() {
    }

    /** @param upsert whether rows are upserts and deletes by key ({@code upsert-kafka}) */
    public static TableSink create(TableContext context, KafkaRecordLayout layout, boolean upsert) {
        return new KafkaTableSink(KafkaSinkConfig.of(context, layout, upsert));
    }
}
