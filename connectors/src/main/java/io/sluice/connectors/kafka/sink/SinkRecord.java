package io.sluice.connectors.kafka.sink;

/**
 * One serialized Kafka record as the sink will send it. The arrays are owned by the record (made
 * by a serializer for it alone) and never modified.
 *
 * @param key the key's bytes, null without a key
 * @param value the value's bytes, null for a tombstone
 * @param timestamp the record timestamp in epoch millis, or {@link #NO_TIMESTAMP} to let the
 *     producer stamp it
 * @param partition the partition chosen by the sink, or {@link #ANY_PARTITION} to let Kafka's
 *     partitioner choose
 */
record SinkRecord(byte[] key, byte[] value, long timestamp, int partition) {
    static final long NO_TIMESTAMP = Long.MIN_VALUE;
    static final int ANY_PARTITION = -1;

    SinkRecord {
        if (partition < ANY_PARTITION) {
            throw new IllegalArgumentException("partition " + partition);
        }
    }

    /** Bytes held in memory, for the bound on what the exactly-once sink buffers. */
    long sizeInBytes() {
        return 32L + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    }

    org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> toProducerRecord(String topic) {
        return new org.apache.kafka.clients.producer.ProducerRecord<>(topic,
                partition == ANY_PARTITION ? null : partition,
                timestamp == NO_TIMESTAMP ? null : timestamp, key, value);
    }
}
