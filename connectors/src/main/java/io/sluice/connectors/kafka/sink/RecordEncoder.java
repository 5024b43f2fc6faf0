package io.sluice.connectors.kafka.sink;

import io.sluice.connectors.format.RowSerializer;
import io.sluice.connectors.kafka.KafkaRecordLayout;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;

/**
 * Turns a row and its kind into the record to send, for one writer (serializers are not
 * thread-safe). {@code kafka} takes inserts only; {@code upsert-kafka} sends +I/+U as the key's new
 * value, -D as a tombstone, and nothing for -U, whose +U follows (as Flink does).
 */
final class RecordEncoder {
    private final KafkaSinkConfig config;
    private final KafkaRecordLayout layout;
    private final RowSerializer keySerializer;
    private final RowSerializer valueSerializer;
    private final PartitionChooser partitions;

    RecordEncoder(KafkaSinkConfig config, PartitionChooser partitions) {
        this.config = config;
        this.layout = config.layout();
        this.keySerializer = layout.keyFormat().map(f -> f.createSerializer()).orElse(null);
        this.valueSerializer = layout.valueFormat().createSerializer();
        this.partitions = partitions;
    }

    /** The record for this change, or null when the change sends nothing (-U of upsert-kafka). */
    SinkRecord encode(RowKind kind, Object[] row) {
        if (!config.upsert() && kind != RowKind.INSERT) {
            throw new SluiceException(ErrorCode.INTERNAL_ERROR, "Table '" + config.tableName()
                    + "': connector 'kafka' writes inserts only, but received " + kind.shortString()
                    + " (use connector 'upsert-kafka' for updating results)");
        }
        if (kind == RowKind.UPDATE_BEFORE) {
            return null;
        }
        byte[] key = keySerializer == null ? null : keySerializer.serialize(layout.keyOf(row));
        byte[] value = kind == RowKind.DELETE ? null : valueSerializer.serialize(layout.valueOf(row));
        return new SinkRecord(key, value, timestampOf(row), partitions.next());
    }

    private long timestampOf(Object[] row) {
        if (config.timestampIndex() < 0) {
            return SinkRecord.NO_TIMESTAMP;
        }
        Object value = row[config.timestampIndex()];
        if (value == null) {
            return SinkRecord.NO_TIMESTAMP;
        }
        // TIMESTAMP_LTZ(3) travels as epoch millis
        return ((Number) value).longValue();
    }
}
