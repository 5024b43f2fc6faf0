package io.sluice.connectors.kafka.source;

import io.sluice.connectors.kafka.KafkaRecordLayout;
import io.sluice.executor.connector.TableContext;
import io.sluice.executor.connector.TableSource;

/** Makes the source of a {@code kafka} table, checking its options (errors name the table and the option). */
public final class KafkaSources {
    private KafkaSources() {
    }

    public static TableSource create(TableContext context) {
        KafkaSourceConfig config = KafkaSourceConfig.from(context.options());
        KafkaRecordLayout layout = KafkaRecordLayout.forKafka(context);
        return new KafkaTableSource(config, layout, context.physicalSchema().size(),
                KafkaMetadata.readers(context.metadataColumns(), context.options()));
    }
}
