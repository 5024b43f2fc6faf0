package io.sluice.connectors.kafka;

import io.sluice.connectors.kafka.sink.KafkaSinks;
import io.sluice.executor.connector.ConnectorFactory;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.connector.TableSource;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.Set;

/**
 * {@code 'connector' = 'upsert-kafka'}: a compacted topic holding the latest value per primary key.
 * Writing sends inserts and updates as keyed records and deletes as tombstones.
 */
public final class UpsertKafkaConnectorFactory implements ConnectorFactory {
    public static final String IDENTIFIER = "upsert-kafka";

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<String> supportedOptions() {
        return KafkaOptions.upsertKafkaOptions();
    }

    @Override
    public Set<String> supportedOptionPrefixes() {
        return Set.of(KafkaOptions.PROPERTIES_PREFIX);
    }

    @Override
    public TableSource createSource(TableContext context) {
        // reading an upsert topic yields an updating stream (+U/-D per key): it waits for the changelog model
        throw new SluiceException(ErrorCode.UNSUPPORTED, "Table '" + context.tableName()
                + "': reading from connector 'upsert-kafka' is not supported yet (it produces updates, which need"
                + " the changelog support of a later release); read the topic with connector 'kafka' instead");
    }

    @Override
    public TableSink createSink(TableContext context) {
        return KafkaSinks.create(context, KafkaRecordLayout.forUpsertKafka(context), true);
    }
}
