package io.sluice.executor.group;

import io.sluice.executor.data.RowKey;
import io.sluice.executor.data.RowKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The rows of the current mini-batch, per key in the order keys first came, each key's rows in
 * arrival order. Held in memory only: the operator empties it before every checkpoint, so it is
 * never part of a snapshot.
 */
final class MiniBatchBuffer {
    /** One buffered input row and its kind. */
    record BufferedRow(RowKind kind, Object[] row) {
    }

    private final MiniBatch miniBatch;
    private final Map<RowKey, List<BufferedRow>> rowsByKey = new LinkedHashMap<>();
    private long rows;
    private long firstRowTime;

    MiniBatchBuffer(MiniBatch miniBatch) {
        this.miniBatch = Objects.requireNonNull(miniBatch, "miniBatch is null");
    }

    void add(RowKey key, RowKind kind, Object[] row) {
        if (rows == 0) {
            firstRowTime = miniBatch.clock().getAsLong();
        }
        rowsByKey.computeIfAbsent(key, k -> new ArrayList<>(4)).add(new BufferedRow(kind, row));
        rows++;
    }

    /** Whether the batch is full or its first row has waited for the allowed latency. */
    boolean isDue() {
        return rows >= miniBatch.size()
                || (rows > 0 && miniBatch.clock().getAsLong() - firstRowTime >= miniBatch.allowLatency().toMillis());
    }

    /** Hands every key's rows to {@code apply}, in key arrival order, and empties the buffer. */
    void drain(BiConsumer<RowKey, List<BufferedRow>> apply) {
        if (rows == 0) {
            return;
        }
        // emptied first, so that a failure in apply does not leave half a batch to be applied again
        List<Map.Entry<RowKey, List<BufferedRow>>> batch = new ArrayList<>(rowsByKey.entrySet());
        rowsByKey.clear();
        rows = 0;
        for (Map.Entry<RowKey, List<BufferedRow>> entry : batch) {
            apply.accept(entry.getKey(), entry.getValue());
        }
    }
}
