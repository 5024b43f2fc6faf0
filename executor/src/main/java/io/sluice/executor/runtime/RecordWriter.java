package io.sluice.executor.runtime;

import io.sluice.executor.data.KeyGroups;
import io.sluice.executor.data.RowBatch;
import io.sluice.executor.data.RowKey;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.graph.Partitioning;
import java.util.List;

/**
 * Writes one task's output rows into the channels of one edge: picks the target subtask per row,
 * collects rows per target into batches, and hands a batch over when it is full or on flush.
 */
final class RecordWriter {
    static final int BATCH_SIZE = 256;

    private final Partitioning partitioning;
    private final int[] keyFields;
    private final List<ChannelTarget> targets;
    private final RowBatch[] pending;
    private int roundRobin;

    RecordWriter(Partitioning partitioning, List<ChannelTarget> targets, int subtaskIndex) {
        this.partitioning = partitioning;
        this.keyFields = partitioning.keyFields();
        this.targets = List.copyOf(targets);
        this.pending = new RowBatch[targets.size()];
        this.roundRobin = subtaskIndex % targets.size();
    }

    void emit(RowKind kind, Object[] row) throws InterruptedException {
        int target = switch (partitioning.kind()) {
            case FORWARD, SINGLETON -> 0;
            case HASH -> KeyGroups.subtaskOf(KeyGroups.keyGroupOf(RowKey.hashOf(row, keyFields)), targets.size());
            case REBALANCE -> nextRoundRobin();
        };
        RowBatch batch = pending[target];
        if (batch == null) {
            batch = new RowBatch(BATCH_SIZE);
            pending[target] = batch;
        }
        if (batch.add(kind, row)) {
            pending[target] = null;
            targets.get(target).put(new StreamElement.Rows(batch));
        }
    }

    // wraps instead of counting up: a counter would overflow into negative indexes after 2^31 rows
    private int nextRoundRobin() {
        int target = roundRobin;
        roundRobin = (roundRobin + 1) % targets.size();
        return target;
    }

    void flush() throws InterruptedException {
        for (int i = 0; i < pending.length; i++) {
            if (pending[i] != null) {
                RowBatch batch = pending[i];
                pending[i] = null;
                targets.get(i).put(new StreamElement.Rows(batch));
            }
        }
    }

    /** Sends a control element to every target, after the rows before it. */
    void broadcast(StreamElement element) throws InterruptedException {
        flush();
        for (ChannelTarget target : targets) {
            target.put(element);
        }
    }

    /** One channel of one downstream task's input gate. */
    record ChannelTarget(InputGate gate, int channel) {
        void put(StreamElement element) throws InterruptedException {
            gate.put(channel, element);
        }
    }
}
