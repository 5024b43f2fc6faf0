package io.sluice.executor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.data.KeyGroups;
import io.sluice.executor.data.RowKey;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.graph.Partitioning;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordWriterTest {

    private static List<InputGate> gates(int count) {
        List<InputGate> gates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            gates.add(new InputGate(1, JobExecution.CHANNEL_CAPACITY));
        }
        return gates;
    }

    private static RecordWriter writer(Partitioning partitioning, List<InputGate> gates, int subtask) {
        return new RecordWriter(partitioning,
                gates.stream().map(g -> new RecordWriter.ChannelTarget(g, 0)).toList(), subtask);
    }

    /** Everything queued in a gate, rows as their first field, control elements as themselves. */
    private static List<Object> drain(InputGate gate) throws InterruptedException {
        List<Object> items = new ArrayList<>();
        for (InputGate.Delivery d = gate.pollNow(); d != null; d = gate.pollNow()) {
            if (d.element() instanceof StreamElement.Rows rows) {
                for (int i = 0; i < rows.batch().size(); i++) {
                    items.add(rows.batch().row(i)[0]);
                }
            } else {
                items.add(d.element());
            }
        }
        return items;
    }

    @Test
    void shouldDealRowsRoundRobinStartingAtOwnSubtask() throws InterruptedException {
        List<InputGate> gates = gates(3);
        RecordWriter writer = writer(Partitioning.REBALANCE, gates, 4);
        for (int i = 0; i < 7; i++) {
            writer.emit(RowKind.INSERT, new Object[] {i});
        }
        writer.flush();
        assertThat(drain(gates.get(1))).containsExactly(0, 3, 6);
        assertThat(drain(gates.get(2))).containsExactly(1, 4);
        assertThat(drain(gates.get(0))).containsExactly(2, 5);
    }

    @Test
    void shouldSendRowsToTheSubtaskOwningTheirKey() throws InterruptedException {
        List<InputGate> gates = gates(4);
        RecordWriter writer = writer(Partitioning.hash(new int[] {1}), gates, 0);
        for (int i = 0; i < 100; i++) {
            writer.emit(RowKind.INSERT, new Object[] {i, "key-" + i % 10});
        }
        writer.flush();
        for (int subtask = 0; subtask < 4; subtask++) {
            for (Object first : drain(gates.get(subtask))) {
                Object key = "key-" + (Integer) first % 10;
                int owner = KeyGroups.subtaskOf(KeyGroups.keyGroupOf(RowKey.hashOf(new Object[] {key}, new int[] {0})), 4);
                assertThat(owner).as("owner of %s", key).isEqualTo(subtask);
            }
        }
    }

    @Test
    void shouldHandOverABatchWhenFullAndTheRestOnlyOnFlush() throws InterruptedException {
        List<InputGate> gates = gates(1);
        RecordWriter writer = writer(Partitioning.FORWARD, gates, 0);
        for (int i = 0; i < RecordWriter.BATCH_SIZE + 1; i++) {
            writer.emit(RowKind.INSERT, new Object[] {i});
        }
        assertThat(drain(gates.get(0))).hasSize(RecordWriter.BATCH_SIZE);
        writer.flush();
        assertThat(drain(gates.get(0))).containsExactly(RecordWriter.BATCH_SIZE);
    }

    @Test
    void shouldSendControlElementsToEveryTargetAfterThePendingRows() throws InterruptedException {
        List<InputGate> gates = gates(2);
        RecordWriter writer = writer(Partitioning.REBALANCE, gates, 0);
        writer.emit(RowKind.INSERT, new Object[] {"a"});
        writer.emit(RowKind.INSERT, new Object[] {"b"});
        writer.broadcast(new StreamElement.Watermark(7));
        writer.emit(RowKind.INSERT, new Object[] {"c"});
        writer.broadcast(StreamElement.EndOfInput.INSTANCE);
        assertThat(drain(gates.get(0)))
                .containsExactly("a", new StreamElement.Watermark(7), "c", StreamElement.EndOfInput.INSTANCE);
        assertThat(drain(gates.get(1)))
                .containsExactly("b", new StreamElement.Watermark(7), StreamElement.EndOfInput.INSTANCE);
    }
}
