package io.sluice.connectors.kafka.source;

import io.sluice.connectors.format.MalformedRecordException;
import io.sluice.connectors.format.RawFormat;
import io.sluice.connectors.format.RecordDecoder;
import io.sluice.connectors.format.RowDeserializer;
import io.sluice.connectors.kafka.KafkaRecordLayout;
import io.sluice.executor.connector.SourceContext;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a Kafka record into the row a {@code kafka} table emits: the physical columns, decoded from
 * the record's key and value by the {@link KafkaRecordLayout}, then the metadata columns. Not
 * thread-safe: one per reader.
 *
 * <p>A record whose key or value cannot be decoded fails the job, or is skipped and counted when its
 * format ignores parse errors. A record with a null value (a tombstone of a compacted topic) holds no
 * row for an append-only table: as in Flink, JSON and CSV tables skip it; they are counted and the
 * first is logged, since a {@code kafka} table over an upsert topic is a likely mistake. A
 * {@code raw} value reads a tombstone as a null column, as in Flink. A null key gives null key columns.
 */
final class KafkaRowDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRowDecoder.class);

    private final String tableName;
    private final KafkaRecordLayout layout;
    private final int physicalSize;
    private final RecordDecoder keyDecoder;
    private final RowDeserializer keyDeserializer;
    private final RecordDecoder valueDecoder;
    private final RowDeserializer valueDeserializer;
    private final boolean rawValue;
    private final List<Function<ConsumerRecord<byte[], byte[]>, Object>> metadata;
    private long tombstones;

    KafkaRowDecoder(String tableName, KafkaRecordLayout layout, int physicalSize,
            List<Function<ConsumerRecord<byte[], byte[]>, Object>> metadata, SourceContext context) {
        this.tableName = tableName;
        this.layout = layout;
        this.physicalSize = physicalSize;
        this.keyDecoder = layout.keyFormat().map(f -> new RecordDecoder(f, tableName, context)).orElse(null);
        this.keyDeserializer = keyDecoder == null ? null : keyDecoder.deserializer();
        this.valueDecoder = new RecordDecoder(layout.valueFormat(), tableName, context);
        this.valueDeserializer = valueDecoder.deserializer();
        this.rawValue = layout.valueFormat().name().equals(RawFormat.NAME);
        this.metadata = List.copyOf(metadata);
    }

    /** The row of {@code record}, or null when it holds none (a tombstone, a skipped malformed record). */
    Object[] decode(ConsumerRecord<byte[], byte[]> record) {
        Object[] value;
        if (record.value() == null && !rawValue) {
            tombstone(record);
            return null;
        }
        try {
            value = valueDeserializer.deserialize(record.value());
        } catch (MalformedRecordException e) {
            return valueDecoder.malformed(where(record), e.getMessage());
        }
        if (value == null) {
            return null;
        }
        Object[] key = null;
        if (keyDecoder != null && record.key() != null) {
            try {
                key = keyDeserializer.deserialize(record.key());
            } catch (MalformedRecordException e) {
                return keyDecoder.malformed(where(record) + " (key)", e.getMessage());
            }
            if (key == null) {
                return null;
            }
        }
        Object[] row = new Object[physicalSize + metadata.size()];
        layout.assemble(key, value, row);
        for (int i = 0; i < metadata.size(); i++) {
            row[physicalSize + i] = metadata.get(i).apply(record);
        }
        return row;
    }

    static String where(ConsumerRecord<?, ?> record) {
        return "topic " + record.topic() + " partition " + record.partition() + " offset " + record.offset();
    }

    private void tombstone(ConsumerRecord<byte[], byte[]> record) {
        if (tombstones++ == 0) {
            LOG.warn("Table '{}': skipping records with a null value (tombstones), the first at {}: connector 'kafka'"
                    + " reads an append-only stream; read a compacted topic of updates with 'upsert-kafka'",
                    tableName, where(record));
        }
    }

    /** The tombstones skipped so far. */
    long tombstones() {
        return tombstones;
    }
}
