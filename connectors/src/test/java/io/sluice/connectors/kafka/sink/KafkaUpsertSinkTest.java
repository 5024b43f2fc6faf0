package io.sluice.connectors.kafka.sink;

import static io.sluice.connectors.kafka.KafkaTestSupport.text;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.SCHEMA;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.open;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.openTransactional;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.sink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.ConnectorTestSupport;
import io.sluice.connectors.kafka.KafkaTestSupport;
import io.sluice.connectors.kafka.sink.KafkaSinkHarness.SimulatedCrash;
import io.sluice.connectors.kafka.sink.TransactionCommitter.CommitHook;
import io.sluice.connectors.kafka.sink.TransactionCommitter.CommitStep;
import io.sluice.executor.connector.SinkWriter;
import io.sluice.executor.connector.TableSink;
import io.sluice.executor.data.RowKind;
import io.sluice.executor.error.SluiceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.AbstractMap.SimpleEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code upsert-kafka}: keyed values for +I/+U, tombstones for -D, nothing for -U; reduce buffer; exactly-once. */
@Tag("integration")
@Timeout(120)
class KafkaUpsertSinkTest {
    private static final String SINK_ID = "job-4-out";

    private final List<SinkWriter> abandoned = new ArrayList<>();

    @AfterEach
    void releaseAbandonedWriters() throws Exception {
        for (SinkWriter writer : abandoned) {
            writer.close();
        }
    }

    private static Map<String, String> upsertOptions(String topic, String... more) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("topic", topic);
        options.put("properties.bootstrap.servers", KafkaTestSupport.bootstrapServers());
        options.put("key.format", "csv");
        options.put("value.format", "json");
        options.putAll(ConnectorTestSupport.options(more));
        return options;
    }

    private static TableSink upsertSink(Map<String, String> options) {
        return sink("upsert-kafka", SCHEMA, List.of("id"), List.of(), options);
    }

    /** Key and value (null for a tombstone) texts, in the order read. */
    private static List<Map.Entry<String, String>> changes(String topic, int expected) {
        List<Map.Entry<String, String>> changes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : KafkaTestSupport.readCommitted(topic, expected,
                Duration.ofSeconds(20), Duration.ofMillis(300))) {
            changes.add(new SimpleEntry<>(text(record.key()), text(record.value())));
        }
        return changes;
    }

    private static Map.Entry<String, String> change(String key, String value) {
        return new SimpleEntry<>(key, value);
    }

    private static String value(long id, String name) {
        return "{\"id\":" + id + ",\"name\":\"" + name + "\"}";
    }

    @Test
    void shouldWriteUpsertsAsKeyedValuesAndDeletesAsTombstones() throws Exception {
        String topic = KafkaTestSupport.newTopic("upsert", 1);
        TableSink sink = upsertSink(upsertOptions(topic));
        assertThat(sink.acceptsUpdates()).isTrue();
        assertThat(sink.isExactlyOnce()).isFalse();
        try (SinkWriter writer = open(sink, 0, 1, SINK_ID, List.of())) {
            writer.write(RowKind.INSERT, new Object[] {1L, "a"});
            writer.write(RowKind.INSERT, new Object[] {2L, "b"});
            writer.write(RowKind.UPDATE_BEFORE, new Object[] {1L, "a"});
            writer.write(RowKind.UPDATE_AFTER, new Object[] {1L, "a2"});
            writer.write(RowKind.DELETE, new Object[] {2L, "b"});
            writer.finish();
        }
        assertThat(changes(topic, 4)).containsExactly(
                change("1", value(1, "a")), change("2", value(2, "b")), change("1", value(1, "a2")), change("2", null));
    }

    @Test
    void shouldKeepTheLastChangePerKeyInTheReduceBuffer() throws Exception {
        String topic = KafkaTestSupport.newTopic("upsert-reduce", 1);
        TableSink sink = upsertSink(upsertOptions(topic, "sink.buffer-flush.max-rows", "100",
                "sink.buffer-flush.interval", "1 h"));
        try (SinkWriter writer = open(sink, 0, 1, SINK_ID, List.of())) {
            for (int i = 0; i < 10; i++) {
                writer.write(RowKind.UPDATE_AFTER, new Object[] {1L, "v" + i});
            }
            writer.write(RowKind.INSERT, new Object[] {2L, "b"});
            writer.write(RowKind.DELETE, new Object[] {2L, "b"});
            writer.snapshotState(1);
            writer.finish();
        }
        assertThat(changes(topic, 2)).containsExactly(change("1", value(1, "v9")), change("2", null));
    }

    @Test
    void shouldFlushTheReduceBufferWhenItsIntervalPasses() throws Exception {
        String topic = KafkaTestSupport.newTopic("upsert-interval", 1);
        TableSink sink = upsertSink(upsertOptions(topic, "sink.buffer-flush.max-rows", "1000",
                "sink.buffer-flush.interval", "100 ms"));
        try (SinkWriter writer = open(sink, 0, 1, SINK_ID, List.of())) {
            writer.write(RowKind.INSERT, new Object[] {1L, "a"});
            // neither a checkpoint nor the end: the buffer's timer sends it
            assertThat(changes(topic, 1)).containsExactly(change("1", value(1, "a")));
            writer.finish();
        }
    }

    /** Changes of checkpoint c: key k (0..4) gets the value "c-k"; key c-1 is deleted from checkpoint 2 on. */
    private static List<Map.Entry<String, String>> writeCheckpoint(SinkWriter writer, long checkpoint)
            throws Exception {
        List<Map.Entry<String, String>> expected = new ArrayList<>();
        for (long key = 0; key < 5; key++) {
            String name = checkpoint + "-" + key;
            writer.write(checkpoint == 1 ? RowKind.INSERT : RowKind.UPDATE_AFTER, new Object[] {key, name});
            expected.add(change(String.valueOf(key), value(key, name)));
        }
        if (checkpoint > 1) {
            long key = checkpoint - 1;
            writer.write(RowKind.DELETE, new Object[] {key, "gone"});
            expected.add(change(String.valueOf(key), null));
        }
        return expected;
    }

    @Test
    void shouldHaveEveryChangeOnceAndTheRightFinalValuesAfterACrash() throws Exception {
        String topic = KafkaTestSupport.newTopic("upsert-eo", 1);
        TableSink sink = upsertSink(upsertOptions(topic, "sink.delivery-guarantee", "exactly-once",
                "sink.transactional-id-prefix", "eo-" + topic));
        assertThat(sink.isExactlyOnce()).isTrue();
        CommitHook dieMidCommit = (step, id) -> {
            if (id == 3 && step == CommitStep.MARKER_SENT) {
                throw new SimulatedCrash("committing checkpoint 3");
            }
        };
        List<Map.Entry<String, String>> expected = new ArrayList<>();
        TransactionalKafkaSinkWriter first = openTransactional(sink, 0, 1, SINK_ID, List.of(), dieMidCommit);
        abandoned.add(first);
        byte[] state = null;
        for (long checkpoint = 1; checkpoint <= 3; checkpoint++) {
            expected.addAll(writeCheckpoint(first, checkpoint));
            state = first.snapshotState(checkpoint);
            if (checkpoint < 3) {
                first.notifyCheckpointComplete(checkpoint);
            }
        }
        assertThatThrownBy(() -> first.notifyCheckpointComplete(3)).isInstanceOf(SimulatedCrash.class);

        try (TransactionalKafkaSinkWriter second = openTransactional(sink, 0, 1, SINK_ID, List.of(state),
                CommitHook.NONE)) {
            expected.addAll(writeCheckpoint(second, 4));
            second.snapshotState(4);
            second.notifyCheckpointComplete(4);
            second.finish();
        }
        List<Map.Entry<String, String>> read = changes(topic, expected.size());
        assertThat(read).containsExactlyElementsOf(expected);
        Map<String, String> finalValues = new LinkedHashMap<>();
        read.forEach(c -> {
            if (c.getValue() == null) {
                finalValues.remove(c.getKey());
            } else {
                finalValues.put(c.getKey(), c.getValue());
            }
        });
        // checkpoint 4 wrote every key again, then deleted key 3
        assertThat(finalValues).containsOnly(Map.entry("0", value(0, "4-0")), Map.entry("1", value(1, "4-1")),
                Map.entry("2", value(2, "4-2")), Map.entry("4", value(4, "4-4")));
    }

    @Test
    void shouldNeedAPrimaryKey() {
        assertThatThrownBy(() -> sink("upsert-kafka", SCHEMA, List.of(), List.of(), upsertOptions("t")))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("Table 'out': connector 'upsert-kafka' needs a PRIMARY KEY");
    }

    @Test
    void shouldNeedBothBufferOptions() {
        assertThatThrownBy(() -> upsertSink(upsertOptions("t", "sink.buffer-flush.max-rows", "10")))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("Table 'out': options 'sink.buffer-flush.max-rows' and"
                        + " 'sink.buffer-flush.interval' must both be greater than zero");
    }
}
