package io.sluice.connectors.kafka.sink;

import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.context;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.ids;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.insert;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.kafkaSink;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.openTransactional;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.options;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.range;
import static io.sluice.connectors.kafka.sink.KafkaSinkHarness.row;
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
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.kafka.broker.LocalKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exactly-once Kafka sink restored at another parallelism, readers not held back by a crashed
 * run's open transaction, and its start-up errors; against a real broker.
 */
@Tag("integration")
@Timeout(120)
class KafkaExactlyOnceSinkRecoveryTest {
    private static final String SINK_ID = "job-2-out";
    private static final int PER_CHECKPOINT = 10;
    private static final int TOTAL = 60;

    private final List<SinkWriter> abandoned = new ArrayList<>();

    @AfterEach
    void releaseAbandonedWriters() throws Exception {
        for (SinkWriter writer : abandoned) {
            writer.close();
        }
    }

    private static TableSink exactlyOnceSink(String topic, String... more) {
        Map<String, String> options = options(topic, "sink.delivery-guarantee", "exactly-once",
                "sink.transactional-id-prefix", "eo-" + topic);
        options.putAll(ConnectorTestSupport.options(more));
        return kafkaSink(options);
    }

    /** Writes the ids of checkpoint {@code checkpoint} that belong to {@code subtask} of {@code parallelism}. */
    private static void writeShare(SinkWriter writer, long checkpoint, int subtask, int parallelism) throws Exception {
        for (long id = (checkpoint - 1) * PER_CHECKPOINT; id < checkpoint * PER_CHECKPOINT; id++) {
            if (id % parallelism == subtask) {
                writer.write(RowKind.INSERT, row(id));
            }
        }
    }

    /**
     * Two subtasks run checkpoints 1..3; at 3 subtask 0 commits and subtask 1 dies before its commit
     * (its transaction open). Checkpoint 3 is restored into {@code newParallelism} subtasks (old j to
     * new j mod p), which write the rest.
     */
    @ParameterizedTest(name = "2 subtasks restored into {0}")
    @ValueSource(ints = {1, 3})
    void shouldLoseAndDoubleNothingWhenRescaled(int newParallelism) throws Exception {
        String topic = KafkaTestSupport.newTopic("eo-rescale", 2);
        TableSink sink = exactlyOnceSink(topic);
        long crashAt = 3;
        List<byte[]> states = new ArrayList<>();
        CommitHook dieMidCommit = (step, id) -> {
            if (id == crashAt && step == CommitStep.MARKER_SENT) {
                throw new SimulatedCrash("subtask 1 before commitTransaction");
            }
        };
        List<TransactionalKafkaSinkWriter> old = List.of(
                openTransactional(sink, 0, 2, SINK_ID, List.of(), CommitHook.NONE),
                openTransactional(sink, 1, 2, SINK_ID, List.of(), dieMidCommit));
        abandoned.addAll(old);
        for (long checkpoint = 1; checkpoint <= crashAt; checkpoint++) {
            for (int s = 0; s < 2; s++) {
                writeShare(old.get(s), checkpoint, s, 2);
            }
            for (int s = 0; s < 2; s++) {
                byte[] state = old.get(s).snapshotState(checkpoint);
                if (checkpoint == crashAt) {
                    states.add(state);
                }
            }
            old.get(0).notifyCheckpointComplete(checkpoint);
            if (checkpoint < crashAt) {
                old.get(1).notifyCheckpointComplete(checkpoint);
            } else {
                assertThatThrownBy(() -> old.get(1).notifyCheckpointComplete(crashAt))
                        .isInstanceOf(SimulatedCrash.class);
            }
        }

        List<TransactionalKafkaSinkWriter> resumed = new ArrayList<>();
        for (int i = 0; i < newParallelism; i++) {
            List<byte[]> inherited = new ArrayList<>();
            for (int j = 0; j < states.size(); j++) {
                if (j % newParallelism == i) {
                    inherited.add(states.get(j));
                }
            }
            resumed.add(openTransactional(sink, i, newParallelism, SINK_ID, inherited, CommitHook.NONE));
        }
        for (long checkpoint = crashAt + 1; checkpoint <= TOTAL / PER_CHECKPOINT; checkpoint++) {
            for (int i = 0; i < newParallelism; i++) {
                writeShare(resumed.get(i), checkpoint, i, newParallelism);
                resumed.get(i).snapshotState(checkpoint);
            }
            for (TransactionalKafkaSinkWriter writer : resumed) {
                writer.notifyCheckpointComplete(checkpoint);
            }
        }
        for (TransactionalKafkaSinkWriter writer : resumed) {
            writer.finish();
            writer.close();
        }

        List<Long> read = ids(KafkaTestSupport.readCommitted(topic, TOTAL, Duration.ofSeconds(30), Duration.ofSeconds(1)));
        assertThat(read).containsExactlyInAnyOrderElementsOf(range(0, TOTAL));
    }

    /**
     * A crash inside a commit leaves a transaction open on the broker; until it ends, read_committed
     * readers stop before it. The restarted writer's initTransactions aborts it, so rows written
     * after the restart are readable (with a transaction timeout of 10 minutes, waiting for the
     * broker to time it out would not be).
     */
    @ParameterizedTest(name = "restarted with state: {0}")
    @ValueSource(booleans = {true, false})
    void shouldNotHoldBackReadersAfterACrashWithAnOpenTransaction(boolean withState) throws Exception {
        String topic = KafkaTestSupport.newTopic("eo-stall", 1);
        TableSink sink = exactlyOnceSink(topic, "properties.transaction.timeout.ms", "600000");
        CommitHook dieBeforeCommit = (step, id) -> {
            if (id == 2 && step == CommitStep.MARKER_SENT) {
                throw new SimulatedCrash("with the transaction of checkpoint 2 open");
            }
        };
        TransactionalKafkaSinkWriter first = openTransactional(sink, 0, 1, SINK_ID, List.of(), dieBeforeCommit);
        abandoned.add(first);
        insert(first, 0, 10);
        first.snapshotState(1);
        first.notifyCheckpointComplete(1);
        insert(first, 10, 20);
        byte[] state = first.snapshotState(2);
        assertThatThrownBy(() -> first.notifyCheckpointComplete(2)).isInstanceOf(SimulatedCrash.class);

        try (TransactionalKafkaSinkWriter second = openTransactional(sink, 0, 1, SINK_ID,
                withState ? List.of(state) : List.of(), CommitHook.NONE)) {
            insert(second, 100, 110);
            second.snapshotState(3);
            second.notifyCheckpointComplete(3);
        }
        List<Long> expected = range(0, withState ? 20 : 10);
        expected.addAll(range(100, 110));
        // progress, not speed: the rows written after the restart are visible to a new reader
        assertThat(ids(KafkaTestSupport.readCommitted(topic, expected.size(), Duration.ofSeconds(30),
                Duration.ofMillis(500)))).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldRefuseExactlyOnceWithoutCheckpoints() {
        String topic = KafkaTestSupport.newTopic("eo-no-checkpoints", 1);
        SinkWriter writer = exactlyOnceSink(topic).createWriter(0, 1);
        assertThatThrownBy(() -> writer.open(context(0, 1, SINK_ID, List.of(), false)))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("Table 'out'")
                .hasMessageContaining("'sink.delivery-guarantee' = 'exactly-once'")
                .hasMessageContaining("execution.checkpointing.interval")
                .hasMessageContaining("state.dir")
                .satisfies(e -> assertThat(((SluiceException) e).code()).isEqualTo(ErrorCode.OPTION_ERROR));
    }

    /** A broker whose transactions may last 20 s at most. */
    @Test
    void shouldCheckTheTransactionTimeoutAgainstTheBrokersMaximum(@TempDir Path dir) throws Exception {
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dir, 0, Map.of("transaction.max.timeout.ms", "20000"))) {
            String servers = broker.bootstrapServers();
            String topic = "eo-timeout";
            Map<String, String> tooLong = options(topic, "properties.bootstrap.servers", servers,
                    "sink.delivery-guarantee", "exactly-once", "properties.transaction.timeout.ms", "60000");
            SinkWriter writer = kafkaSink(tooLong).createWriter(0, 1);
            assertThatThrownBy(() -> writer.open(context(0, 1, SINK_ID, List.of(), true)))
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("Table 'out'")
                    .hasMessageContaining("'properties.transaction.timeout.ms' is 60000 ms")
                    .hasMessageContaining("transaction.max.timeout.ms (20000 ms)");

            // the same check when the broker's maximum cannot be read first: initTransactions refuses
            KafkaSinkConfig config = ((KafkaTableSink) kafkaSink(tooLong)).config();
            assertThatThrownBy(() -> new KafkaClients(config).initializedTransactionalProducer("eo-timeout-0", 60000))
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("'properties.transaction.timeout.ms' is 60000 ms");

            // without a timeout of its own the sink stays within the broker's maximum, and works
            Map<String, String> unset = options(topic, "properties.bootstrap.servers", servers,
                    "sink.delivery-guarantee", "exactly-once");
            try (SinkWriter ok = kafkaSink(unset).createWriter(0, 1)) {
                ok.open(context(0, 1, SINK_ID, List.of(), true));
                insert(ok, 0, 3);
                ok.snapshotState(1);
                ok.notifyCheckpointComplete(1);
                ok.finish();
            }
            assertThat(ids(KafkaTestSupport.readCommitted(servers, topic, 3, Duration.ofSeconds(20),
                    Duration.ofMillis(300)))).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void shouldFailAtTheEndWhenRowsWereNotCommittedThroughACheckpoint() throws Exception {
        String topic = KafkaTestSupport.newTopic("eo-finish", 1);
        try (TransactionalKafkaSinkWriter writer = openTransactional(exactlyOnceSink(topic), 0, 1, SINK_ID, List.of(),
                CommitHook.NONE)) {
            insert(writer, 0, 2);
            assertThatThrownBy(writer::finish)
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("2 records not committed through a checkpoint");
        }
    }

    @Test
    void shouldFailInsteadOfExhaustingMemory() throws Exception {
        String topic = KafkaTestSupport.newTopic("eo-memory", 1);
        KafkaSinkConfig config = ((KafkaTableSink) exactlyOnceSink(topic)).config();
        try (TransactionalKafkaSinkWriter writer = new TransactionalKafkaSinkWriter(config, 0, 1000)) {
            writer.open(context(0, 1, SINK_ID, List.of(), true));
            assertThatThrownBy(() -> insert(writer, 0, 100))
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("keeps the records of a checkpoint interval in memory")
                    .hasMessageContaining("execution.checkpointing.interval");
        }
    }
}
