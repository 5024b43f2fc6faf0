package io.sluice.connectors.kafka.sink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flink's upsert-kafka reduce buffer ({@code sink.buffer-flush.max-rows} / {@code .interval}):
 * keeps only the last change per key, so a key updated often between flushes costs one record.
 * The records of different keys keep the order of their last change. Not thread-safe.
 */
final class UpsertReduceBuffer {
    private final int maxRows;
    private final long intervalNanos;
    private final Map<ByteBuffer, SinkRecord> latest = new LinkedHashMap<>();
    private long lastDrainNanos = System.nanoTime();

    UpsertReduceBuffer(KafkaSinkConfig.UpsertBuffering buffering) {
        this.maxRows = buffering.maxRows();
        this.intervalNanos = buffering.interval().toNanos();
    }

    void add(SinkRecord record) {
        ByteBuffer key = ByteBuffer.wrap(record.key() == null ? new byte[0] : record.key());
        // remove first, so the key moves to the end: its change is the newest
        latest.remove(key);
        latest.put(key, record);
    }

    /** The buffer holds {@code max-rows} keys, or {@code interval} passed since the last drain. */
    boolean isDue() {
        return latest.size() >= maxRows || (!latest.isEmpty() && System.nanoTime() - lastDrainNanos >= intervalNanos);
    }

    /** The buffered records, oldest change first; the buffer is empty afterwards. */
    List<SinkRecord> drain() {
        List<SinkRecord> records = new ArrayList<>(latest.values());
        latest.clear();
        lastDrainNanos = System.nanoTime();
        return records;
    }

    long intervalMillis() {
        return java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(intervalNanos);
    }
}
